import { PlusOutlined } from '@ant-design/icons'
import { Button, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import type { Role } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { useT } from '../../shared/i18n'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames } from '../../shared/reference'
import { LoadError } from '../../shared/ui'
import { RoleFormModal } from './RoleFormModal'

export function RolesTab() {
  const t = useT()
  const { can } = usePermissions()
  const institutionName = useInstitutionNames()
  const list = usePagedList<Role>({ path: '/api/v1/roles' })
  const [creating, setCreating] = useState(false)
  const [renaming, setRenaming] = useState<Role | null>(null)

  const columns: TableColumnsType<Role> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('roles.code'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'code'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('roles.name'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'name'),
    },
    {
      key: 'institution',
      dataIndex: 'institutionId',
      title: t('common.institution'),
      render: (id: string | null) => institutionName(id) ?? t('common.platformWide'),
    },
    { key: 'positionCount', dataIndex: 'positionCount', title: t('roles.positionCount') },
  ]
  if (can('role.manage'))
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_value, role) => (
        <Button type="link" size="small" onClick={() => setRenaming(role)}>
          {t('roles.rename')}
        </Button>
      ),
    })

  return (
    <>
      <div className="xd-filters" style={{ justifyContent: 'flex-end' }}>
        <Can permission="role.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('roles.create')}
          </Button>
        </Can>
      </div>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Table<Role> {...list.tableProps} columns={columns} />
      <RoleFormModal open={creating} onClose={() => setCreating(false)} />
      <RoleFormModal open={Boolean(renaming)} role={renaming} onClose={() => setRenaming(null)} />
    </>
  )
}
