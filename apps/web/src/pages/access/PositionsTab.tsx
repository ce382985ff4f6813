import { PlusOutlined } from '@ant-design/icons'
import { Button, Popover, Select, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useMemo, useState } from 'react'
import type { Position, Scope } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { pickLabel, useI18n } from '../../shared/i18n'
import { compareBy, useArrayList } from '../../shared/list/useArrayList'
import { useInstitutionNames, useOperations, useRoles } from '../../shared/reference'
import { LoadError } from '../../shared/ui'
import { PositionFormModal } from './PositionFormModal'

const SCOPE_COLORS: Record<Scope, string> = { own: 'default', team: 'cyan', institution: 'blue', platform: 'purple' }

export function PositionsTab() {
  const { t, locale } = useI18n()
  const { can } = usePermissions()
  const institutionName = useInstitutionNames()
  const operations = useOperations()
  const roles = useRoles()
  const list = useArrayList<Position, { institutionId?: string; roleId?: string }>('/api/v1/positions')
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Position | null>(null)
  const labels = useMemo(
    () => new Map((operations.data ?? []).map((op) => [op.code, pickLabel(op.label, locale, op.code)])),
    [operations.data, locale],
  )
  const roleOptions = (roles.data ?? [])
    .filter((role) => !list.filters.institutionId || role.institutionId === list.filters.institutionId)
    .map((role) => ({ value: role.id, label: `${role.name} (${role.code})` }))

  const columns: TableColumnsType<Position> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('positions.code'),
      sorter: compareBy((position) => position.code),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    { key: 'name', dataIndex: 'name', title: t('positions.name'), sorter: compareBy((position) => position.name) },
    {
      key: 'roleName',
      dataIndex: 'roleName',
      title: t('positions.role'),
      sorter: compareBy((position) => position.roleName),
    },
    {
      key: 'scope',
      dataIndex: 'scope',
      title: t('positions.scope'),
      render: (scope: Scope) => <Tag color={SCOPE_COLORS[scope]}>{t(`scope.${scope}`)}</Tag>,
    },
    {
      key: 'operations',
      dataIndex: 'operations',
      title: t('positions.operations'),
      render: (codes: string[]) => (
        <Popover
          content={
            <Space orientation="vertical" size={2} style={{ maxWidth: 360 }}>
              {codes.map((code) => (
                <span key={code}>
                  {labels.get(code) ?? code} <span className="xd-mono">({code})</span>
                </span>
              ))}
            </Space>
          }
        >
          <Tag color="geekblue" style={{ cursor: 'default' }}>
            {t('positions.operationCount', { count: codes.length })}
          </Tag>
        </Popover>
      ),
    },
    {
      key: 'institution',
      dataIndex: 'institutionId',
      title: t('common.institution'),
      render: (id: string | null) => institutionName(id) ?? t('common.platformWide'),
    },
    {
      key: 'userCount',
      dataIndex: 'userCount',
      title: t('positions.userCount'),
      sorter: compareBy((position) => position.userCount),
    },
  ]
  if (can('role.manage'))
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_value, position) => (
        <Button type="link" size="small" onClick={() => setEditing(position)}>
          {t('common.edit')}
        </Button>
      ),
    })

  return (
    <>
      <div className="xd-filters">
        <InstitutionFilter
          value={list.filters.institutionId}
          onChange={(institutionId) => list.setFilters({ institutionId, roleId: undefined })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('positions.filterRole')}
          style={{ width: 220 }}
          value={list.filters.roleId}
          onChange={(roleId?: string) => list.setFilters({ roleId })}
          options={roleOptions}
        />
        <div style={{ flex: 1 }} />
        <Can permission="role.manage">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-position"
          >
            {t('positions.create')}
          </Button>
        </Can>
      </div>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Table<Position> {...list.tableProps} columns={columns} scroll={{ x: 'max-content' }} />
      <PositionFormModal open={creating} onClose={() => setCreating(false)} />
      <PositionFormModal open={Boolean(editing)} position={editing} onClose={() => setEditing(null)} />
    </>
  )
}
