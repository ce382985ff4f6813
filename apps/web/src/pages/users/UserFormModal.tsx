import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import type { User } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { useInstitutions, usePositions, useTeams } from '../../shared/reference'

type UserFormValues = {
  username: string
  displayName: string
  password: string
  institutionId?: string
  teamId?: string | null
  positionIds: string[]
}

type UserFormModalProps = {
  open: boolean
  /** The user to edit; absent when creating. */
  user?: User | null
  onClose: () => void
  onSaved?: (user: User) => void
}

export function UserFormModal({ open, user, onClose, onSaved }: UserFormModalProps) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { me, can } = usePermissions()
  const [form] = Form.useForm<UserFormValues>()
  const institutions = useInstitutions()
  const teams = useTeams()
  const positions = usePositions()
  const editing = Boolean(user)
  // Platform staff create users for any institution; institution staff create them in their own.
  const chooseInstitution = !editing && me?.scope === 'platform' && can('institution.read')

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      user
        ? { displayName: user.displayName, teamId: user.teamId, positionIds: user.positions.map((p) => p.id) }
        : { institutionId: me?.institution.id, positionIds: [] },
    )
  }, [open, user, form, me])

  const selectedInstitution = Form.useWatch('institutionId', form) ?? user?.institutionId ?? me?.institution.id
  const belongs = (institutionId: string | null) => !institutionId || institutionId === selectedInstitution

  const save = useMutation({
    mutationFn: (values: UserFormValues) => {
      if (user) {
        const teamId = values.teamId ?? null
        return api.patch<User>(`/api/v1/users/${user.id}`, {
          displayName: values.displayName,
          positionIds: values.positionIds ?? [],
          ...(teamId !== user.teamId ? { teamId } : {}),
        })
      }
      return api.post<User>('/api/v1/users', {
        username: values.username,
        displayName: values.displayName,
        password: values.password,
        positionIds: values.positionIds ?? [],
        ...(chooseInstitution && values.institutionId ? { institutionId: values.institutionId } : {}),
        ...(values.teamId ? { teamId: values.teamId } : {}),
      })
    },
    onSuccess: (saved, values) => {
      message.success(
        user ? t('common.saved') : t('users.createdOk', { name: saved?.displayName || values.displayName }),
      )
      void invalidateList(queryClient, '/api/v1/users')
      void invalidateList(queryClient, '/api/v1/institutions')
      if (saved?.id) queryClient.setQueryData(['user', saved.id], saved)
      onSaved?.(saved)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]

  return (
    <Modal
      open={open}
      title={editing ? t('users.edit') : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'user-form-submit' }}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="user-form">
        {!editing && (
          <Form.Item name="username" label={t('users.username')} rules={required(t('users.username'))}>
            <Input autoComplete="off" name="username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
          <Input name="displayName" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('users.passwordHint')}
            rules={required(t('users.password'))}
          >
            <Input.Password autoComplete="new-password" name="password" />
          </Form.Item>
        )}
        {chooseInstitution && (
          <Form.Item name="institutionId" label={t('users.institution')} rules={required(t('users.institution'))}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={institutions.isLoading}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: `${i.name} (${i.code})` }))}
              onChange={() => form.setFieldsValue({ teamId: undefined, positionIds: [] })}
            />
          </Form.Item>
        )}
        <Form.Item name="teamId" label={t('users.team')}>
          <Select
            allowClear
            placeholder={t('users.noTeam')}
            loading={teams.isLoading}
            options={(teams.data ?? [])
              .filter((team) => belongs(team.institutionId))
              .map((team) => ({
                value: team.id,
                label: team.name,
              }))}
          />
        </Form.Item>
        <Form.Item name="positionIds" label={t('users.positions')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={positions.isLoading}
            data-testid="user-positions"
            options={(positions.data ?? [])
              .filter((position) => belongs(position.institutionId))
              .map((position) => ({ value: position.id, label: `${position.roleName} · ${position.name}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
