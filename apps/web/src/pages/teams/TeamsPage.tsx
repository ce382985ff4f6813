import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import type { Team } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { reportFormError } from '../../shared/forms'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
import { compareBy, useArrayList } from '../../shared/list/useArrayList'
import { invalidateList } from '../../shared/list/usePagedList'
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
  const list = useArrayList<Team, { institutionId?: string }>('/api/v1/teams')
  const [creating, setCreating] = useState(false)

  const columns: TableColumnsType<Team> = [
    { key: 'name', dataIndex: 'name', title: t('teams.name'), sorter: compareBy((team) => team.name) },
    {
      key: 'institution',
      dataIndex: 'institutionId',
      title: t('common.institution'),
      render: (id: string | null) => institutionName(id) ?? t('common.platformWide'),
    },
    {
      key: 'members',
      dataIndex: 'memberCount',
      title: t('teams.members'),
      sorter: compareBy((team) => team.memberCount),
      render: (count?: number) => count ?? '—',
    },
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
        <div className="xd-filters">
          <InstitutionFilter
            value={list.filters.institutionId}
            onChange={(institutionId) => list.setFilters({ institutionId })}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Team> {...list.tableProps} columns={columns} />
      </Card>
      <TeamFormModal open={creating} onClose={() => setCreating(false)} />
    </PageHeader>
  )
}
