/**
 * The chart of accounts (科目) every institution's journal uses. Codes are stable: the daily close,
 * reports and reconciliation refer to them. See docs/servicing.md for the journal of each event.
 */
import { sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { glAccounts } from './schema.ts'

export const ACCOUNTS = {
  cash: '1001',
  principal: '1101',
  interestReceivable: '1102',
  feeReceivable: '1103',
  penaltyReceivable: '1104',
  customerCredit: '2101',
  suspense: '2901',
  interestIncome: '4101',
  feeIncome: '4102',
  penaltyIncome: '4103',
  recoveryIncome: '4104',
  writeOffExpense: '5101',
} as const

export type AccountCode = (typeof ACCOUNTS)[keyof typeof ACCOUNTS]

export const CHART_OF_ACCOUNTS: { code: AccountCode; name: string; kind: string }[] = [
  { code: '1001', name: '资金清算 Cash and clearing', kind: 'asset' },
  { code: '1101', name: '贷款本金 Loan principal receivable', kind: 'asset' },
  { code: '1102', name: '应收利息 Interest receivable', kind: 'asset' },
  { code: '1103', name: '应收费用 Fee receivable', kind: 'asset' },
  { code: '1104', name: '应收罚息 Penalty receivable', kind: 'asset' },
  { code: '2101', name: '客户挂账 Customer credit balance', kind: 'liability' },
  { code: '2901', name: '待处理 Suspense', kind: 'liability' },
  { code: '4101', name: '利息收入 Interest income', kind: 'income' },
  { code: '4102', name: '手续费收入 Fee income', kind: 'income' },
  { code: '4103', name: '罚息收入 Penalty income', kind: 'income' },
  { code: '4104', name: '核销回收 Recovery income', kind: 'income' },
  { code: '5101', name: '核销损失 Write-off expense', kind: 'expense' },
]

const KNOWN = new Set<string>(CHART_OF_ACCOUNTS.map((a) => a.code))

export function isKnownAccount(code: string): code is AccountCode {
  return KNOWN.has(code)
}

/** Creates the institution's accounts that are missing; safe to call any number of times. */
export async function ensureChartOfAccounts(tx: Queryable, institutionId: string): Promise<void> {
  await tx
    .insert(glAccounts)
    .values(CHART_OF_ACCOUNTS.map((a) => ({ institutionId, ...a })))
    .onConflictDoNothing()
}

/** Start-time backfill for institutions created before this module (or by a path without the hook). */
export async function backfillChartsOfAccounts(tx: Queryable): Promise<void> {
  await tx.execute(sql`insert into gl_accounts (institution_id, code, name, kind)
    select i.id, a.code, a.name, a.kind from institutions i
    cross join jsonb_to_recordset(${JSON.stringify(CHART_OF_ACCOUNTS)}::jsonb) as a(code text, name text, kind text)
    on conflict do nothing`)
}
