import { ArrowLeftOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Descriptions, Result, Skeleton, Space, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import type { Institution, User } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { formatCount, formatDate, formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../shared/ui'
import { OnlineBadge, UserStatusTags } from '../users/UserStatusTag'
import { InstitutionActions } from './InstitutionActions'
import { InstitutionFormModal } from './InstitutionFormModal'
import { InstitutionKindTag, InstitutionStatusTag } from './InstitutionTags'

function InstitutionUsers({ institutionId }: { institutionId: string }) {
  const t = useT()
  const list = usePagedList<User, { institutionId: string }>({
    path: '/api/v1/users',
    initialFilters: { institutionId },
    pageSize: 10,
  })
  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('users.username'),
      render: (username: string, user) => <Link to={`/system/users/${user.id}`}>{username}</Link>,
    },
    { key: 'displayName', dataIndex: 'displayName', title: t('users.displayName') },
    { key: 'status', title: t('users.status'), render: (_value, user) => <UserStatusTags user={user} /> },
    {
      key: 'online',
      dataIndex: 'online',
      title: t('users.online'),
      render: (online: boolean) => <OnlineBadge online={online} />,
    },
    { key: 'lastLoginAt', dataIndex: 'lastLoginAt', title: t('users.lastLoginAt'), render: formatDateTime },
  ]
  return (
    <Card title={t('institutions.users')}>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Table<User> {...list.tableProps} columns={columns} size="small" />
    </Card>
  )
}

export function InstitutionDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const { can } = usePermissions()
  const { id = '' } = useParams()
  const [editing, setEditing] = useState<Institution | null>(null)
  const institution = useQuery({
    queryKey: ['institution', id],
    queryFn: ({ signal }) =>
      api.get<Institution>(`/api/v1/institutions/${encodeURIComponent(id)}`, undefined, { signal }),
  })
  if (institution.isLoading) return <Skeleton active />
  if (isApiError(institution.error) && institution.error.status === 404)
    return <Result status="404" title={t('common.notFound')} subTitle={institution.error.displayMessage} />
  if (!institution.data) return <LoadError error={institution.error} onRetry={() => institution.refetch()} />
  const data = institution.data
  return (
    <PageHeader
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          {t('institutions.detail')} · {data.name}
        </Space>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card extra={<InstitutionActions institution={data} onEdit={setEditing} />}>
          <Descriptions
            column={{ xs: 1, md: 2, xl: 3 }}
            bordered
            size="small"
            items={[
              { key: 'code', label: t('institutions.code'), children: <span className="xd-mono">{data.code}</span> },
              { key: 'name', label: t('institutions.name'), children: data.name },
              { key: 'kind', label: t('institutions.kind'), children: <InstitutionKindTag kind={data.kind} /> },
              {
                key: 'status',
                label: t('institutions.status'),
                children: <InstitutionStatusTag status={data.status} />,
              },
              { key: 'businessDate', label: t('institutions.businessDate'), children: formatDate(data.businessDate) },
              { key: 'userCount', label: t('institutions.userCount'), children: formatCount(data.userCount) },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(data.createdAt) },
            ]}
          />
        </Card>
        {can('user.read') && <InstitutionUsers institutionId={data.id} />}
      </Space>
      <InstitutionFormModal open={Boolean(editing)} institution={editing} onClose={() => setEditing(null)} />
    </PageHeader>
  )
}
