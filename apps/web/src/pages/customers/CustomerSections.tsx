/** The parts of the customer 360 page below the identity card: loans, other modules' sections, timeline. */
import { Card, Collapse, Descriptions, Empty, Table, Tag, Timeline, Typography } from 'antd'
import { formatCurrency, formatDate, formatDateTime } from '../../shared/format'
import { isMessageKey, useT } from '../../shared/i18n'
import type { CustomerLoan, Installment, LoanTransaction, TimelineEntry } from './types'

export function LoansSection({ loans }: { loans: { total: number; items: CustomerLoan[] } | undefined }) {
  const t = useT()
  if (!loans)
    return (
      <Card title={t('customers.section.loans')} size="small" data-testid="section-loans">
        <Empty description={t('customers.section.unavailable')} />
      </Card>
    )
  return (
    <Card title={`${t('customers.section.loans')} (${loans.total})`} size="small" data-testid="section-loans">
      {loans.items.length === 0 ? (
        <Empty description={t('customers.section.none')} />
      ) : (
        <Collapse
          items={loans.items.map((loan) => ({
            key: loan.id,
            label: (
              <span>
                <Typography.Text strong>{loan.loanNo}</Typography.Text> <Tag>{loan.status}</Tag>
                {formatCurrency(loan.principal)} · {loan.term} {loan.termUnit}
                {loan.dpd > 0 && <Tag color="red">DPD {loan.dpd}</Tag>}
              </span>
            ),
            children: <LoanDetail loan={loan} />,
          }))}
        />
      )}
    </Card>
  )
}

function LoanDetail({ loan }: { loan: CustomerLoan }) {
  const t = useT()
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'rate', label: t('customers.loan.rate'), children: `${loan.annualRatePercent}%` },
          { key: 'disbursedOn', label: t('customers.loan.disbursedOn'), children: formatDate(loan.disbursedOn) },
          { key: 'maturity', label: t('customers.loan.maturityDate'), children: formatDate(loan.maturityDate) },
          {
            key: 'outstanding',
            label: t('customers.loan.principalOutstanding'),
            children: formatCurrency(loan.principalOutstanding),
          },
        ]}
      />
      <Typography.Title level={5}>{t('customers.loan.schedule')}</Typography.Title>
      <Table<Installment>
        size="small"
        rowKey="number"
        pagination={false}
        dataSource={loan.schedule}
        locale={{ emptyText: t('customers.loan.noSchedule') }}
        columns={[
          { key: 'number', dataIndex: 'number', title: '#' },
          { key: 'dueDate', dataIndex: 'dueDate', title: t('customers.loan.dueDate') },
          {
            key: 'principalDue',
            dataIndex: 'principalDue',
            title: t('customers.loan.principal'),
            render: (v: string) => formatCurrency(v),
          },
          {
            key: 'interestDue',
            dataIndex: 'interestDue',
            title: t('customers.loan.interest'),
            render: (v: string) => formatCurrency(v),
          },
          {
            key: 'principalPaid',
            dataIndex: 'principalPaid',
            title: t('customers.loan.paid'),
            render: (v: string) => formatCurrency(v),
          },
          {
            key: 'status',
            dataIndex: 'status',
            title: t('customers.loan.status'),
            render: (s: string) => <Tag>{s}</Tag>,
          },
        ]}
      />
      <Typography.Title level={5}>{t('customers.loan.repayments')}</Typography.Title>
      <Table<LoanTransaction>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={loan.transactions}
        locale={{ emptyText: t('customers.section.none') }}
        columns={[
          { key: 'valueDate', dataIndex: 'valueDate', title: t('customers.loan.valueDate') },
          { key: 'type', dataIndex: 'type', title: t('customers.loan.type') },
          {
            key: 'amount',
            dataIndex: 'amount',
            title: t('customers.loan.amount'),
            render: (v: string) => formatCurrency(v),
          },
          {
            key: 'reversed',
            dataIndex: 'reversedById',
            title: '',
            render: (r: string | null) => (r ? <Tag>{t('customers.loan.reversed')}</Tag> : null),
          },
        ]}
      />
    </>
  )
}

/** Sections of modules that may not exist yet: shown as a plain table when present, an empty state otherwise. */
export function GenericSection({ title, data, testId }: { title: string; data: unknown; testId: string }) {
  const t = useT()
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)
      ? (data as { items: unknown[] }).items
      : null
  const rows = (items ?? []).filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object')
  const keys = rows[0]
    ? Object.keys(rows[0])
        .filter((k) => k !== 'id')
        .slice(0, 6)
    : []
  return (
    <Card title={title} size="small" data-testid={testId}>
      {items === null ? (
        <Empty description={t('customers.section.unavailable')} />
      ) : rows.length === 0 ? (
        <Empty description={t('customers.section.none')} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => String(r.id ?? JSON.stringify(r))}
          dataSource={rows}
          columns={keys.map((k) => ({ key: k, dataIndex: k, title: k, render: (v: unknown) => String(v ?? '—') }))}
        />
      )}
    </Card>
  )
}

export function TimelineSection({ entries }: { entries: TimelineEntry[] }) {
  const t = useT()
  return (
    <Card title={t('customers.section.timeline')} size="small" data-testid="section-timeline">
      {entries.length === 0 ? (
        <Empty description={t('customers.section.none')} />
      ) : (
        <Timeline
          items={entries.map((e, i) => {
            const key = `customers.event.${e.kind}`
            return {
              key: `${e.at}-${i}`,
              color: e.source === 'audit' ? 'blue' : 'green',
              content: (
                <span>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>{' '}
                  {isMessageKey(key) ? t(key) : e.kind}
                  {e.actor && <Typography.Text type="secondary"> · {e.actor}</Typography.Text>}
                  {e.objectType !== 'customer' && <Tag style={{ marginInlineStart: 8 }}>{e.objectType}</Tag>}
                </span>
              ),
            }
          })}
        />
      )}
    </Card>
  )
}
