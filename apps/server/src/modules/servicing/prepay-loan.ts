/**
 * Prepayment (提前还款): the payoff quote (what to pay on a date to settle), early settlement
 * (提前结清) and partial prepayment with the borrower's choice of a shorter term or a smaller
 * installment. Interest runs to the value date only: the current period's interest is cut pro rata
 * by days, later periods' interest and per-installment fees fall away. The product's prepayment rule
 * may forbid prepayment or charge a fee on the principal prepaid.
 */
import { eq, inArray } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { dec, roundCents } from '../../platform/money.ts'
import { accruedInterest } from './domain/accrual.ts'
import { allocateRepayment, type Component } from './domain/allocate.ts'
import {
  asCents,
  type Installment,
  type PrepaymentChoice,
  type RepaymentMethod,
  rescheduleAfterPartialPrepayment,
} from './domain/index.ts'
import { amountOf, withScheduleErrors } from './inputs.ts'
import { findLoan, type InstallmentRow, type LoanRow, loadSchedule, lockLoanOnBusinessDate } from './loan-queries.ts'
import { balanceOf, c, owedOn, s } from './loan-state.ts'
import { bookRepayment, checkValueDate, type RepaymentResult } from './post-repayment.ts'
import { installments, loans, productVersions } from './schema.ts'

type Rule = { prepaymentRule: string; prepaymentFeeRate: string }

async function ruleOf(tx: Tx, loan: LoanRow): Promise<Rule> {
  const [v] = await tx.select().from(productVersions).where(eq(productVersions.id, loan.productVersionId))
  return { prepaymentRule: v?.prepaymentRule ?? 'allowed', prepaymentFeeRate: v?.prepaymentFeeRate ?? '0' }
}

const feeOn = (rule: Rule, principal: number, rounding: string) =>
  rule.prepaymentRule === 'allowed_with_fee'
    ? c(roundCents(dec(principal).dividedBy(100).times(rule.prepaymentFeeRate), rounding as 'half_up').toFixed(2))
    : 0

/** The installment running on `date` and where its period started. */
function currentPeriod(loan: LoanRow, schedule: InstallmentRow[], date: IsoDate) {
  const index = schedule.findIndex((r) => r.dueDate > date)
  if (index < 0) return null
  return { row: schedule[index]!, start: index === 0 ? loan.disbursedOn! : schedule[index - 1]!.dueDate, index }
}

export type PayoffQuote = {
  loanId: string
  date: string
  principal: string
  interest: string
  fee: string
  penalty: string
  prepaymentFee: string
  total: string
  creditBalance: string
  prepaymentAllowed: boolean
}

function computeQuote(loan: LoanRow, schedule: InstallmentRow[], rule: Rule, date: IsoDate) {
  const due = schedule.filter((r) => r.dueDate <= date)
  const current = currentPeriod(loan, schedule, date)
  const future = current ? schedule.slice(current.index) : []
  const sumOwed = (rows: InstallmentRow[], k: Component) => rows.reduce((t, r) => t + owedOn(r, k), 0)
  const accrued = current
    ? Math.max(
        0,
        accruedInterest({
          interest: c(current.row.interestDue),
          periodStart: current.start,
          periodEnd: current.row.dueDate,
          asOf: date,
          rounding: loan.rounding as 'half_up',
        }) -
          c(current.row.interestPaid) -
          c(current.row.interestWaived),
      )
    : 0
  const futurePrincipal = sumOwed(future, 'principal')
  const q = {
    principal: sumOwed(schedule, 'principal'),
    interest: sumOwed(due, 'interest') + accrued,
    fee: sumOwed(due, 'fee'),
    penalty: sumOwed(schedule, 'penalty'),
    prepaymentFee: feeOn(rule, futurePrincipal, loan.rounding),
    accrued,
    current,
  }
  return { ...q, total: q.principal + q.interest + q.fee + q.penalty + q.prepaymentFee }
}

