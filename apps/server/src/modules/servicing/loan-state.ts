/**
 * The arithmetic every money command shares: what each installment still owes, applying (or undoing)
 * a per-installment split, the journal lines of a repayment, and the loan's status afterwards.
 * Amounts are whole cents here; rows are written back as "0.00" strings.
 */
import { eq, like, or } from 'drizzle-orm'
import { daysBetween, type IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { dec } from '../../platform/money.ts'
import { ACCOUNTS, type AccountCode } from './accounts.ts'
import { type Allocation, COMPONENTS, type Component, type InstallmentBalance } from './domain/allocate.ts'
import { asCents, formatCents, toCents } from './domain/index.ts'
import type { InstallmentRow, LoanRow } from './loan-queries.ts'
import type { JournalLine } from './post-journal-entry.ts'
import { type InstallmentAllocation, installments, journalEntries, journalLines, loans } from './schema.ts'

export const c = (v: string) => toCents(dec(v)) as number
export const s = (v: number) => formatCents(asCents(v))

const DUE: Record<Component, keyof InstallmentRow> = {
  principal: 'principalDue',
  interest: 'interestDue',
  fee: 'feeDue',
  penalty: 'penaltyDue',
}
const PAID: Record<Component, keyof InstallmentRow> = {
  principal: 'principalPaid',
  interest: 'interestPaid',
  fee: 'feePaid',
  penalty: 'penaltyPaid',
}
const WAIVED: Partial<Record<Component, keyof InstallmentRow>> = {
  interest: 'interestWaived',
  fee: 'feeWaived',
  penalty: 'penaltyWaived',
}

export function owedOn(row: InstallmentRow, component: Component): number {
  const waived = WAIVED[component]
  return c(row[DUE[component]] as string) - c(row[PAID[component]] as string) - (waived ? c(row[waived] as string) : 0)
}

export function balanceOf(row: InstallmentRow): InstallmentBalance {
  return {
    number: row.number,
    principal: owedOn(row, 'principal'),
    interest: owedOn(row, 'interest'),
    fee: owedOn(row, 'fee'),
    penalty: owedOn(row, 'penalty'),
  }
}

export const totalOwed = (rows: InstallmentRow[]) =>
  rows.reduce((t, r) => t + COMPONENTS.reduce((u, k) => u + owedOn(r, k), 0), 0)

/** What of each paid interest / fee amount was already receivable, and what is recognised as income now. */
export type Recognition = {
  number: number
  interestReceivable: number
  interestNew: number
  feeReceivable: number
  feeNew: number
}

/** Booked by the daily close (or earlier) and not yet paid or waived: recognised − paid − waived. */
export const receivableOn = (row: InstallmentRow, k: 'interest' | 'fee') =>
  k === 'interest'
    ? Math.max(0, c(row.interestRecognized) - c(row.interestPaid) - c(row.interestWaived))
    : Math.max(0, c(row.feeRecognized) - c(row.feePaid) - c(row.feeWaived))

export function recognitionOf(schedule: InstallmentRow[], split: InstallmentBalance[]): Recognition[] {
  return split.map((part) => {
    const row = schedule.find((r) => r.number === part.number)!
    const interestReceivable = Math.min(part.interest, receivableOn(row, 'interest'))
    const feeReceivable = Math.min(part.fee, receivableOn(row, 'fee'))
    return {
      number: part.number,
      interestReceivable,
      interestNew: part.interest - interestReceivable,
      feeReceivable,
      feeNew: part.fee - feeReceivable,
    }
  })
}

export function toStoredAllocation(a: InstallmentBalance[], recognition: Recognition[] = []): InstallmentAllocation[] {
  return a.map((r) => {
    const rec = recognition.find((x) => x.number === r.number)
    return {
      number: r.number,
      principal: s(r.principal),
      interest: s(r.interest),
      fee: s(r.fee),
      penalty: s(r.penalty),
      interestRecognized: s(rec?.interestNew ?? 0),
      feeRecognized: s(rec?.feeNew ?? 0),
    }
  })
}

/** Adds (sign 1) or removes (sign −1) paid amounts on the in-memory rows and writes the touched ones. */
export async function applyToInstallments(
  tx: Tx,
  schedule: InstallmentRow[],
  split: InstallmentAllocation[] | InstallmentBalance[],
  sign: 1 | -1,
  valueDate: IsoDate,
): Promise<void> {
  for (const part of split) {
    const row = schedule.find((r) => r.number === part.number)
    if (!row) throw new Error(`no installment ${part.number}`)
    const set: Record<string, string> = {}
    for (const k of COMPONENTS) {
      const amount = typeof part[k] === 'string' ? c(part[k] as string) : (part[k] as number)
      if (amount === 0) continue
      const next = s(c(row[PAID[k]] as string) + sign * amount)
      ;(row as Record<string, unknown>)[PAID[k]] = next
      set[PAID[k]] = next
    }
    for (const [key, col] of [
      ['interestRecognized', 'interestRecognized'],
      ['feeRecognized', 'feeRecognized'],
    ] as const) {
      const raw = (part as InstallmentAllocation)[key]
      if (typeof raw !== 'string' || c(raw) === 0) continue
      const next = s(c(row[col]) + sign * c(raw))
      row[col] = next
      set[col] = next
    }
    const owed = COMPONENTS.reduce((t, k) => t + owedOn(row, k), 0)
    const anyPaid = COMPONENTS.some((k) => c(row[PAID[k]] as string) > 0)
    row.status = owed === 0 ? 'paid' : anyPaid ? 'partially_paid' : row.status === 'overdue' ? 'overdue' : 'pending'
    row.paidOn = owed === 0 ? valueDate : null
    await tx
      .update(installments)
      .set({ ...set, status: row.status, paidOn: row.paidOn })
      .where(eq(installments.id, row.id))
  }
}

/** The receivable part of each component is what the daily close has already booked; the rest is income now. */
export function repaymentLines(
  loan: LoanRow,
  amount: number,
  a: Allocation,
  recognition: Recognition[],
): { lines: JournalLine[]; fromReceivable: Record<Component, number> } {
  const sumOf = (k: 'interestReceivable' | 'feeReceivable') => recognition.reduce((t, r) => t + r[k], 0)
  const fromReceivable: Record<Component, number> = {
    principal: a.totals.principal,
    interest: Math.min(sumOf('interestReceivable'), c(loan.interestOutstanding)),
    fee: Math.min(sumOf('feeReceivable'), c(loan.feeOutstanding)),
    penalty: Math.min(a.totals.penalty, c(loan.penaltyOutstanding)),
  }
  const line = (account: AccountCode, cents: number): JournalLine => ({ account, credit: s(cents) })
  return {
    fromReceivable,
    lines: [
      { account: ACCOUNTS.cash, debit: s(amount) },
      line(ACCOUNTS.principal, a.totals.principal),
      line(ACCOUNTS.interestReceivable, fromReceivable.interest),
      line(ACCOUNTS.interestIncome, a.totals.interest - fromReceivable.interest),
      line(ACCOUNTS.feeReceivable, fromReceivable.fee),
      line(ACCOUNTS.feeIncome, a.totals.fee - fromReceivable.fee),
      line(ACCOUNTS.penaltyReceivable, fromReceivable.penalty),
      line(ACCOUNTS.penaltyIncome, a.totals.penalty - fromReceivable.penalty),
      line(ACCOUNTS.customerCredit, a.credit),
    ],
  }
}

/** Net debit (positive) or credit (negative) per account of everything booked for an event so far. */
export async function bookedNet(tx: Tx, eventId: string): Promise<Map<AccountCode, number>> {
  const rows = await tx
    .select({ account: journalLines.accountCode, debit: journalLines.debit, credit: journalLines.credit })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(or(eq(journalEntries.eventId, eventId), like(journalEntries.eventId, `${eventId}:%`)))
  const net = new Map<AccountCode, number>()
  for (const r of rows)
    net.set(r.account as AccountCode, (net.get(r.account as AccountCode) ?? 0) + c(r.debit) - c(r.credit))
  return net
}

export function linesFromNet(net: Map<AccountCode, number>): JournalLine[] {
  const lines: JournalLine[] = []
  for (const [account, v] of net)
    if (v > 0) lines.push({ account, debit: s(v) })
    else if (v < 0) lines.push({ account, credit: s(-v) })
  return lines
}

export function addNet(net: Map<AccountCode, number>, lines: JournalLine[], sign: 1 | -1 = 1) {
  for (const l of lines) {
    const v = 'debit' in l ? c(String(l.debit)) : -c(String(l.credit))
    net.set(l.account, (net.get(l.account) ?? 0) + sign * v)
  }
  return net
}

/** Loan balances move with the receivable and credit accounts: a credit to a receivable lowers it. */
export function balanceDelta(net: Map<AccountCode, number>) {
  return {
    principalOutstanding: net.get(ACCOUNTS.principal) ?? 0,
    interestOutstanding: net.get(ACCOUNTS.interestReceivable) ?? 0,
    feeOutstanding: net.get(ACCOUNTS.feeReceivable) ?? 0,
    penaltyOutstanding: net.get(ACCOUNTS.penaltyReceivable) ?? 0,
    creditBalance: -(net.get(ACCOUNTS.customerCredit) ?? 0),
  }
}

export type LoanBalances = ReturnType<typeof balanceDelta>

export function shiftBalances(loan: LoanRow, delta: LoanBalances): LoanRow {
  return {
    ...loan,
    principalOutstanding: s(c(loan.principalOutstanding) + delta.principalOutstanding),
    interestOutstanding: s(c(loan.interestOutstanding) + delta.interestOutstanding),
    feeOutstanding: s(c(loan.feeOutstanding) + delta.feeOutstanding),
    penaltyOutstanding: s(c(loan.penaltyOutstanding) + delta.penaltyOutstanding),
    creditBalance: s(c(loan.creditBalance) + delta.creditBalance),
  }
}

/**
 * Status after a money event: settled when nothing is owed; overdue when an installment past its due
 * date plus grace days is unpaid (DPD = business date − oldest unpaid due date); otherwise active.
 */
export function statusAfter(loan: LoanRow, schedule: InstallmentRow[], businessDate: IsoDate, valueDate: IsoDate) {
  if (loan.status === 'written_off')
    return { status: 'written_off', dpd: loan.dpd, overdueSince: loan.overdueSince, settledOn: null }
  if (totalOwed(schedule) === 0 && c(loan.principalOutstanding) === 0)
    return { status: 'settled', dpd: 0, overdueSince: null, settledOn: valueDate }
  const oldest = schedule.find((r) => r.dueDate < businessDate && COMPONENTS.some((k) => owedOn(r, k) > 0))
  const dpd = oldest ? daysBetween(oldest.dueDate, businessDate) : 0
  const overdue = oldest !== undefined && dpd > loan.graceDays
  return {
    status: overdue ? 'overdue' : 'active',
    dpd,
    overdueSince: overdue ? oldest!.dueDate : null,
    settledOn: null,
  }
}

export async function saveLoan(tx: Tx, loan: LoanRow, changes: Partial<LoanRow>): Promise<LoanRow> {
  const next = { ...loan, ...changes, revision: loan.revision + 1, updatedAt: new Date() }
  await tx
    .update(loans)
    .set({
      status: next.status,
      principalOutstanding: next.principalOutstanding,
      interestOutstanding: next.interestOutstanding,
      feeOutstanding: next.feeOutstanding,
      penaltyOutstanding: next.penaltyOutstanding,
      creditBalance: next.creditBalance,
      dpd: next.dpd,
      overdueSince: next.overdueSince,
      settledOn: next.settledOn,
      writtenOffOn: next.writtenOffOn,
      revision: next.revision,
      updatedAt: next.updatedAt,
    })
    .where(eq(loans.id, loan.id))
  return next
}
