import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import type { Role } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { useInstitutions } from '../../shared/reference'

type RoleFormValues = { code: string; name: string; institutionId?: string }

/** Creates a role, or renames one (`role` given): the code of an existing role never changes. */
export function RoleFormModal({ open, role, onClose }: { open: boolean; role?: Role | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { me, can } = usePermissions()
  const institutions = useInstitutions()
  const [form] = Form.useForm<RoleFormValues>()
  const chooseInstitution = !role && me?.scope === 'platform' && can('institution.read')

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(role ? { name: role.name } : { institutionId: me?.institution.id })
  }, [open, role, form, me])

  const save = useMutation({
    mutationFn: (values: RoleFormValues) =>
      role
        ? api.patch<Role>(`/api/v1/roles/${role.id}`, { name: values.name })
        : api.post<Role>('/api/v1/roles', {
            code: values.code,
            name: values.name,
            ...(values.institutionId ? { institutionId: values.institutionId } : {}),
          }),
    onSuccess: () => {
      message.success(role ? t('common.saved') : t('common.created'))
      void invalidateList(queryClient, '/api/v1/roles')
      void invalidateList(queryClient, '/api/v1/positions')
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  return (
    <Modal
      open={open}
      title={role ? t('roles.renameTitle') : t('roles.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {!role && (
          <Form.Item
            name="code"
            label={t('roles.code')}
            extra={t('roles.codeHint')}
            rules={[{ required: true, message: t('common.required', { field: t('roles.code') }) }]}
          >
            <Input className="xd-mono" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, message: t('common.required', { field: t('roles.name') }) }]}
        >
          <Input />
        </Form.Item>
        {chooseInstitution && (
          <Form.Item name="institutionId" label={t('common.institution')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
