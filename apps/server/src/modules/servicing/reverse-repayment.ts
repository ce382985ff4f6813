/**
 * Reverses a repayment (冲正) with a reason: its journal booking is mirrored, its split is taken off
 * the installments, and every later repayment is replayed in order on the corrected schedule (each
 * re-booked by one netting entry). A reversal is never itself reversed, and a repayment followed by a
 * prepayment, waiver, refund or write-off is refused: those reshaped the loan after it.
 */
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, notFound } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import type { AccountCode } from './accounts.ts'
import { allocateRepayment, type Component } from './domain/allocate.ts'
import { loadSchedule, lockLoan } from './loan-queries.ts'
import {
  addNet,
  applyToInstallments,
  balanceDelta,
  balanceOf,
  bookedNet,
  c,
  linesFromNet,
  recognitionOf,
  repaymentLines,
  s,
  saveLoan,
  shiftBalances,
  statusAfter,
  toStoredAllocation,
} from './loan-state.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { loanTransactions } from './schema.ts'

const negate = (net: Map<AccountCode, number>) => new Map([...net].map(([k, v]) => [k, -v]))

const REVERSIBLE = new Set(['repayment', 'recovery'])
/** events the daily close books that do not reshape repayments */
const REPLAY_NEUTRAL = new Set(['interest_accrual', 'penalty_accrual'])

export type ReverseRepaymentOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  transactionId: string
  reason: string
}

export async function reverseRepayment(o: ReverseRepaymentOptions) {
  const { tx } = o
  let loan = await lockLoan(tx, o.principal, o.loanId)
  const all = await tx
    .select()
    .from(loanTransactions)
    .where(and(eq(loanTransactions.loanId, loan.id), isNull(loanTransactions.reversedById)))
    .orderBy(asc(loanTransactions.valueDate), asc(loanTransactions.createdAt), asc(loanTransactions.id))
  const [target] = await tx
    .select()
    .from(loanTransactions)
    .where(and(eq(loanTransactions.id, o.transactionId), eq(loanTransactions.loanId, loan.id)))
  if (!target) throw notFound()
  if (target.type === 'reversal') throw businessRule('servicing.reversal_of_reversal')
  if (target.reversedById) throw businessRule('servicing.already_reversed')
  if (!REVERSIBLE.has(target.type)) throw businessRule('servicing.not_reversible')
  const later = all
    .slice(all.findIndex((t) => t.id === target.id) + 1)
    .filter((t) => !REPLAY_NEUTRAL.has(t.type) && t.type !== 'reversal')
  if (later.some((t) => !REVERSIBLE.has(t.type) || t.type !== target.type))
    throw businessRule('servicing.reversal_blocked')
  const businessDate = await getBusinessDate(tx, loan.institutionId)
  const schedule = await loadSchedule(tx, loan.id)
  // undo the target and everything after it, newest first
  const booked = new Map<string, Map<AccountCode, number>>()
  for (const t of [...later].reverse().concat(target)) {
    const net = await bookedNet(tx, t.id)
    booked.set(t.id, net)
    await applyToInstallments(tx, schedule, t.allocations, -1, t.valueDate)
    loan = shiftBalances(loan, balanceDelta(negate(net)))
  }
  if (target.type === 'repayment' && loan.status === 'settled') loan = { ...loan, status: 'active' }
  const [reversal] = await tx
    .insert(loanTransactions)
    .values({
      institutionId: loan.institutionId,
      loanId: loan.id,
      type: 'reversal',
      valueDate: businessDate,
      amount: target.amount,
      principalPortion: target.principalPortion,
      interestPortion: target.interestPortion,
      feePortion: target.feePortion,
      penaltyPortion: target.penaltyPortion,
      creditPortion: target.creditPortion,
      reason: o.reason,
      reversesId: target.id,
      allocations: target.allocations,
      createdBy: o.principal.userId,
    })
    .returning({ id: loanTransactions.id })
  await tx.update(loanTransactions).set({ reversedById: reversal!.id }).where(eq(loanTransactions.id, target.id))
  const mirror = negate(booked.get(target.id)!)
  await postJournalEntry(tx, {
    institutionId: loan.institutionId,
    entryDate: businessDate,
    eventType: 'reversal',
    eventId: reversal!.id,
    loanId: loan.id,
    description: o.reason,
    lines: linesFromNet(mirror),
  })
  for (const l of later) {
    const amount = c(l.amount)
    const allocation = allocateRepayment({
      amount,
      installments: schedule.map(balanceOf),
      order: loan.allocationOrder as Component[],
    })
    const recognition = recognitionOf(schedule, allocation.installments)
    const stored = toStoredAllocation(allocation.installments, recognition)
    const { lines } = repaymentLines(loan, amount, allocation, recognition)
    const net = addNet(negate(booked.get(l.id)!), lines)
    await postJournalEntry(tx, {
      institutionId: loan.institutionId,
      entryDate: businessDate,
      eventType: 'repayment_replay',
      eventId: `${l.id}:${reversal!.id}`,
      loanId: loan.id,
      description: `replay after reversal of ${target.id}`,
      lines: linesFromNet(net),
    })
    await applyToInstallments(tx, schedule, stored, 1, l.valueDate)
    loan = shiftBalances(loan, balanceDelta(addNet(new Map(), lines)))
    await tx
      .update(loanTransactions)
      .set({
        principalPortion: s(allocation.totals.principal),
        interestPortion: s(allocation.totals.interest),
        feePortion: s(allocation.totals.fee),
        penaltyPortion: s(allocation.totals.penalty),
        creditPortion: s(allocation.credit),
        allocations: stored,
      })
      .where(eq(loanTransactions.id, l.id))
  }
  const before = await lockLoan(tx, null, loan.id)
  const saved = await saveLoan(tx, before, {
    principalOutstanding: loan.principalOutstanding,
    interestOutstanding: loan.interestOutstanding,
    feeOutstanding: loan.feeOutstanding,
    penaltyOutstanding: loan.penaltyOutstanding,
    creditBalance: loan.creditBalance,
    ...statusAfter(loan, schedule, businessDate, later.at(-1)?.valueDate ?? businessDate),
  })
  await emitEvent(tx, {
    institutionId: loan.institutionId,
    topic: 'loan.repayment_reversed',
    aggregateType: 'loan',
    aggregateId: loan.id,
    businessDate,
    payload: {
      loanId: loan.id,
      loanNo: loan.loanNo,
      transactionId: target.id,
      reversalId: reversal!.id,
      amount: target.amount,
      reason: o.reason,
      replayed: later.map((l) => l.id),
      loanStatus: saved.status,
    },
  })
  await recordAudit(tx, o.actor, {
    operation: 'repayment.reverse',
    objectType: 'loan',
    objectId: loan.id,
    institutionId: loan.institutionId,
    before: { status: before.status, principalOutstanding: before.principalOutstanding, transactionId: target.id },
    after: {
      status: saved.status,
      principalOutstanding: saved.principalOutstanding,
      reversalId: reversal!.id,
      reason: o.reason,
    },
  })
  return {
    reversalId: reversal!.id,
    transactionId: target.id,
    replayed: later.map((l) => l.id),
    loanStatus: saved.status,
    principalOutstanding: saved.principalOutstanding,
    creditBalance: saved.creditBalance,
  }
}
