import { ArrowLeftOutlined, AuditOutlined, DollarOutlined, SendOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tabs,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatCurrency, formatDate } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { useInstitutionNames } from '../../shared/reference'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { LoanEventsTab } from './LoanEventsTab'
import { LoanJournalTab } from './LoanJournalTab'
import { type LoanRequestKind, LoanRequestModal } from './LoanRequestModals'
import { LoanScheduleTab } from './LoanScheduleTab'
import { useProductNames } from './LoansPage'
import { LoanTransactionsTab } from './LoanTransactionsTab'
import { LoanStatusTag, percent, useServicingLabels } from './labels'
import { fromCents, newIdempotencyKey, sumAmounts, toCents } from './money'
import { PrepaymentModal } from './PrepaymentModal'
import { RepaymentModal } from './RepaymentModal'
import type { LoanDetail } from './types'
import { loanPath, refreshLoan, useLoan } from './useLoan'

const OPEN = new Set(['active', 'overdue'])

/** What is due up to today: the unpaid part of every installment already due (a suggestion for the amount). */
function dueNow(loan: LoanDetail, businessDate?: string): string | undefined {
  const day = businessDate ?? loan.lastCobDate ?? undefined
  let total = 0n
  for (const r of loan.schedule) {
    if (day && r.dueDate > day && total > 0n) break
    const owed =
      toCents(r.principalDue) +
      toCents(r.interestDue) +
      toCents(r.feeDue) +
      toCents(r.penaltyDue) -
      (toCents(r.principalPaid) + toCents(r.interestPaid) + toCents(r.feePaid) + toCents(r.penaltyPaid)) -
      (toCents(r.interestWaived) + toCents(r.feeWaived) + toCents(r.penaltyWaived))
    if (owed <= 0n) continue
    total += owed
    if (!day || r.dueDate > day) break
  }
  return total > 0n ? fromCents(total) : undefined
}

function useDisburse(loan: LoanDetail | undefined) {
  const { message } = App.useApp()
  const t = useT()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api.post<LoanDetail>(
        `${loanPath(loan?.id ?? '')}/disburse`,
        {},
        {
          headers: { 'Idempotency-Key': newIdempotencyKey('disburse') },
        },
      ),
    onSuccess: (saved) => {
      message.success(t('servicing.loan.disbursedOk', { loanNo: saved.loanNo }))
      queryClient.setQueryData(['loan', saved.id], saved)
      refreshLoan(queryClient, saved.id)
    },
    onError: (error) => message.error(errorText(error)),
  })
}

