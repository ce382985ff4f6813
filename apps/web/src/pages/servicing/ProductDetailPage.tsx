import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd'
import { useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime, formatMoney } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { useBusinessDate, useInstitutionNames } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'
import { LoanCreateModal } from './LoanCreateModal'
import { ProductStatusTag, percent, useServicingLabels, VersionStatusTag } from './labels'
import { PRODUCTS_PATH, ProductFormModal } from './ProductFormModal'
import { ProductStatusButton } from './ProductStatusButton'
import { type PreviewDefaults, SchedulePreview } from './SchedulePreview'
import type { ProductDetail, ProductVersion } from './types'

export function useProduct(id: string) {
  return useQuery({
    queryKey: ['product', id],
    queryFn: ({ signal }) =>
      api.get<ProductDetail>(`${PRODUCTS_PATH}/${encodeURIComponent(id)}`, undefined, { signal }),
    enabled: Boolean(id),
  })
}

export function ProductDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const labels = useServicingLabels()
  const { id = '' } = useParams()
  const { me } = usePermissions()
  const institutionName = useInstitutionNames()
  const product = useProduct(id)
  const businessDate = useBusinessDate(product.data?.institutionId ?? me?.institution.id)
  const [editing, setEditing] = useState(false)
  const [lending, setLending] = useState(false)
  const v = product.data?.currentVersion
  const defaults = useMemo<PreviewDefaults | undefined>(
    () =>
      v
        ? {
            principal: v.minAmount,
            annualRatePercent: v.annualRatePercent,
            term: v.maxTerm,
            termUnit: v.termUnit,
            method: v.methods[0],
            installmentFee: v.installmentFee,
          }
        : undefined,
    [v],
  )

  if (product.isLoading) return <Skeleton active />
  if (isApiError(product.error) && product.error.status === 404)
    return <Result status="404" title={t('common.notFound')} subTitle={product.error.displayMessage} />
  if (!product.data) return <LoadError error={product.error} onRetry={() => product.refetch()} />
  const data = product.data
  const pending = data.versions.find((version) => version.status === 'pending_approval')

  const versionColumns: TableColumnsType<ProductVersion> = [
    { key: 'version', dataIndex: 'version', title: t('servicing.product.version'), render: (n: number) => `v${n}` },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('servicing.status'),
      render: (_s, row) => <VersionStatusTag status={row.status} />,
    },
    { key: 'rate', title: t('servicing.annualRate'), render: (_v, row) => percent(row.annualRatePercent) },
    { key: 'apr', title: t('servicing.apr'), render: (_v, row) => percent(row.aprPercent) },
    { key: 'penalty', title: t('servicing.product.penaltyRate'), render: (_v, row) => percent(row.penaltyRatePercent) },
    {
      key: 'fees',
      title: t('servicing.fees'),
      render: (_v, row) => `${percent(row.upfrontFeePercent)} + ¥${formatMoney(row.installmentFee)}`,
    },
    {
      key: 'amount',
      title: t('servicing.product.amountRange'),
      render: (_v, row) => `${formatMoney(row.minAmount, 0)} – ${formatMoney(row.maxAmount, 0)}`,
    },
    {
      key: 'term',
      title: t('servicing.product.termRange'),
      render: (_v, row) => `${row.minTerm} – ${labels.term(row.maxTerm, row.termUnit)}`,
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: formatDateTime },
  ]

  return (
    <PageHeader
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          {data.name}
          <span data-testid="product-detail-status">
            <ProductStatusTag status={data.status} />
          </span>
        </Space>
      }
      extra={
        <>
          <Can permission="product.manage">
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="product-edit">
              {t('common.edit')}
            </Button>
          </Can>
          <ProductStatusButton product={data} />
          {data.status === 'listed' && (
            <Can permission="loan.create">
              <Button icon={<PlusOutlined />} onClick={() => setLending(true)} data-testid="product-new-loan">
                {t('servicing.loan.create')}
              </Button>
            </Can>
          )}
        </>
      }
    >
      {pending && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="product-pending-approval"
          title={t('servicing.product.pendingVersion', {
            version: pending.version,
            rate: percent(pending.annualRatePercent),
          })}
          action={
            <Link to="/approvals">
              <Button size="small">{t('nav.approvals')}</Button>
            </Link>
          }
        />
      )}
      {v && (
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('servicing.annualRate')} value={percent(v.annualRatePercent)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('servicing.aprMax')}
                value={percent(v.aprPercent)}
                styles={{ content: { color: v.withinCap ? undefined : '#cf1322' } }}
                data-testid="product-apr"
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('servicing.product.aprCap')} value={percent(v.aprCapPercent)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('servicing.product.version')} value={`v${v.version}`} />
            </Col>
          </Row>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'code',
                label: t('servicing.product.code'),
                children: <span className="xd-mono">{data.code}</span>,
              },
              { key: 'inst', label: t('common.institution'), children: institutionName(data.institutionId) },
              {
                key: 'amount',
                label: t('servicing.product.amountRange'),
                children: `¥${formatMoney(v.minAmount)} – ¥${formatMoney(v.maxAmount)}`,
              },
              {
                key: 'term',
                label: t('servicing.product.termRange'),
                children: `${v.minTerm} – ${labels.term(v.maxTerm, v.termUnit)}`,
              },
              {
                key: 'methods',
                label: t('servicing.product.methods'),
                children: v.methods.map(labels.method).join(' / '),
              },
              { key: 'dayCount', label: t('servicing.product.dayCount'), children: v.dayCount },
              {
                key: 'upfront',
                label: t('servicing.product.upfrontFeePercent'),
                children: percent(v.upfrontFeePercent),
              },
              { key: 'instFee', label: t('servicing.installmentFee'), children: `¥${formatMoney(v.installmentFee)}` },
              {
                key: 'penalty',
                label: t('servicing.product.penaltyRate'),
                children: `${percent(v.penaltyRatePercent)} · ${t(`servicing.penaltyBase.${v.penaltyBase}`)}`,
              },
              { key: 'grace', label: t('servicing.product.graceDays'), children: v.graceDays },
              {
                key: 'rounding',
                label: t('servicing.product.rounding'),
                children: t(`servicing.rounding.${v.rounding}`),
              },
              {
                key: 'allocation',
                label: t('servicing.product.allocationOrder'),
                children: v.allocationOrder.map((c) => t(`servicing.component.${c}`)).join(' → '),
              },
              {
                key: 'prepay',
                label: t('servicing.product.prepaymentRule'),
                children: `${t(`servicing.prepaymentRule.${v.prepaymentRule}`)}${
                  v.prepaymentRule === 'allowed_with_fee' ? ` · ${percent(v.prepaymentFeePercent)}` : ''
                }`,
              },
              {
                key: 'docs',
                label: t('servicing.product.requiredDocuments'),
                span: 'filled',
                children: v.requiredDocuments.length
                  ? v.requiredDocuments.map((doc) => <Tag key={doc}>{doc}</Tag>)
                  : t('common.none'),
              },
              {
                key: 'conditions',
                label: t('servicing.product.conditions'),
                span: 'filled',
                children: Object.keys(v.conditions ?? {}).length ? (
                  <span className="xd-mono">{JSON.stringify(v.conditions)}</span>
                ) : (
                  t('common.none')
                ),
              },
            ]}
          />
        </Card>
      )}
      <Tabs
        items={[
          {
            key: 'preview',
            label: t('servicing.schedulePreview'),
            children: <SchedulePreview defaults={defaults} methods={v?.methods} businessDate={businessDate} />,
          },
          {
            key: 'versions',
            label: `${t('servicing.product.versions')} (${data.versions.length})`,
            children: (
              <Card>
                <Table<ProductVersion>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  columns={versionColumns}
                  dataSource={data.versions}
                  scroll={{ x: 'max-content' }}
                  data-testid="product-versions"
                />
              </Card>
            ),
          },
        ]}
      />
      <ProductFormModal open={editing} product={data} onClose={() => setEditing(false)} />
      <LoanCreateModal open={lending} product={data} onClose={() => setLending(false)} />
    </PageHeader>
  )
}