export async function getPayoffQuote(
  tx: Tx,
  principal: StaffPrincipal,
  loanId: string,
  date?: string,
): Promise<PayoffQuote> {
  const loan = await findLoan(tx, principal, loanId)
  if (loan.status !== 'active' && loan.status !== 'overdue')
    throw businessRule('servicing.loan_status', { status: loan.status })
  const { valueDate } = await checkValueDate(tx, loan, date)
  const rule = await ruleOf(tx, loan)
  const q = computeQuote(loan, await loadSchedule(tx, loanId), rule, valueDate)
  return {
    loanId,
    date: valueDate,
    principal: s(q.principal),
    interest: s(q.interest),
    fee: s(q.fee),
    penalty: s(q.penalty),
    prepaymentFee: s(q.prepaymentFee),
    total: s(q.total),
    creditBalance: loan.creditBalance,
    prepaymentAllowed: rule.prepaymentRule !== 'not_allowed',
  }
}

export type PrepaymentInput = {
  type: 'settlement' | 'partial'
  choice?: PrepaymentChoice
  amount: string
  channel: string
  externalRef?: string | null
  valueDate?: string
}

export type PrepayLoanOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  input: PrepaymentInput
}

export async function prepayLoan({ tx, principal, actor, loanId, input }: PrepayLoanOptions): Promise<RepaymentResult> {
  const amount = c(amountOf(input.amount, 'body.amount').toFixed(2))
  const { loan, businessDate: today } = await lockLoanOnBusinessDate(tx, principal, loanId)
  if (loan.status !== 'active' && loan.status !== 'overdue')
    throw businessRule('servicing.loan_status', { status: loan.status })
  const { valueDate, businessDate } = await checkValueDate(tx, loan, input.valueDate, today)
  const rule = await ruleOf(tx, loan)
  if (rule.prepaymentRule === 'not_allowed') throw businessRule('servicing.prepayment_not_allowed')
  const schedule = await loadSchedule(tx, loanId)
  const q = computeQuote(loan, schedule, rule, valueDate)
  const common = { tx, loan, schedule, amount, valueDate, businessDate, input, userId: principal.userId }
  let booked: Awaited<ReturnType<typeof bookRepayment>>
  if (input.type === 'settlement') {
    if (amount < q.total)
      throw fieldError('body.amount', 'servicing.field.amount_below_payoff', { payoff: s(q.total) }, 'business_rule')
    await cutFutureCharges(tx, schedule, q)
    booked = await bookRepayment({ ...common, type: 'settlement' })
  } else {
    booked = await partialPrepayment(common, q, rule, input.choice ?? 'reduce_installment')
  }
  await recordAudit(tx, actor, {
    operation: input.type === 'settlement' ? 'loan.settle_early' : 'loan.prepay',
    objectType: 'loan',
    objectId: loanId,
    institutionId: loan.institutionId,
    before: { status: loan.status, principalOutstanding: loan.principalOutstanding },
    after: { ...booked.result, choice: input.choice ?? null },
  })
  return booked.result
}

/** Interest stops at the value date and later per-installment fees fall away; a prepayment fee joins the current installment. */
async function cutFutureCharges(tx: Tx, schedule: InstallmentRow[], q: ReturnType<typeof computeQuote>) {
  if (!q.current) return
  for (const row of schedule.slice(q.current.index)) {
    const isCurrent = row.id === q.current.row.id
    const keepInterest = c(row.interestPaid) + c(row.interestWaived) + (isCurrent ? q.accrued : 0)
    const keepFee = c(row.feePaid) + c(row.feeWaived) + (isCurrent ? q.prepaymentFee : 0)
    row.interestDue = s(keepInterest)
    row.feeDue = s(keepFee)
    await tx
      .update(installments)
      .set({ interestDue: row.interestDue, feeDue: row.feeDue })
      .where(eq(installments.id, row.id))
  }
}

