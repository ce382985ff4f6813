/** The loan's schedule: what each installment owes, what was paid and waived, overdue rows in red. */
import { Table, type TableColumnsType, Typography } from 'antd'
import { formatMoney } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { Chart } from './Chart'
import { InstallmentStatusTag } from './labels'
import { fromCents, toCents, toNumber } from './money'
import type { Installment } from './types'

const due = (r: Installment) =>
  toCents(r.principalDue) + toCents(r.interestDue) + toCents(r.feeDue) + toCents(r.penaltyDue)
const paid = (r: Installment) =>
  toCents(r.principalPaid) + toCents(r.interestPaid) + toCents(r.feePaid) + toCents(r.penaltyPaid)
const waived = (r: Installment) => toCents(r.interestWaived) + toCents(r.feeWaived) + toCents(r.penaltyWaived)
const unpaid = (r: Installment) => due(r) - paid(r) - waived(r)

/** Per installment: paid (principal, interest) against still owed, so progress and arrears show at a glance. */
function RepaymentProgressChart({ rows }: { rows: Installment[] }) {
  const t = useT()
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 64, right: 24, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.dueDate) },
    yAxis: { type: 'value' },
    series: [
      {
        name: t('servicing.principalPaid'),
        type: 'bar',
        stack: 'x',
        color: '#389e0d',
        data: rows.map((r) => toNumber(r.principalPaid)),
      },
      {
        name: t('servicing.interestPaid'),
        type: 'bar',
        stack: 'x',
        color: '#95de64',
        data: rows.map((r) => toNumber(r.interestPaid) + toNumber(r.feePaid) + toNumber(r.penaltyPaid)),
      },
      {
        name: t('servicing.unpaid'),
        type: 'bar',
        stack: 'x',
        data: rows.map((r) => ({
          value: toNumber(fromCents(unpaid(r))),
          itemStyle: { color: r.status === 'overdue' ? '#ff4d4f' : '#d9d9d9' },
        })),
      },
    ],
  }
  return <Chart option={option} height={240} testId="loan-schedule-chart" />
}

export function LoanScheduleTab({ schedule }: { schedule: Installment[] }) {
  const t = useT()
  const money = (pick: (r: Installment) => string) => (_v: unknown, r: Installment) => formatMoney(pick(r))
  const columns: TableColumnsType<Installment> = [
    { key: 'number', dataIndex: 'number', title: t('servicing.installmentNo'), width: 60 },
    { key: 'dueDate', dataIndex: 'dueDate', title: t('servicing.dueDate') },
    { key: 'status', title: t('servicing.status'), render: (_v, r) => <InstallmentStatusTag status={r.status} /> },
    { key: 'principalDue', title: t('servicing.principal'), align: 'right', render: money((r) => r.principalDue) },
    { key: 'interestDue', title: t('servicing.interest'), align: 'right', render: money((r) => r.interestDue) },
    { key: 'feeDue', title: t('servicing.fee'), align: 'right', render: money((r) => r.feeDue) },
    { key: 'penaltyDue', title: t('servicing.penalty'), align: 'right', render: money((r) => r.penaltyDue) },
    {
      key: 'totalDue',
      title: t('servicing.installmentTotal'),
      align: 'right',
      render: money((r) => fromCents(due(r))),
    },
    {
      key: 'paid',
      title: t('servicing.paid'),
      align: 'right',
      render: (_v, r) => <span data-testid="installment-paid">{formatMoney(fromCents(paid(r)))}</span>,
    },
    { key: 'waived', title: t('servicing.waived'), align: 'right', render: money((r) => fromCents(waived(r))) },
    {
      key: 'unpaid',
      title: t('servicing.unpaid'),
      align: 'right',
      render: (_v, r) => {
        const left = unpaid(r)
        return left > 0n ? (
          <Typography.Text type={r.status === 'overdue' ? 'danger' : undefined} strong={r.status === 'overdue'}>
            {formatMoney(fromCents(left))}
          </Typography.Text>
        ) : (
          formatMoney('0')
        )
      },
    },
    { key: 'paidOn', dataIndex: 'paidOn', title: t('servicing.paidOn'), render: (d: string | null) => d ?? '—' },
  ]
  return (
    <>
      {schedule.length > 1 && <RepaymentProgressChart rows={schedule} />}
      <Table<Installment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={schedule}
        pagination={schedule.length > 36 ? { pageSize: 36 } : false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({
          'data-status': r.status,
          style: r.status === 'overdue' ? { background: '#fff1f0' } : undefined,
        })}
        data-testid="loan-schedule"
      />
    </>
  )
}
