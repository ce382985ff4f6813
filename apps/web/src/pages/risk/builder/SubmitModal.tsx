/** "Submit for publish" (提交发布): as the new champion, or as a challenger with a share of traffic. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, InputNumber, Modal, Radio } from 'antd'
import { api } from '../../../shared/api/client'
import { reportFormError } from '../../../shared/forms'
import { useT } from '../../../shared/i18n'
import { RISK } from '../api'

type SubmitValues = { target: 'champion' | 'challenger'; challengerShare?: number; comment?: string }

export function SubmitModal({
  versionId,
  open,
  onClose,
  beforeSubmit,
}: {
  versionId: string
  open: boolean
  onClose: () => void
  beforeSubmit: () => Promise<boolean>
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<SubmitValues>()
  const target = Form.useWatch('target', form)
  const submit = useMutation({
    mutationFn: async (values: SubmitValues) => {
      if (!(await beforeSubmit())) return null
      return api.post<{ approvalId: string }>(RISK.versionSubmit(versionId), {
        target: values.target,
        ...(values.target === 'challenger' ? { challengerShare: values.challengerShare ?? 10 } : {}),
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      })
    },
    onSuccess: (answer) => {
      if (!answer) return
      message.success(t('risk.version.submitted'))
      void queryClient.invalidateQueries({ queryKey: ['risk'] })
      void queryClient.invalidateQueries({ queryKey: ['list'] })
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  return (
    <Modal
      open={open}
      title={t('risk.version.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: submit.isPending, 'data-testid': 'submit-confirm' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ target: 'champion', challengerShare: 10 }}
        onFinish={(values) => submit.mutate(values)}
      >
        <Form.Item name="target" label={t('risk.version.target')}>
          <Radio.Group
            options={[
              { value: 'champion', label: t('risk.scene.champion') },
              { value: 'challenger', label: t('risk.scene.challenger') },
            ]}
          />
        </Form.Item>
        {target === 'challenger' && (
          <Form.Item name="challengerShare" label={t('risk.scene.challengerShare')} extra={t('risk.scene.shareHint')}>
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
        )}
        <Form.Item name="comment" label={t('risk.version.comment')}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="submit-comment" />
        </Form.Item>
        <p style={{ color: '#8c8c8c' }}>{t('risk.version.fourEyesHint')}</p>
      </Form>
    </Modal>
  )
}
