import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import type { Institution, InstitutionStatus } from '../../shared/api/types'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'

type InstitutionFormValues = { code: string; name: string; status?: InstitutionStatus }

/** New lenders are created here; the platform operator itself exists from the start. */
export function InstitutionFormModal({
  open,
  institution,
  onClose,
}: {
  open: boolean
  institution?: Institution | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<InstitutionFormValues>()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (institution) form.setFieldsValue({ name: institution.name, status: institution.status })
  }, [open, institution, form])

  const save = useMutation({
    mutationFn: (values: InstitutionFormValues) =>
      institution
        ? api.patch<Institution>(`/api/v1/institutions/${institution.id}`, {
            name: values.name,
            ...(values.status && values.status !== institution.status ? { status: values.status } : {}),
          })
        : api.post<Institution>('/api/v1/institutions', { code: values.code, name: values.name, kind: 'lender' }),
    onSuccess: (saved) => {
      message.success(institution ? t('common.saved') : t('common.created'))
      void invalidateList(queryClient, '/api/v1/institutions')
      if (saved?.id) queryClient.setQueryData(['institution', saved.id], saved)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  return (
    <Modal
      open={open}
      title={institution ? t('institutions.edit') : t('institutions.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {!institution && (
          <Form.Item
            name="code"
            label={t('institutions.code')}
            extra={t('institutions.codeHint')}
            rules={[{ required: true, message: t('common.required', { field: t('institutions.code') }) }]}
          >
            <Input className="xd-mono" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('institutions.name')}
          rules={[{ required: true, message: t('common.required', { field: t('institutions.name') }) }]}
        >
          <Input />
        </Form.Item>
        {institution && institution.kind !== 'platform' && (
          <Form.Item name="status" label={t('institutions.status')}>
            <Select
              options={(['active', 'suspended'] as const).map((status) => ({
                value: status,
                label: t(`institutions.status.${status}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
