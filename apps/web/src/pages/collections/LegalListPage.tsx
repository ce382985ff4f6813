/** Legal cases (诉讼案件): every case in a legal process, by status, searchable, sortable. */
import { ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Input, Segmented, Space, Table } from 'antd'
import { Link } from 'react-router-dom'
import { formatCurrency, formatDate } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../shared/ui'
import { LegalStatusTag } from './LegalProcessCard'
import { LEGAL_STATUSES, type LegalCase } from './strategy-types'
import { COLLECTIONS } from './types'

type Filters = { status?: string; q?: string }

export function LegalListPage() {
  const t = useT()
  const list = usePagedList<LegalCase, Filters>({ path: `${COLLECTIONS}/legal`, initialFilters: { status: 'open' } })
  return (
    <PageHeader
      title={t('collections.legal.list')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />}
    >
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as string) })}
            options={[
              { value: 'open', label: t('collections.legal.status.open') },
              ...LEGAL_STATUSES.map((s) => ({ value: s, label: t(`collections.legal.status.${s}` as MessageKey) })),
              { value: 'all', label: t('common.all') },
            ]}
            data-testid="legal-status"
          />
          <Input.Search
            allowClear
            placeholder={`${t('collections.case.loanNo')} / ${t('collections.case.borrower')} / ${t('collections.legal.docketNo')}`}
            onSearch={(q) => list.setFilters({ q: q || undefined })}
            style={{ width: 300 }}
          />
        </Space>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<LegalCase>
          {...list.tableProps}
          data-testid="legal-cases"
          columns={[
            {
              key: 'loanNo',
              title: t('collections.case.loanNo'),
              render: (_v, l) => (
                <Link to={`/collections/cases/${l.caseId}`} className="xd-mono">
                  {l.loanNo}
                </Link>
              ),
            },
            { key: 'borrower', dataIndex: 'borrowerName', title: t('collections.case.borrower') },
            {
              key: 'status',
              title: t('collections.case.status'),
              render: (_v, l) => <LegalStatusTag status={l.status} />,
            },
            { key: 'firm', title: t('collections.legal.firm'), render: (_v, l) => l.firm ?? '—' },
            { key: 'court', title: t('collections.legal.court'), render: (_v, l) => l.court ?? '—' },
            { key: 'docket', title: t('collections.legal.docketNo'), render: (_v, l) => l.docketNo ?? '—' },
            {
              key: 'claimAmount',
              title: t('collections.legal.claimAmount'),
              align: 'right',
              sorter: true,
              sortOrder: sortOrderFor(list.sort, 'claimAmount'),
              render: (_v, l) => formatCurrency(l.claimAmount),
            },
            {
              key: 'feesTotal',
              title: t('collections.legal.fees'),
              align: 'right',
              sorter: true,
              sortOrder: sortOrderFor(list.sort, 'feesTotal'),
              render: (_v, l) => formatCurrency(l.feesTotal),
            },
            {
              key: 'escalatedOn',
              title: t('collections.legal.escalatedOn'),
              sorter: true,
              sortOrder: sortOrderFor(list.sort, 'escalatedOn'),
              render: (_v, l) => formatDate(l.escalatedOn),
            },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
