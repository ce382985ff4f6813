/** Trial balance (试算平衡表) per institution and the ledger check: balanced entries, journal = loans = schedule. */
import { CheckCircleOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatMoney } from '../../shared/format'
import { InstitutionFilter } from '../../shared/InstitutionFilter'
import { useT } from '../../shared/i18n'
import { useInstitutionNames } from '../../shared/reference'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { Chart } from './Chart'
import { useAccountName } from './LoanJournalTab'
import { fromCents, moneyCell, toCents, toNumber } from './money'

type TrialBalanceRow = {
  accountCode: string
  name: string
  kind: string
  debit: string
  credit: string
  balance: string
}
type TrialBalance = { institutionId: string; accounts: TrialBalanceRow[] }

type LedgerProblem =
  | { kind: 'unbalanced_entry'; entryId: string; eventType: string; debit: string; credit: string }
  | { kind: 'loan_mismatch'; loanId: string; loanNo: string; loanBalance: string; journal: string; schedule: string }

type LedgerVerification = {
  ok: boolean
  entries: number
  loans: number
  totalDebit: string
  totalCredit: string
  problems: LedgerProblem[]
}

const KIND_COLORS: Record<string, string> = {
  asset: 'blue',
  liability: 'purple',
  income: 'green',
  expense: 'orange',
  equity: 'default',
}

function VerifyResult({ result }: { result: LedgerVerification }) {
  const t = useT()
  const counts = { entries: result.entries, loans: result.loans, debit: formatMoney(result.totalDebit) }
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        style={{ marginBottom: 16 }}
        title={t('servicing.ledger.verifyOk', counts)}
        data-testid="ledger-verify-result"
      />
    )
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="ledger-verify-result"
      title={t('servicing.ledger.verifyFailed', { ...counts, count: result.problems.length })}
      description={
        <Table<LedgerProblem>
          size="small"
          pagination={result.problems.length > 20 ? { pageSize: 20 } : false}
          rowKey={(p) => (p.kind === 'loan_mismatch' ? `l:${p.loanId}` : `e:${p.entryId}`)}
          dataSource={result.problems}
          columns={[
            {
              key: 'kind',
              title: t('servicing.ledger.problem'),
              render: (_v, p) => <Tag color="red">{t(`servicing.ledger.problem.${p.kind}`)}</Tag>,
            },
            {
              key: 'object',
              title: t('servicing.ledger.object'),
              render: (_v, p) =>
                p.kind === 'loan_mismatch' ? (
                  <Link to={`/servicing/loans/${p.loanId}`} className="xd-mono">
                    {p.loanNo}
                  </Link>
                ) : (
                  <span className="xd-mono">
                    {p.eventType} · {p.entryId.slice(0, 8)}
                  </span>
                ),
            },
            {
              key: 'detail',
              title: t('servicing.ledger.detail'),
              render: (_v, p) =>
                p.kind === 'loan_mismatch'
                  ? t('servicing.ledger.loanMismatch', {
                      loan: formatMoney(p.loanBalance),
                      journal: formatMoney(p.journal),
                      schedule: formatMoney(p.schedule),
                    })
                  : t('servicing.ledger.unbalanced', { debit: formatMoney(p.debit), credit: formatMoney(p.credit) }),
            },
          ]}
        />
      }
    />
  )
}

export function LedgerPage() {
  const t = useT()
  const { me } = usePermissions()
  const accountName = useAccountName()
  const institutionName = useInstitutionNames()
  const [institutionId, setInstitutionId] = useState<string | undefined>()
  const balance = useQuery({
    queryKey: ['ledger', 'trial-balance', institutionId],
    queryFn: ({ signal }) => api.get<TrialBalance>('/api/v1/ledger/trial-balance', { institutionId }, { signal }),
  })
  const verify = useMutation({ mutationFn: () => api.post<LedgerVerification>('/api/v1/ledger/verify', {}) })
  const rows = balance.data?.accounts ?? []
  const debit = rows.reduce((s, r) => s + toCents(r.debit), 0n)
  const credit = rows.reduce((s, r) => s + toCents(r.credit), 0n)

  const columns: TableColumnsType<TrialBalanceRow> = [
    {
      key: 'code',
      dataIndex: 'accountCode',
      title: t('servicing.ledger.account'),
      render: (code: string, r) => (
        <>
          <span className="xd-mono">{code}</span> {accountName(code, r.name)}
        </>
      ),
    },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('servicing.ledger.kind'),
      render: (kind: string) => <Tag color={KIND_COLORS[kind]}>{t(`servicing.ledger.kind.${kind as 'asset'}`)}</Tag>,
    },
    { key: 'debit', dataIndex: 'debit', title: t('servicing.debit'), align: 'right', render: moneyCell },
    { key: 'credit', dataIndex: 'credit', title: t('servicing.credit'), align: 'right', render: moneyCell },
    {
      key: 'balance',
      dataIndex: 'balance',
      title: t('servicing.ledger.balance'),
      align: 'right',
      render: (b: string) => <strong>{formatMoney(b)}</strong>,
    },
  ]
  const chartRows = rows.filter((r) => toCents(r.balance) !== 0n)

  return (
    <PageHeader
      title={t('servicing.ledger.title')}
      extra={
        <>
          <InstitutionFilter value={institutionId} onChange={setInstitutionId} />
          <Button icon={<ReloadOutlined />} onClick={() => balance.refetch()} aria-label={t('common.refresh')} />
          <Can permission="ledger.verify">
            <Button
              type="primary"
              icon={<SafetyOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="ledger-verify"
            >
              {t('servicing.ledger.verify')}
            </Button>
          </Can>
        </>
      }
    >
      {verify.isError && <Alert type="error" showIcon title={errorText(verify.error)} style={{ marginBottom: 16 }} />}
      {verify.data && <VerifyResult result={verify.data} />}
      <Card
        title={t('servicing.ledger.trialBalanceOf', {
          name: institutionName(balance.data?.institutionId ?? institutionId ?? me?.institution.id) ?? '',
        })}
        extra={
          debit === credit ? (
            <Tag color="green" data-testid="trial-balanced">
              {t('servicing.ledger.balancedTotals', { amount: formatMoney(fromCents(debit)) })}
            </Tag>
          ) : (
            <Tag color="red">{t('servicing.ledger.unbalancedTotals')}</Tag>
          )
        }
      >
        <LoadError error={balance.error} onRetry={() => balance.refetch()} />
        {chartRows.length > 0 && (
          <Chart
            height={220}
            testId="trial-balance-chart"
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 160, right: 24, top: 8, bottom: 24 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', data: chartRows.map((r) => accountName(r.accountCode, r.name)) },
              series: [
                {
                  type: 'bar',
                  name: t('servicing.ledger.balance'),
                  data: chartRows.map((r) => ({
                    value: toNumber(r.balance),
                    itemStyle: { color: toCents(r.balance) >= 0n ? '#1668dc' : '#fa8c16' },
                  })),
                },
              ],
            }}
          />
        )}
        <Table<TrialBalanceRow>
          rowKey="accountCode"
          size="small"
          loading={balance.isLoading}
          columns={columns}
          dataSource={rows}
          pagination={false}
          data-testid="trial-balance"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('servicing.ledger.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong>{formatMoney(fromCents(debit))}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong>{formatMoney(fromCents(credit))}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <strong>{formatMoney(fromCents(debit - credit))}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </PageHeader>
  )
}
