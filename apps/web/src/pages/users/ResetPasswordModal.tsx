import { useMutation } from '@tanstack/react-query'
import { App, Form, Input, Modal } from 'antd'
import { api } from '../../shared/api/client'
import type { User } from '../../shared/api/types'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ newPassword: string }>()
  const reset = useMutation({
    mutationFn: ({ newPassword }: { newPassword: string }) =>
      api.post(`/api/v1/users/${user?.id}/reset-password`, { newPassword }),
    onSuccess: () => {
      message.success(t('users.passwordResetOk', { name: user?.displayName || user?.username || '' }))
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  return (
    <Modal
      open={Boolean(user)}
      title={t('users.resetPasswordTitle', { name: user?.displayName || user?.username || '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: reset.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => reset.mutate(values)}>
        <Form.Item
          name="newPassword"
          label={t('users.newPassword')}
          extra={t('users.passwordHint')}
          rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}