async function partialPrepayment(
  o: Parameters<typeof bookRepayment>[0],
  q: ReturnType<typeof computeQuote>,
  rule: Rule,
  choice: PrepaymentChoice,
) {
  const { tx, loan, schedule, amount, valueDate } = o
  const due = schedule.filter((r) => r.dueDate <= valueDate)
  const dueNow =
    due.reduce((t, r) => t + balanceOf(r).principal + balanceOf(r).interest + balanceOf(r).fee, 0) + q.penalty
  if (amount <= dueNow || !q.current)
    throw fieldError('body.amount', 'servicing.field.prepayment_too_small', { due: s(dueNow) }, 'business_rule')
  const future = schedule.slice(q.current.index)
  const extra = amount - dueNow
  const rate = dec(rule.prepaymentRule === 'allowed_with_fee' ? rule.prepaymentFeeRate : '0')
  const prepaid = c(
    roundCents(dec(extra).dividedBy(100).dividedBy(rate.plus(1)), loan.rounding as 'half_up').toFixed(2),
  )
  const fee = extra - prepaid
  const oldRemaining = future.reduce((t, r) => t + owedOn(r, 'principal'), 0)
  if (prepaid >= oldRemaining)
    throw fieldError('body.amount', 'servicing.field.prepayment_too_large', undefined, 'business_rule')
  if (future.some((r) => c(r.principalPaid) + c(r.interestPaid) + c(r.feePaid) > 0))
    throw businessRule('servicing.prepayment_method')
  const old: Installment[] = future.map((r) => ({
    number: r.number,
    dueDate: r.dueDate,
    principal: asCents(c(r.principalDue)),
    interest: asCents(c(r.interestDue)),
    fee: asCents(c(r.feeDue)),
    total: asCents(c(r.principalDue) + c(r.interestDue) + c(r.feeDue)),
    remainingPrincipal: asCents(0),
  }))
  const reshaped = await withScheduleErrors(
    () =>
      rescheduleAfterPartialPrepayment({
        remainingPrincipal: asCents(oldRemaining - prepaid),
        remainingInstallments: old,
        choice,
        method: loan.method as RepaymentMethod,
        annualRate: dec(loan.annualRate),
        rounding: loan.rounding as 'half_up',
      }),
    { choice: 'body.choice', method: 'body.choice' },
  )
  const cur = q.current
  const accrue = (interest: number) =>
    accruedInterest({
      interest,
      periodStart: cur.start,
      periodEnd: cur.row.dueDate,
      asOf: valueDate,
      rounding: loan.rounding as 'half_up',
    })
  for (const [k, row] of future.entries()) {
    const next = reshaped[k]
    if (!next) {
      await tx.delete(installments).where(inArray(installments.id, [row.id]))
      continue
    }
    // the current period: old balance until the value date, the new balance after it
    const interest =
      k === 0
        ? c(row.interestDue) -
          (c(row.interestDue) - accrue(c(row.interestDue))) +
          (next.interest - accrue(next.interest))
        : next.interest
    Object.assign(row, {
      principalDue: s(next.principal + (k === 0 ? prepaid : 0)),
      interestDue: s(interest),
      feeDue: s(next.fee + (k === 0 ? fee : 0)),
    })
    await tx
      .update(installments)
      .set({ principalDue: row.principalDue, interestDue: row.interestDue, feeDue: row.feeDue })
      .where(eq(installments.id, row.id))
  }
  if (reshaped.length < future.length)
    await tx
      .update(loans)
      .set({ maturityDate: reshaped.at(-1)!.dueDate })
      .where(eq(loans.id, loan.id))
  const kept = schedule.filter((r) => r.dueDate <= valueDate || future.slice(0, reshaped.length).includes(r))
  const dueAllocation = allocateRepayment({
    amount: dueNow,
    installments: due.map(balanceOf),
    order: loan.allocationOrder as Component[],
  })
  const allocation = {
    installments: [
      ...dueAllocation.installments,
      { number: cur.row.number, principal: prepaid, fee, interest: 0, penalty: 0 },
    ],
    totals: {
      ...dueAllocation.totals,
      principal: dueAllocation.totals.principal + prepaid,
      fee: dueAllocation.totals.fee + fee,
    },
    credit: dueAllocation.credit,
  }
  return bookRepayment({ ...o, schedule: kept, type: 'prepayment', allocation })
}
