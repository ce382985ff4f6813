/**
 * Reshaping the rest of a schedule after a partial prepayment (部分提前还款).
 *
 * The borrower chooses to keep paying about the same each month and finish sooner (reduce_term,
 * 缩短期限) or to keep the end date and pay less each month (reduce_installment, 减少月供). The new
 * installments reuse the old due dates (and their fees) and their principal sums exactly to the
 * principal still owed.
 *
 * Assumption: the prepayment takes effect on a due date (or the start date), as Chinese banks book
 * 提前还款 on the repayment day, so every new installment accrues one regular month on its balance.
 * A prepayment in mid-period must settle the interest accrued to its date when it is booked.
 */
import type { Decimal, RoundingMode } from '../../../platform/money.ts'
import { levelPayment } from './annuity.ts'
import type { Cents } from './cents.ts'
import { amortizeEqualInstallments } from './equal-installment.ts'
import { amortizeEqualPrincipal, regularPrincipal } from './equal-principal.ts'
import { type Installment, makeInstallment } from './installment.ts'
import { amortizeInterestFirst } from './interest-first.ts'
import { planRegularPeriods } from './periods.ts'
import { type Rate, scaleRate } from './rate.ts'
import { ScheduleTermsError } from './schedule-terms-error.ts'
import { type RepaymentMethod, resolveAnnualRate } from './terms.ts'

export type PrepaymentChoice = 'reduce_term' | 'reduce_installment'

export type ReschedulePrepaymentOptions = {
  /** principal still owed once the prepayment has been applied */
  remainingPrincipal: Cents
  /** the installments of the current schedule not yet due, in order */
  remainingInstallments: readonly Installment[]
  choice: PrepaymentChoice
  method: RepaymentMethod
  annualRate: Decimal
  rounding?: RoundingMode
}

type Reshape = { principal: number; dueDates: string[]; oldBalance: number; rate: Rate; rounding: RoundingMode }

function fail(field: string, message: string): never {
  throw new ScheduleTermsError({ field, reason: 'not_allowed', message })
}

/** The fewest installments whose level payment does not exceed what the old balance required. */
function shortestTerm({ principal, dueDates, oldBalance, rate, rounding }: Reshape): number {
  const ceiling = levelPayment({ principal: oldBalance, rate, periods: dueDates.length, rounding })
  let low = 1
  let high = dueDates.length
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (levelPayment({ principal, rate, periods: middle, rounding }) <= ceiling) high = middle
    else low = middle + 1
  }
  return low
}

function reshape(options: ReschedulePrepaymentOptions, input: Reshape): Installment[] {
  const { choice, method, remainingInstallments } = options
  const { principal, rate, rounding } = input
  const common = { principal, monthlyRate: rate, fee: 0, rounding, firstNumber: remainingInstallments[0]!.number }
  const plan = (count: number) => planRegularPeriods({ dueDates: input.dueDates.slice(0, count), monthlyRate: rate })
  const all = input.dueDates.length
  if (method === 'equal_installment') {
    const count = choice === 'reduce_term' ? shortestTerm(input) : all
    return amortizeEqualInstallments({ ...common, plan: plan(count) }).installments
  }
  if (method === 'equal_principal') {
    // Keep the old monthly principal and finish sooner, or spread the balance over the same months.
    const share =
      choice === 'reduce_term'
        ? Math.max(1, all > 1 ? remainingInstallments[0]!.principal : input.oldBalance)
        : regularPrincipal({ principal, periods: all, rounding })
    const count = choice === 'reduce_term' ? Math.min(all, Math.ceil(principal / share)) : all
    return amortizeEqualPrincipal({ ...common, plan: plan(count), share }).installments
  }
  if (method === 'interest_first' && choice === 'reduce_installment') {
    return amortizeInterestFirst({ ...common, plan: plan(all) }).installments
  }
  return fail('choice', `${method} has no ${choice} prepayment`)
}

export function rescheduleAfterPartialPrepayment(options: ReschedulePrepaymentOptions): Installment[] {
  const { remainingPrincipal, remainingInstallments } = options
  if (options.method === 'bullet') fail('method', 'a bullet loan has no later installments to reshape')
  if (remainingInstallments.length === 0) fail('remainingInstallments', 'nothing left to reschedule')
  const oldBalance = remainingInstallments.reduce((total, { principal }) => total + principal, 0)
  if (!Number.isSafeInteger(remainingPrincipal) || remainingPrincipal < 0 || remainingPrincipal > oldBalance) {
    throw new ScheduleTermsError({
      field: 'remainingPrincipal',
      reason: 'out_of_range',
      message: 'must be whole cents between 0 and the principal of the remaining installments',
    })
  }
  if (remainingPrincipal === 0) return []
  const rate = scaleRate(resolveAnnualRate(options.annualRate), { mul: 1n, div: 12n })
  const rounding = options.rounding ?? 'half_up'
  const dueDates = remainingInstallments.map(({ dueDate }) => dueDate)
  const reshaped = reshape(options, { principal: remainingPrincipal, dueDates, oldBalance, rate, rounding })
  // Each kept due date keeps its own fee; the installments dropped by reduce_term take theirs along.
  return reshaped.map((row, k) => {
    const { fee } = remainingInstallments[k]!
    return makeInstallment(row.number, row.dueDate, row.principal, row.interest, fee, row.remainingPrincipal)
  })
}
