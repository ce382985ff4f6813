/** The loan's journal: one balanced entry per business event, debit and credit lines by account. */
import { CheckCircleTwoTone, WarningTwoTone } from '@ant-design/icons'
import { Table, type TableColumnsType, Tag } from 'antd'
import { formatMoney } from '../../shared/format'
import { isMessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { fromCents, toCents } from './money'
import type { JournalEntry, JournalLine } from './types'
import { useLoanJournal } from './useLoan'

export function useAccountName() {
  const t = useT()
  return (code: string, fallback?: string) => {
    const key = `servicing.account.${code}`
    return isMessageKey(key) ? t(key) : (fallback ?? code)
  }
}

export function LoanJournalTab({ loanId }: { loanId: string }) {
  const t = useT()
  const journal = useLoanJournal(loanId)
  const accountName = useAccountName()
  const eventLabel = (type: string) => {
    const key = `servicing.txType.${type}`
    return isMessageKey(key) ? t(key) : type
  }
  const columns: TableColumnsType<JournalEntry> = [
    { key: 'entryDate', dataIndex: 'entryDate', title: t('servicing.entryDate'), width: 110 },
    {
      key: 'eventType',
      dataIndex: 'eventType',
      title: t('servicing.event'),
      width: 140,
      render: (type: string) => <Tag>{eventLabel(type)}</Tag>,
    },
    {
      key: 'lines',
      title: t('servicing.journalLines'),
      render: (_v, entry) => (
        <Table<JournalLine>
          rowKey={(l, i) => `${l.accountCode}-${i}`}
          size="small"
          pagination={false}
          showHeader={false}
          dataSource={entry.lines}
          columns={[
            {
              key: 'account',
              render: (_x, l) => (
                <span style={{ paddingLeft: toCents(l.credit) > 0n ? 24 : 0 }}>
                  <span className="xd-mono">{l.accountCode}</span> {accountName(l.accountCode, l.accountName)}
                </span>
              ),
            },
            {
              key: 'debit',
              align: 'right',
              width: 130,
              render: (_x, l) => (toCents(l.debit) > 0n ? formatMoney(l.debit) : ''),
            },
            {
              key: 'credit',
              align: 'right',
              width: 130,
              render: (_x, l) => (toCents(l.credit) > 0n ? formatMoney(l.credit) : ''),
            },
          ]}
        />
      ),
    },
    {
      key: 'balanced',
      title: t('servicing.balanced'),
      width: 90,
      align: 'center',
      render: (_v, entry) => {
        const debit = entry.lines.reduce((s, l) => s + toCents(l.debit), 0n)
        const credit = entry.lines.reduce((s, l) => s + toCents(l.credit), 0n)
        return debit === credit ? (
          <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={fromCents(debit)} />
        ) : (
          <WarningTwoTone twoToneColor="#ff4d4f" />
        )
      },
    },
  ]
  return (
    <>
      <LoadError error={journal.error} onRetry={() => journal.refetch()} />
      <Table<JournalEntry>
        rowKey="id"
        size="small"
        loading={journal.isLoading}
        columns={columns}
        dataSource={journal.data ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="loan-journal"
      />
    </>
  )
}