export function LoanDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const labels = useServicingLabels()
  const { id = '' } = useParams()
  const { me, can } = usePermissions()
  const institutionName = useInstitutionNames()
  const products = useProductNames()
  const loan = useLoan(id)
  const disburse = useDisburse(loan.data)
  const [repaying, setRepaying] = useState(false)
  const [prepay, setPrepay] = useState<'settlement' | 'partial' | null>(null)
  const [request, setRequest] = useState<LoanRequestKind | null>(null)

  if (loan.isLoading) return <Skeleton active />
  if (isApiError(loan.error) && loan.error.status === 404)
    return <Result status="404" title={t('common.notFound')} subTitle={loan.error.displayMessage} />
  if (!loan.data) return <LoadError error={loan.error} onRetry={() => loan.refetch()} />
  const data = loan.data
  // the header's business date is the user's institution's; for another institution's loan let the server decide
  const businessDate = me?.institution.id === data.institutionId ? me.institution.businessDate : undefined
  const outstanding = sumAmounts(
    data.principalOutstanding,
    data.interestOutstanding,
    data.feeOutstanding,
    data.penaltyOutstanding,
  )
  const open = OPEN.has(data.status)
  const more = [
    open && can('repayment.post') && { key: 'partial', label: t('servicing.prepay.partial') },
    open && can('waiver.request') && { key: 'waiver', label: t('servicing.waiver.title') },
    open && can('writeoff.request') && { key: 'writeOff', label: t('servicing.writeOff.title'), danger: true },
    toCents(data.creditBalance) > 0n && can('repayment.post') && { key: 'refund', label: t('servicing.refund.title') },
  ].filter(Boolean) as { key: string; label: string; danger?: boolean }[]

  return (
    <PageHeader
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span className="xd-mono" data-testid="loan-no">
            {data.loanNo}
          </span>
          <span data-testid="loan-detail-status">
            <LoanStatusTag status={data.status} />
          </span>
        </Space>
      }
      extra={
        <>
          {data.status === 'pending_disbursement' && (
            <Can permission="loan.disburse">
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={disburse.isPending}
                onClick={() => disburse.mutate()}
                data-testid="loan-disburse"
              >
                {t('servicing.loan.disburse')}
              </Button>
            </Can>
          )}
          {(open || data.status === 'written_off') && (
            <Can permission="repayment.post">
              <Button
                type="primary"
                icon={<DollarOutlined />}
                onClick={() => setRepaying(true)}
                data-testid="loan-repay"
              >
                {data.status === 'written_off' ? t('servicing.repayment.recovery') : t('servicing.repayment.action')}
              </Button>
            </Can>
          )}
          {open && (
            <Button onClick={() => setPrepay('settlement')} data-testid="loan-payoff">
              {t('servicing.prepay.quote')}
            </Button>
          )}
          {more.length > 0 && (
            <Dropdown
              menu={{
                items: more,
                onClick: ({ key }) => (key === 'partial' ? setPrepay('partial') : setRequest(key as LoanRequestKind)),
              }}
            >
              <Button data-testid="loan-more">{t('servicing.loan.moreActions')}</Button>
            </Dropdown>
          )}
          <Can permission="audit.read">
            <Link to={`/system/audit?objectId=${encodeURIComponent(data.id)}`}>
              <Button icon={<AuditOutlined />} aria-label={t('nav.audit')} />
            </Link>
          </Can>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]} data-testid="loan-kpis">
          <Col xs={12} md={4}>
            <Statistic title={t('servicing.principal')} value={formatCurrency(data.principal)} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic
              title={t('servicing.outstanding')}
              value={formatCurrency(outstanding)}
              data-testid="loan-outstanding"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('servicing.principalOutstanding')} {formatCurrency(data.principalOutstanding)}
            </Typography.Text>
          </Col>
          <Col xs={12} md={3}>
            <Statistic
              title={t('servicing.dpd')}
              value={data.dpd}
              styles={{ content: { color: data.dpd > 0 ? '#cf1322' : undefined } }}
              data-testid="loan-dpd"
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('servicing.annualRate')} value={percent(data.annualRatePercent)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('servicing.apr')} value={percent(data.aprPercent)} data-testid="loan-apr" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('servicing.creditBalance')} value={formatCurrency(data.creditBalance)} />
          </Col>
        </Row>
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'borrower', label: t('servicing.borrower'), children: data.borrowerName },
            {
              key: 'product',
              label: t('servicing.product'),
              children: (
                <Link to={`/servicing/products/${data.productId}`}>
                  {data.productName ?? products.name(data.productId) ?? t('servicing.product')}
                </Link>
              ),
            },
            { key: 'inst', label: t('common.institution'), children: institutionName(data.institutionId) },
            { key: 'method', label: t('servicing.method'), children: labels.method(data.method) },
            { key: 'term', label: t('servicing.term'), children: labels.term(data.term, data.termUnit) },
            { key: 'disbursedOn', label: t('servicing.disbursedOn'), children: formatDate(data.disbursedOn) },
            { key: 'maturity', label: t('servicing.maturityDate'), children: formatDate(data.maturityDate) },
            { key: 'upfront', label: t('servicing.upfrontFee'), children: formatCurrency(data.upfrontFee) },
            {
              key: 'penalty',
              label: t('servicing.product.penaltyRate'),
              children: `${percent(data.penaltyRatePercent)} · ${t('servicing.graceDaysN', { n: data.graceDays })}`,
            },
            { key: 'overdueSince', label: t('servicing.overdueSince'), children: formatDate(data.overdueSince) },
            { key: 'lastCob', label: t('servicing.lastCobDate'), children: formatDate(data.lastCobDate) },
            {
              key: 'settled',
              label: data.writtenOffOn ? t('servicing.writtenOffOn') : t('servicing.settledOn'),
              children: formatDate(data.writtenOffOn ?? data.settledOn),
            },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'schedule',
              label: <span data-testid="tab-schedule">{t('servicing.tab.schedule')}</span>,
              children: <LoanScheduleTab schedule={data.schedule} />,
            },
            {
              key: 'transactions',
              label: <span data-testid="tab-transactions">{t('servicing.tab.transactions')}</span>,
              children: <LoanTransactionsTab loan={data} />,
            },
            ...(can('ledger.read')
              ? [
                  {
                    key: 'journal',
                    label: <span data-testid="tab-journal">{t('servicing.tab.journal')}</span>,
                    children: <LoanJournalTab loanId={data.id} />,
                  },
                ]
              : []),
            {
              key: 'events',
              label: <span data-testid="tab-events">{t('servicing.tab.events')}</span>,
              children: <LoanEventsTab loanId={data.id} />,
            },
          ]}
        />
      </Card>
      <RepaymentModal
        open={repaying}
        loan={data}
        businessDate={businessDate}
        suggested={dueNow(data, businessDate)}
        onClose={() => setRepaying(false)}
      />
      <PrepaymentModal
        open={Boolean(prepay)}
        loan={data}
        businessDate={businessDate}
        initialMode={prepay ?? 'settlement'}
        onClose={() => setPrepay(null)}
      />
      <LoanRequestModal kind={request} loan={data} onClose={() => setRequest(null)} />
    </PageHeader>
  )
}
