import { PlusOutlined } from '@ant-design/icons'
import { Button, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import type { Role } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
import { compareBy, useArrayList } from '../../shared/list/useArrayList'
import { useInstitutionNames } from '../../shared/reference'
import { LoadError } from '../../shared/ui'
import { RoleFormModal } from './RoleFormModal'

export function RolesTab() {
  const t = useT()
  const { can } = usePermissions()
  const institutionName = useInstitutionNames()
  const list = useArrayList<Role, { institutionId?: string }>('/api/v1/roles')
  const [creating, setCreating] = useState(false)
  const [renaming, setRenaming] = useState<Role | null>(null)

  const columns: TableColumnsType<Role> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('roles.code'),
      sorter: compareBy((role) => role.code),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    { key: 'name', dataIndex: 'name', title: t('roles.name'), sorter: compareBy((role) => role.name) },
    {
      key: 'institution',
      dataIndex: 'institutionId',
      title: t('common.institution'),
      render: (id: string | null) => institutionName(id) ?? t('common.platformWide'),
    },
    {
      key: 'positionCount',
      dataIndex: 'positionCount',
      title: t('roles.positionCount'),
      sorter: compareBy((role) => role.positionCount),
    },
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
      <div className="xd-filters">
        <InstitutionFilter
          value={list.filters.institutionId}
          onChange={(institutionId) => list.setFilters({ institutionId })}
        />
        <div style={{ flex: 1 }} />
        <Can permission="role.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-role">
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
