import { useQuery } from '@tanstack/react-query'
import { Card, Input, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { formatDate } from '../../shared/format'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
import { ListActions, SelectFilter } from '../../shared/list/ListControls'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'
import { LOANS_PATH, LoanCreateModal } from './LoanCreateModal'
import { LoanStatusTag, percent, useServicingLabels } from './labels'
import { moneyCell } from './money'
import { PRODUCTS_PATH } from './ProductFormModal'
import { LOAN_STATUSES, type Loan, type Product } from './types'

type LoanFilters = {
  q?: string
  status?: string
  dpdMin?: number
  dpdMax?: number
  productId?: string
  institutionId?: string
}

/** DPD buckets as collectors speak of them (M0 current … M3+). */
const DPD_BUCKETS = [
  { key: 'm0', min: 0, max: 0 },
  { key: 'm1', min: 1, max: 30 },
  { key: 'm2', min: 31, max: 60 },
  { key: 'm3', min: 61, max: 90 },
  { key: 'm3plus', min: 91, max: undefined },
] as const

export function useProductNames() {
  const products = useQuery({
    queryKey: ['list', PRODUCTS_PATH, { page: 1, pageSize: 200 }],
    queryFn: ({ signal }) => api.get<Page<Product>>(PRODUCTS_PATH, { page: 1, pageSize: 200 }, { signal }),
    staleTime: 30_000,
  })
  const items = products.data?.items ?? []
  return { items, name: (id: string) => items.find((p) => p.id === id)?.name }
}

export function LoansPage() {
  const t = useT()
  const labels = useServicingLabels()
  const institutionName = useInstitutionNames()
  const [params] = useSearchParams()
  const products = useProductNames()
  const [initialFilters] = useState<LoanFilters>(() => ({
    status: params.get('status') ?? undefined,
    productId: params.get('productId') ?? undefined,
    q: params.get('q') ?? undefined,
  }))
  const list = usePagedList<Loan, LoanFilters>({
    path: LOANS_PATH,
    initialFilters,
    initialSort: { sort: 'createdAt', order: 'desc' },
  })
  const [creating, setCreating] = useState(false)
  const bucket = DPD_BUCKETS.find((b) => b.min === list.filters.dpdMin && b.max === list.filters.dpdMax)?.key

  const columns: TableColumnsType<Loan> = [
    {
      key: 'loanNo',
      dataIndex: 'loanNo',
      title: t('servicing.loanNo'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'loanNo'),
      render: (loanNo: string, loan) => (
        <Link to={`/servicing/loans/${loan.id}`} className="xd-mono">
          {loanNo}
        </Link>
      ),
    },
    { key: 'borrowerName', dataIndex: 'borrowerName', title: t('servicing.borrower') },
    {
      key: 'product',
      title: t('servicing.product'),
      render: (_v, loan) => loan.productName ?? products.name(loan.productId) ?? '—',
    },
    { key: 'institution', title: t('common.institution'), render: (_v, loan) => institutionName(loan.institutionId) },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('servicing.status'),
      render: (_v, loan) => <LoanStatusTag status={loan.status} />,
    },
    {
      key: 'principal',
      dataIndex: 'principal',
      title: t('servicing.principal'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'principal'),
      render: moneyCell,
    },
    {
      key: 'principalOutstanding',
      dataIndex: 'principalOutstanding',
      title: t('servicing.principalOutstanding'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'principalOutstanding'),
      render: moneyCell,
    },
    {
      key: 'dpd',
      dataIndex: 'dpd',
      title: t('servicing.dpd'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'dpd'),
      render: (dpd: number) => (
        <span style={{ color: dpd > 0 ? '#cf1322' : undefined, fontWeight: dpd > 0 ? 600 : undefined }}>{dpd}</span>
      ),
    },
    {
      key: 'rate',
      title: t('servicing.annualRate'),
      align: 'right',
      render: (_v, loan) => percent(loan.annualRatePercent),
    },
    { key: 'term', title: t('servicing.term'), render: (_v, loan) => labels.term(loan.term, loan.termUnit) },
    {
      key: 'disbursedOn',
      dataIndex: 'disbursedOn',
      title: t('servicing.disbursedOn'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'disbursedOn'),
      render: formatDate,
    },
    { key: 'maturityDate', dataIndex: 'maturityDate', title: t('servicing.maturityDate'), render: formatDate },
  ]

  return (
    <PageHeader
      title={t('servicing.loans.title')}
      extra={
        <ListActions
          onRefresh={list.refetch}
          create={{
            permission: 'loan.create',
            label: t('servicing.loan.create'),
            onClick: () => setCreating(true),
            testId: 'create-loan',
          }}
        />
      }
    >
      <Card>
        <div className="xd-filters">
          <Input.Search
            allowClear
            defaultValue={initialFilters.q}
            placeholder={t('servicing.loans.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(q) => list.setFilters({ q: q.trim() || undefined })}
            data-testid="loans-search"
          />
          <SelectFilter
            list={list}
            field="status"
            values={LOAN_STATUSES}
            label={(s) => t(`servicing.loanStatus.${s}`)}
            placeholder={t('servicing.status')}
            width={130}
            testId="loans-status-filter"
          />
          <Select
            allowClear
            placeholder={t('servicing.dpd')}
            style={{ width: 160 }}
            value={bucket}
            onChange={(key?: string) => {
              const chosen = DPD_BUCKETS.find((b) => b.key === key)
              list.setFilters({ dpdMin: chosen?.min, dpdMax: chosen?.max })
            }}
            options={DPD_BUCKETS.map((b) => ({ value: b.key, label: t(`servicing.dpdBucket.${b.key}`) }))}
            data-testid="loans-dpd-filter"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('servicing.product')}
            style={{ width: 200 }}
            value={list.filters.productId}
            onChange={(productId?: string) => list.setFilters({ productId })}
            options={products.items.map((p) => ({ value: p.id, label: p.name }))}
          />
          <InstitutionFilter
            value={list.filters.institutionId}
            onChange={(institutionId) => list.setFilters({ institutionId })}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Loan>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onRow={(loan) => ({ style: loan.dpd > 0 ? { background: '#fff1f0' } : undefined })}
          data-testid="loans-table"
        />
      </Card>
      <LoanCreateModal open={creating} onClose={() => setCreating(false)} />
    </PageHeader>
  )
}
