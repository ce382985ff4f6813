/** Lists (名单库): black, white and grey entries by ID number, phone, device, IP or bank card; masked values. */
import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Input, Popconfirm, Select, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../../shared/api/client'
import { usePermissions } from '../../../shared/auth/session'
import { formatDateTime } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { invalidateList, usePagedList } from '../../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../../shared/ui'
import { RISK } from '../api'
import type { ListEntry, ListKind, ListSubject } from '../types'
import { ListEntryModal } from './ListEntryModal'
import { ListImportModal } from './ListImportModal'

type Filters = { listType?: ListKind; kind?: ListSubject; value?: string; active?: string }

export const LIST_TYPES: ListKind[] = ['black', 'grey', 'white']
export const LIST_SUBJECTS: ListSubject[] = ['id_number', 'phone', 'device', 'ip', 'bank_card']
const TYPE_COLORS: Record<ListKind, string> = { black: 'black', grey: 'default', white: 'green' }

export function ListsPage() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { can } = usePermissions()
  const list = usePagedList<ListEntry, Filters>({ path: RISK.lists, initialFilters: { active: 'true' } })
  const [value, setValue] = useState('')
  const [adding, setAdding] = useState(false)
  const [importing, setImporting] = useState(false)
  const remove = useMutation({
    mutationFn: (entry: ListEntry) => api.delete(RISK.listEntry(entry.id)),
    onSuccess: () => {
      message.success(t('risk.list.removed'))
      void invalidateList(queryClient, RISK.lists)
    },
    onError: (error) => message.error(errorText(error)),
  })
  const columns: TableColumnsType<ListEntry> = [
    {
      key: 'listType',
      dataIndex: 'listType',
      title: t('risk.list.listType'),
      render: (type: ListKind) => <Tag color={TYPE_COLORS[type]}>{t(`risk.list.type.${type}`)}</Tag>,
    },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('risk.list.kind'),
      render: (kind: ListSubject) => t(`risk.list.kind.${kind}`),
    },
    {
      key: 'valueMasked',
      dataIndex: 'valueMasked',
      title: t('risk.list.value'),
      render: (masked: string) => <span className="xd-mono">{masked}</span>,
    },
    {
      key: 'reason',
      dataIndex: 'reason',
      title: t('risk.list.reason'),
      render: (reason: string | null) => reason ?? '—',
    },
    {
      key: 'expiresAt',
      dataIndex: 'expiresAt',
      title: t('risk.list.expiresAt'),
      render: (expiresAt: string | null, entry) => (
        <>
          {expiresAt ? formatDateTime(expiresAt) : t('risk.list.never')}{' '}
          {!entry.active && <Tag>{t('risk.list.expired')}</Tag>}
        </>
      ),
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, entry) =>
        can('risk.manage') && (
          <Popconfirm title={t('risk.list.removeConfirm')} onConfirm={() => remove.mutate(entry)}>
            <Button type="link" size="small" danger>
              {t('risk.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ]
  return (
    <PageHeader
      title={t('risk.list.title')}
      extra={
        can('risk.manage') && (
          <>
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="list-import">
              {t('risk.list.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="list-add">
              {t('risk.list.add')}
            </Button>
          </>
        )
      }
    >
      <Card>
        <div className="xd-filters">
          <Select
            allowClear
            placeholder={t('risk.list.listType')}
            style={{ width: 130 }}
            onChange={(listType?: ListKind) => list.setFilters({ listType })}
            options={LIST_TYPES.map((type) => ({ value: type, label: t(`risk.list.type.${type}`) }))}
          />
          <Select
            allowClear
            placeholder={t('risk.list.kind')}
            style={{ width: 140 }}
            onChange={(kind?: ListSubject) => list.setFilters({ kind })}
            options={LIST_SUBJECTS.map((kind) => ({ value: kind, label: t(`risk.list.kind.${kind}`) }))}
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('risk.list.valueSearch')}
            value={value}
            onChange={(event) => {
              setValue(event.target.value)
              if (!event.target.value) list.setFilters({ value: undefined })
            }}
            onPressEnter={() => list.setFilters({ value: value.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select
            value={list.filters.active ?? 'all'}
            style={{ width: 130 }}
            onChange={(active: string) => list.setFilters({ active: active === 'all' ? undefined : active })}
            options={[
              { value: 'true', label: t('risk.list.activeOnly') },
              { value: 'false', label: t('risk.list.expired') },
              { value: 'all', label: t('common.all') },
            ]}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<ListEntry>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="lists-table"
        />
      </Card>
      <ListEntryModal open={adding} onClose={() => setAdding(false)} />
      <ListImportModal open={importing} onClose={() => setImporting(false)} />
    </PageHeader>
  )
}
