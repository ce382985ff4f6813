import { Card, Select, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { User } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { ListActions, SearchFilter, SelectFilter } from '../../shared/list/ListControls'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutions } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'
import { ResetPasswordModal } from './ResetPasswordModal'
import { UserActions } from './UserActions'
import { UserFormModal } from './UserFormModal'
import { OnlineBadge, UserStatusTags } from './UserStatusTag'

type UserFilters = { q?: string; status?: string; institutionId?: string; online?: string }

export function UsersPage() {
  const t = useT()
  const { can } = usePermissions()
  const institutions = useInstitutions()
  // Newest first, so someone just created is at the top.
  const list = usePagedList<User, UserFilters>({
    path: '/api/v1/users',
    initialSort: { sort: 'createdAt', order: 'desc' },
  })
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<User | null>(null)
  const [resetting, setResetting] = useState<User | null>(null)

  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('users.username'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'username'),
      render: (username: string, user) => <Link to={`/system/users/${user.id}`}>{username}</Link>,
    },
    {
      key: 'displayName',
      dataIndex: 'displayName',
      title: t('users.displayName'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'displayName'),
    },
    { key: 'institutionName', dataIndex: 'institutionName', title: t('users.institution') },
    { key: 'teamName', dataIndex: 'teamName', title: t('users.team'), render: (name: string | null) => name ?? '—' },
    {
      key: 'positions',
      title: t('users.positions'),
      render: (_value, user) => (
        <Space size={[4, 4]} wrap>
          {user.positions.map((position) => (
            <Tag key={position.id}>{position.name}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'status', title: t('users.status'), render: (_value, user) => <UserStatusTags user={user} /> },
    {
      key: 'online',
      dataIndex: 'online',
      title: t('users.online'),
      render: (online: boolean) => <OnlineBadge online={online} />,
    },
    {
      key: 'lastLoginAt',
      dataIndex: 'lastLoginAt',
      title: t('users.lastLoginAt'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'lastLoginAt'),
      render: formatDateTime,
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('users.createdAt'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'createdAt'),
      render: formatDateTime,
    },
  ]
  if (can('user.manage'))
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_value, user) => <UserActions user={user} onEdit={setEditing} onResetPassword={setResetting} />,
    })

  return (
    <PageHeader
      title={t('users.title')}
      extra={
        <ListActions
          onRefresh={list.refetch}
          create={{
            permission: 'user.manage',
            label: t('users.create'),
            onClick: () => setCreating(true),
            testId: 'create-user',
          }}
        />
      }
    >
      <Card>
        <div className="xd-filters">
          <SearchFilter list={list} placeholder={t('users.searchPlaceholder')} testId="users-search" />
          <SelectFilter
            list={list}
            field="status"
            values={['active', 'frozen', 'locked'] as const}
            label={(status) => t(`users.status.${status}`)}
            placeholder={t('users.filterStatus')}
          />
          {can('institution.read') && (institutions.data?.length ?? 0) > 1 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('users.institution')}
              style={{ width: 200 }}
              value={list.filters.institutionId}
              onChange={(institutionId?: string) => list.setFilters({ institutionId })}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          )}
          <SelectFilter
            list={list}
            field="online"
            values={['true', 'false'] as const}
            label={(online) => t(`users.online.${online}`)}
            placeholder={t('users.filterOnline')}
            width={120}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<User> {...list.tableProps} columns={columns} scroll={{ x: 'max-content' }} data-testid="users-table" />
      </Card>
      <UserFormModal open={creating} onClose={() => setCreating(false)} />
      <UserFormModal open={Boolean(editing)} user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageHeader>
  )
}
