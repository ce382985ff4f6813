import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Input, Select, Table, type TableColumnsType, Tooltip } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { Can } from '../../shared/auth/guards'
import { formatDateTime, formatMoney } from '../../shared/format'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
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
        <>
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />
          <Can permission="product.manage">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-product"
            >
              {t('servicing.product.create')}
            </Button>
          </Can>
        </>
      }
    >
      <Card>
        <div className="xd-filters">
          <Input.Search
            allowClear
            placeholder={t('servicing.products.searchPlaceholder')}
            style={{ width: 240 }}
            onSearch={(q) => list.setFilters({ q: q.trim() || undefined })}
            data-testid="products-search"
          />
          <Select
            allowClear
            placeholder={t('servicing.status')}
            style={{ width: 130 }}
            value={list.filters.status}
            onChange={(status?: string) => list.setFilters({ status })}
            options={(['draft', 'listed', 'delisted'] as const).map((s) => ({
              value: s,
              label: t(`servicing.productStatus.${s}`),
            }))}
            data-testid="products-status-filter"
          />
          <Select
            allowClear
            placeholder={t('servicing.product.category')}
            style={{ width: 130 }}
            value={list.filters.category}
            onChange={(category?: string) => list.setFilters({ category })}
            options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`servicing.category.${c}`) }))}
          />
          <Select
            allowClear
            placeholder={t('servicing.unit')}
            style={{ width: 110 }}
            value={list.filters.termUnit}
            onChange={(termUnit?: string) => list.setFilters({ termUnit })}
            options={(['month', 'day'] as const).map((u) => ({ value: u, label: labels.unit(u) }))}
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
