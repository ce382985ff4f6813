import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import type { Team } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList, sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames, useInstitutions } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'

type TeamFormValues = { name: string; institutionId?: string }

function TeamFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { me, can } = usePermissions()
  const institutions = useInstitutions()
  const [form] = Form.useForm<TeamFormValues>()
  const chooseInstitution = me?.scope === 'platform' && can('institution.read')
  const create = useMutation({
    mutationFn: (values: TeamFormValues) =>
      api.post<Team>('/api/v1/teams', {
        name: values.name,
        ...(values.institutionId ? { institutionId: values.institutionId } : {}),
      }),
    onSuccess: () => {
      message.success(t('common.created'))
      void invalidateList(queryClient, '/api/v1/teams')
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  return (
    <Modal
      open={open}
      title={t('teams.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ institutionId: me?.institution.id }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('teams.name')}
          rules={[{ required: true, message: t('common.required', { field: t('teams.name') }) }]}
        >
          <Input autoFocus />
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

export function TeamsPage() {
  const t = useT()
  const institutionName = useInstitutionNames()
  const list = usePagedList<Team>({ path: '/api/v1/teams' })
  const [creating, setCreating] = useState(false)
  const hasCount = list.items.some((team) => team.memberCount !== undefined || team.userCount !== undefined)
  const hasCreatedAt = list.items.some((team) => team.createdAt)

  const columns: TableColumnsType<Team> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('teams.name'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'name'),
    },
    {
      key: 'institution',
      title: t('common.institution'),
      render: (_value, team) => team.institutionName ?? institutionName(team.institutionId) ?? t('common.platformWide'),
    },
    ...(hasCount
      ? [
          {
            key: 'members',
            title: t('teams.members'),
            render: (_value: unknown, team: Team) => team.memberCount ?? team.userCount,
          },
        ]
      : []),
    ...(hasCreatedAt
      ? [{ key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: formatDateTime }]
      : []),
  ]

  return (
    <PageHeader
      title={t('teams.title')}
      extra={
        <Can permission="role.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('teams.create')}
          </Button>
        </Can>
      }
    >
      <Card>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Team> {...list.tableProps} columns={columns} />
      </Card>
      <TeamFormModal open={creating} onClose={() => setCreating(false)} />
    </PageHeader>
  )
}
