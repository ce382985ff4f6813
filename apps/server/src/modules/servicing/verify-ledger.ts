/**
 * `xindai ledger verify`: every journal entry balances, debits equal credits in total, and for
 * every loan the principal in the journal (disbursed − repaid − written off), the loan's balance and
 * its schedule (principal due − paid − written off) agree. Set-based SQL; names every mismatch.
 */
import { sql } from 'drizzle-orm'
import { type Queryable, queryRows } from '../../platform/db/open.ts'

export type LedgerProblem =
  | { kind: 'unbalanced_entry'; entryId: string; eventType: string; debit: string; credit: string }
  | {
      kind: 'loan_mismatch'
      loanId: string
      loanNo: string
      account: string
      loanBalance: string
      journal: string
      schedule: string
    }

export type LedgerVerification = {
  ok: boolean
  entries: number
  loans: number
  totalDebit: string
  totalCredit: string
  problems: LedgerProblem[]
}

export async function verifyLedger(tx: Queryable, institutionId?: string | null): Promise<LedgerVerification> {
  const inst = (col: string) => (institutionId ? sql`${sql.raw(col)} = ${institutionId}` : sql`true`)
  const [totals] = await queryRows<{ entries: string; debit: string; credit: string }>(
    tx,
    sql`select (select count(*) from journal_entries where ${inst('institution_id')}) as entries,
      coalesce(sum(debit), 0)::text as debit, coalesce(sum(credit), 0)::text as credit
      from journal_lines where ${inst('institution_id')}`,
  )
  const unbalanced = await queryRows<{ entry_id: string; event_type: string; debit: string; credit: string }>(
    tx,
    sql`select e.id as entry_id, e.event_type, coalesce(sum(l.debit), 0)::text as debit, coalesce(sum(l.credit), 0)::text as credit
      from journal_entries e left join journal_lines l on l.entry_id = e.id
      where ${inst('e.institution_id')}
      group by e.id, e.event_type
      having coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0) or count(l.id) = 0
      limit 1000`,
  )
  // per loan: journal balance of each receivable = the loan's balance = what its schedule says
  const loans = await queryRows<{
    id: string
    loan_no: string
    account: string
    balance: string
    journal: string
    schedule: string
    n: string
  }>(
    tx,
    sql`with j as (
        select loan_id,
          sum(case when account_code = '1101' then debit - credit else 0 end) as principal,
          sum(case when account_code = '1102' then debit - credit else 0 end) as interest,
          sum(case when account_code = '1103' then debit - credit else 0 end) as fee,
          sum(case when account_code = '1104' then debit - credit else 0 end) as penalty
        from journal_lines where loan_id is not null and ${inst('institution_id')} group by loan_id),
      s as (
        select loan_id, sum(principal_due - principal_paid) as principal,
          sum(greatest(0, interest_recognized - interest_paid - interest_waived)) as interest,
          sum(greatest(0, fee_recognized - fee_paid - fee_waived)) as fee,
          sum(penalty_due - penalty_paid - penalty_waived) as penalty
        from installments where ${inst('institution_id')} group by loan_id),
      w as (
        select loan_id, sum(principal_portion) as principal
        from loan_transactions where type = 'write_off' and reversed_by_id is null and ${inst('institution_id')}
        group by loan_id),
      l as (select * from loans where ${inst('institution_id')}),
      checked as (
        select l.id, l.loan_no, a.account, a.balance, a.journal, a.schedule
        from l left join j on j.loan_id = l.id left join s on s.loan_id = l.id left join w on w.loan_id = l.id
        cross join lateral (values
          ('1101', l.principal_outstanding, coalesce(j.principal, 0), coalesce(s.principal, 0) - coalesce(w.principal, 0)),
          ('1102', l.interest_outstanding, coalesce(j.interest, 0),
            case when l.status = 'written_off' then 0 else coalesce(s.interest, 0) end),
          ('1103', l.fee_outstanding, coalesce(j.fee, 0), case when l.status = 'written_off' then 0 else coalesce(s.fee, 0) end),
          ('1104', l.penalty_outstanding, coalesce(j.penalty, 0),
            case when l.status = 'written_off' then 0 else coalesce(s.penalty, 0) end)
        ) as a(account, balance, journal, schedule))
      select id, loan_no, account, balance::text, journal::text, schedule::text, null as n
      from checked where not (balance = journal and balance = schedule)
      union all select null, null, null, null, null, null, (select count(*) from l)::text
      limit 1001`,
  )
  const checkedLoans = Number(loans.find((r) => r.n !== null)?.n ?? 0)
  const problems: LedgerProblem[] = [
    ...unbalanced.map((r) => ({
      kind: 'unbalanced_entry' as const,
      entryId: r.entry_id,
      eventType: r.event_type,
      debit: r.debit,
      credit: r.credit,
    })),
    ...loans
      .filter((r) => r.id !== null)
      .map((r) => ({
        kind: 'loan_mismatch' as const,
        loanId: r.id,
        loanNo: r.loan_no,
        account: r.account,
        loanBalance: r.balance,
        journal: r.journal,
        schedule: r.schedule,
      })),
  ]
  const ok = problems.length === 0 && totals!.debit === totals!.credit
  return {
    ok,
    entries: Number(totals!.entries),
    loans: checkedLoans,
    totalDebit: totals!.debit,
    totalCredit: totals!.credit,
    problems,
  }
}

export type TrialBalanceRow = {
  accountCode: string
  name: string
  kind: string
  debit: string
  credit: string
  balance: string
}

/** Sums per account; balance = debit − credit (assets and expenses positive). */
export async function trialBalance(tx: Queryable, institutionId: string): Promise<TrialBalanceRow[]> {
  const rows = await queryRows<{
    code: string
    name: string
    kind: string
    debit: string
    credit: string
    balance: string
  }>(
    tx,
    sql`select a.code, a.name, a.kind, coalesce(sum(l.debit), 0)::text as debit, coalesce(sum(l.credit), 0)::text as credit,
        (coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0))::text as balance
      from gl_accounts a left join journal_lines l on l.institution_id = a.institution_id and l.account_code = a.code
      where a.institution_id = ${institutionId}
      group by a.code, a.name, a.kind order by a.code`,
  )
  return rows.map((r) => ({
    accountCode: r.code,
    name: r.name,
    kind: r.kind,
    debit: r.debit,
    credit: r.credit,
    balance: r.balance,
  }))
}
