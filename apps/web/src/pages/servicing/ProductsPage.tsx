import { Card, Table, type TableColumnsType, Tooltip } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { formatDateTime, formatMoney } from '../../shared/format'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
import { ListActions, SearchFilter, SelectFilter } from '../../shared/list/ListControls'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'
import { ProductStatusTag, percent, useServicingLabels, VersionStatusTag } from './labels'
import { PRODUCT_CATEGORIES, PRODUCTS_PATH, ProductFormModal } from './ProductFormModal'
import { ProductStatusButton } from './ProductStatusButton'
import type { Product } from './types'

type ProductFilters = { q?: string; status?: string; category?: string; termUnit?: string; institutionId?: string }

export function ProductsPage() {
  const t = useT()
  const navigate = useNavigate()
  const labels = useServicingLabels()
  const institutionName = useInstitutionNames()
  const list = usePagedList<Product, ProductFilters>({
    path: PRODUCTS_PATH,
    initialSort: { sort: 'createdAt', order: 'desc' },
  })
  const [creating, setCreating] = useState(false)

  const columns: TableColumnsType<Product> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('servicing.product.code'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'code'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('servicing.product.name'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'name'),
      render: (name: string, product) => <Link to={`/servicing/products/${product.id}`}>{name}</Link>,
    },
    {
      key: 'category',
      dataIndex: 'category',
      title: t('servicing.product.category'),
      render: (category: string) =>
        (PRODUCT_CATEGORIES as readonly string[]).includes(category)
          ? t(`servicing.category.${category as (typeof PRODUCT_CATEGORIES)[number]}`)
          : category,
    },
    { key: 'institution', title: t('common.institution'), render: (_v, p) => institutionName(p.institutionId) },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('servicing.status'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'status'),
      render: (_v, p) => (
        <>
          <ProductStatusTag status={p.status} />
          {p.currentVersion && p.currentVersion.status !== 'active' && p.currentVersion.status !== 'draft' && (
            <VersionStatusTag status={p.currentVersion.status} />
          )}
        </>
      ),
    },
    {
      key: 'rate',
      title: t('servicing.annualRate'),
      align: 'right',
      render: (_v, p) => percent(p.currentVersion?.annualRatePercent),
    },
    {
      key: 'apr',
      title: t('servicing.apr'),
      align: 'right',
      render: (_v, p) =>
        p.currentVersion ? (
          <Tooltip title={p.currentVersion.withinCap ? t('servicing.aprWithinCap') : t('servicing.aprAboveCap')}>
            <span style={{ color: p.currentVersion.withinCap ? undefined : '#cf1322' }}>
              {percent(p.currentVersion.aprPercent)}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'amount',
      title: t('servicing.product.amountRange'),
      align: 'right',
      render: (_v, p) =>
        p.currentVersion
          ? `${formatMoney(p.currentVersion.minAmount, 0)} – ${formatMoney(p.currentVersion.maxAmount, 0)}`
          : '—',
    },
    {
      key: 'term',
      title: t('servicing.product.termRange'),
      render: (_v, p) =>
        p.currentVersion
          ? `${p.currentVersion.minTerm} – ${labels.term(p.currentVersion.maxTerm, p.currentVersion.termUnit)}`
          : '—',
    },
    {
      key: 'methods',
      title: t('servicing.product.methods'),
      render: (_v, p) => (p.currentVersion?.methods ?? []).map(labels.method).join(' / '),
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('servicing.updatedAt'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'updatedAt'),
      render: formatDateTime,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_v, product) => <ProductStatusButton product={product} size="small" />,
    },
  ]

  return (
    <PageHeader
      title={t('servicing.products.title')}
      extra={
        <ListActions
          onRefresh={list.refetch}
          create={{
            permission: 'product.manage',
            label: t('servicing.product.create'),
            onClick: () => setCreating(true),
            testId: 'create-product',
          }}
        />
      }
    >
      <Card>
        <div className="xd-filters">
          <SearchFilter list={list} placeholder={t('servicing.products.searchPlaceholder')} testId="products-search" />
          <SelectFilter
            list={list}
            field="status"
            values={['draft', 'listed', 'delisted'] as const}
            label={(s) => t(`servicing.productStatus.${s}`)}
            placeholder={t('servicing.status')}
            width={130}
            testId="products-status-filter"
          />
          <SelectFilter
            list={list}
            field="category"
            values={PRODUCT_CATEGORIES}
            label={(c) => t(`servicing.category.${c}`)}
            placeholder={t('servicing.product.category')}
            width={130}
          />
          <SelectFilter
            list={list}
            field="termUnit"
            values={['month', 'day'] as const}
            label={labels.unit}
            placeholder={t('servicing.unit')}
            width={110}
          />
          <InstitutionFilter
            value={list.filters.institutionId}
            onChange={(institutionId) => list.setFilters({ institutionId })}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Product>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="products-table"
        />
      </Card>
      <ProductFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(product) => navigate(`/servicing/products/${product.id}`)}
      />
    </PageHeader>
  )
}
