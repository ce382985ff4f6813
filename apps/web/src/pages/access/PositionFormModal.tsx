import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import type { Position, Scope } from '../../shared/api/types'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { useRoles } from '../../shared/reference'
import { OperationsChecklist } from './OperationsChecklist'

type PositionFormValues = { roleId: string; code: string; name: string; scope: Scope; operations: string[] }

export const SCOPES: Scope[] = ['own', 'team', 'institution', 'platform']

/** Creates a position under a role, or edits one (`position` given): name, scope and operations. */
export function PositionFormModal({
  open,
  position,
  onClose,
}: {
  open: boolean
  position?: Position | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const roles = useRoles()
  const [form] = Form.useForm<PositionFormValues>()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      position
        ? { name: position.name, scope: position.scope, operations: position.operations }
        : { scope: 'own', operations: [] },
    )
  }, [open, position, form])

  const save = useMutation({
    mutationFn: (values: PositionFormValues) => {
      if (position)
        return api.patch<Position>(`/api/v1/positions/${position.id}`, {
          name: values.name,
          scope: values.scope,
          operations: values.operations ?? [],
        })
      const role = roles.data?.find((candidate) => candidate.id === values.roleId)
      return api.post<Position>('/api/v1/positions', {
        roleId: values.roleId,
        code: values.code,
        name: values.name,
        scope: values.scope,
        operations: values.operations ?? [],
        ...(role?.institutionId ? { institutionId: role.institutionId } : {}),
      })
    },
    onSuccess: () => {
      message.success(position ? t('common.saved') : t('common.created'))
      void invalidateList(queryClient, '/api/v1/positions')
      void invalidateList(queryClient, '/api/v1/roles')
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]

  return (
    <Modal
      open={open}
      title={position ? `${t('positions.edit')} · ${position.roleName}` : t('positions.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
      width={760}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {!position && (
          <Form.Item name="roleId" label={t('positions.role')} rules={required(t('positions.role'))}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={roles.isLoading}
              options={(roles.data ?? []).map((role) => ({ value: role.id, label: `${role.name} (${role.code})` }))}
            />
          </Form.Item>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: position ? '1fr 1fr' : '1fr 1fr 1fr', gap: 12 }}>
          {!position && (
            <Form.Item name="code" label={t('positions.code')} rules={required(t('positions.code'))}>
              <Input className="xd-mono" />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('positions.name')} rules={required(t('positions.name'))}>
            <Input />
          </Form.Item>
          <Form.Item name="scope" label={t('positions.scope')} rules={required(t('positions.scope'))}>
            <Select options={SCOPES.map((scope) => ({ value: scope, label: t(`scope.${scope}`) }))} />
          </Form.Item>
        </div>
        <Form.Item name="operations" label={t('positions.operations')}>
          <OperationsChecklist />
        </Form.Item>
      </Form>
    </Modal>
  )
}
