import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Input, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { Institution, InstitutionKind, InstitutionStatus } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatCount, formatDate, formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../shared/ui'
import { InstitutionActions } from './InstitutionActions'
import { InstitutionFormModal } from './InstitutionFormModal'
import { InstitutionKindTag, InstitutionStatusTag } from './InstitutionTags'

type InstitutionFilters = { q?: string; status?: string }

export function InstitutionsPage() {
  const t = useT()
  const { can } = usePermissions()
  const list = usePagedList<Institution, InstitutionFilters>({ path: '/api/v1/institutions' })
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Institution | null>(null)

  // The server sorts by code, name and createdAt only.
  const sortable = (key: 'code' | 'name' | 'createdAt') => ({
    key,
    dataIndex: key,
    sorter: true,
    sortOrder: sortOrderFor(list.sort, key),
  })
  const columns: TableColumnsType<Institution> = [
    {
      ...sortable('code'),
      title: t('institutions.code'),
      render: (code: string, institution) => (
        <Link to={`/system/institutions/${institution.id}`} className="xd-mono">
          {code}
        </Link>
      ),
    },
    { ...sortable('name'), title: t('institutions.name') },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('institutions.kind'),
      render: (kind: InstitutionKind) => <InstitutionKindTag kind={kind} />,
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('institutions.status'),
      render: (status: InstitutionStatus) => <InstitutionStatusTag status={status} />,
    },
    { key: 'businessDate', dataIndex: 'businessDate', title: t('institutions.businessDate'), render: formatDate },
    { key: 'userCount', dataIndex: 'userCount', title: t('institutions.userCount'), render: formatCount },
    { ...sortable('createdAt'), title: t('common.createdAt'), render: formatDateTime },
  ]
  if (can('institution.manage'))
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_value, institution) => <InstitutionActions institution={institution} onEdit={setEditing} />,
    })

  return (
    <PageHeader
      title={t('institutions.title')}
      extra={
        <Can permission="institution.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('institutions.create')}
          </Button>
        </Can>
      }
    >
      <Card>
        <div className="xd-filters">
          <Input.Search
            allowClear
            placeholder={t('institutions.searchPlaceholder')}
            style={{ width: 240 }}
            onSearch={(q) => list.setFilters({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            placeholder={t('institutions.status')}
            style={{ width: 140 }}
            value={list.filters.status}
            onChange={(status?: string) => list.setFilters({ status })}
            options={(['active', 'suspended'] as const).map((status) => ({
              value: status,
              label: t(`institutions.status.${status}`),
            }))}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Institution> {...list.tableProps} columns={columns} scroll={{ x: 'max-content' }} />
      </Card>
      <InstitutionFormModal open={creating} onClose={() => setCreating(false)} />
      <InstitutionFormModal open={Boolean(editing)} institution={editing} onClose={() => setEditing(null)} />
    </PageHeader>
  )
}
