import { Button, Table, type TableColumnsType, Tag, Tooltip } from 'antd'
import { useState } from 'react'
import { Can } from '../../shared/auth/guards'
import { formatDateTime, formatMoney } from '../../shared/format'
import { isMessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { ReverseModal } from './LoanRequestModals'
import type { LoanDetail, LoanTransaction } from './types'
import { useLoanTransactions } from './useLoan'

const REVERSIBLE = new Set(['repayment', 'recovery', 'prepayment', 'settlement'])

export function LoanTransactionsTab({ loan }: { loan: LoanDetail }) {
  const t = useT()
  const transactions = useLoanTransactions(loan.id)
  const [reversing, setReversing] = useState<LoanTransaction | null>(null)
  const typeLabel = (type: string) => {
    const key = `servicing.txType.${type}`
    return isMessageKey(key) ? t(key) : type
  }
  const money = (field: keyof LoanTransaction) => (_v: unknown, r: LoanTransaction) => formatMoney(r[field] as string)
  const columns: TableColumnsType<LoanTransaction> = [
    { key: 'valueDate', dataIndex: 'valueDate', title: t('servicing.valueDate') },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('servicing.txType'),
      render: (type: string, r) => (
        <>
          <Tag color={type === 'reversal' ? 'volcano' : type === 'disbursement' ? 'blue' : undefined}>
            {typeLabel(type)}
          </Tag>
          {r.reversedById && <Tag color="default">{t('servicing.reversed')}</Tag>}
        </>
      ),
    },
    { key: 'amount', title: t('servicing.amount'), align: 'right', render: money('amount') },
    { key: 'principal', title: t('servicing.principal'), align: 'right', render: money('principalPortion') },
    { key: 'interest', title: t('servicing.interest'), align: 'right', render: money('interestPortion') },
    { key: 'fee', title: t('servicing.fee'), align: 'right', render: money('feePortion') },
    { key: 'penalty', title: t('servicing.penalty'), align: 'right', render: money('penaltyPortion') },
    { key: 'credit', title: t('servicing.creditBalance'), align: 'right', render: money('creditPortion') },
    {
      key: 'channel',
      dataIndex: 'channel',
      title: t('servicing.channel'),
      render: (c: string | null) =>
        c && isMessageKey(`servicing.channel.${c}`)
          ? t(`servicing.channel.${c}` as 'servicing.channel.online')
          : (c ?? '—'),
    },
    {
      key: 'externalRef',
      dataIndex: 'externalRef',
      title: t('servicing.externalRef'),
      render: (ref: string | null, r) => (
        <Tooltip title={r.reason}>
          <span className="xd-mono">{ref ?? r.reason ?? '—'}</span>
        </Tooltip>
      ),
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('servicing.bookedAt'), render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_v, r) =>
        REVERSIBLE.has(r.type) && !r.reversedById ? (
          <Can permission="repayment.reverse">
            <Button type="link" size="small" danger onClick={() => setReversing(r)} data-testid="reverse-transaction">
              {t('servicing.reverse.action')}
            </Button>
          </Can>
        ) : null,
    },
  ]
  return (
    <>
      <LoadError error={transactions.error} onRetry={() => transactions.refetch()} />
      <Table<LoanTransaction>
        rowKey="id"
        size="small"
        loading={transactions.isLoading}
        columns={columns}
        dataSource={transactions.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ style: r.reversedById ? { color: '#8c8c8c', textDecoration: 'line-through' } : undefined })}
        data-testid="loan-transactions"
      />
      <ReverseModal loan={loan} transaction={reversing} onClose={() => setReversing(null)} />
    </>
  )
}
