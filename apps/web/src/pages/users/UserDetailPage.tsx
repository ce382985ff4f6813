import { ArrowLeftOutlined, AuditOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import type { User } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { ResetPasswordModal } from './ResetPasswordModal'
import { UserActions } from './UserActions'
import { UserFormModal } from './UserFormModal'
import { OnlineBadge, UserStatusTags } from './UserStatusTag'

export function UserDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const { id = '' } = useParams()
  const [editing, setEditing] = useState<User | null>(null)
  const [resetting, setResetting] = useState<User | null>(null)
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: ({ signal }) => api.get<User>(`/api/v1/users/${encodeURIComponent(id)}`, undefined, { signal }),
  })

  if (user.isLoading) return <Skeleton active />
  if (isApiError(user.error) && user.error.status === 404)
    return <Result status="404" title={t('common.notFound')} subTitle={user.error.displayMessage} />
  if (!user.data) return <LoadError error={user.error} onRetry={() => user.refetch()} />
  const data = user.data

  return (
    <PageHeader
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          {t('users.detail')} · {data.displayName}
        </Space>
      }
      extra={
        <Can permission="audit.read">
          <Link to={`/system/audit?objectId=${encodeURIComponent(data.id)}`} data-testid="user-audit-link">
            <Button icon={<AuditOutlined />}>{t('nav.audit')}</Button>
          </Link>
        </Can>
      }
    >
      <Card extra={<UserActions user={data} onEdit={setEditing} onResetPassword={setResetting} />}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'username', label: t('users.username'), children: data.username },
            { key: 'displayName', label: t('users.displayName'), children: data.displayName },
            { key: 'institution', label: t('users.institution'), children: data.institutionName },
            { key: 'team', label: t('users.team'), children: data.teamName ?? t('users.noTeam') },
            {
              key: 'positions',
              label: t('users.positions'),
              span: 2,
              children: (
                <Space size={[4, 4]} wrap>
                  {data.positions.length
                    ? data.positions.map((position) => <Tag key={position.id}>{position.name}</Tag>)
                    : t('common.none')}
                </Space>
              ),
            },
            { key: 'status', label: t('users.status'), children: <UserStatusTags user={data} /> },
            { key: 'online', label: t('users.online'), children: <OnlineBadge online={data.online} /> },
            { key: 'lastLoginAt', label: t('users.lastLoginAt'), children: formatDateTime(data.lastLoginAt) },
            { key: 'createdAt', label: t('users.createdAt'), children: formatDateTime(data.createdAt) },
          ]}
        />
      </Card>
      <UserFormModal open={Boolean(editing)} user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageHeader>
  )
}
