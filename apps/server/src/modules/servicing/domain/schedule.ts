/**
 * generateSchedule: the repayment plan of a loan, from its terms, for every repayment method.
 *
 * Guarantees (held by the property tests): the installments' principal sums exactly to the loan
 * principal; every amount is whole cents and ≥ 0; the remaining principal never increases and ends
 * at exactly 0; due dates strictly increase; equal-installment totals are equal except the last (and
 * an irregular first). Conventions are described in docs/schedule-engine.md.
 */
import type { Amortize } from './amortization.ts'
import { amortizeBullet } from './bullet.ts'
import type { Cents } from './cents.ts'
import { amortizeEqualInstallments } from './equal-installment.ts'
import { amortizeEqualPrincipal } from './equal-principal.ts'
import type { Installment, Schedule, ScheduleTotals } from './installment.ts'
import { amortizeInterestFirst } from './interest-first.ts'
import { planPeriods } from './periods.ts'
import { ScheduleTermsError } from './schedule-terms-error.ts'
import { type RepaymentMethod, resolveTerms, type ScheduleTerms } from './terms.ts'

const AMORTIZERS: Record<RepaymentMethod, Amortize> = {
  equal_installment: amortizeEqualInstallments,
  equal_principal: amortizeEqualPrincipal,
  interest_first: amortizeInterestFirst,
  bullet: amortizeBullet,
}

function summarizeInstallments({
  installments,
  upfrontFee,
}: {
  installments: readonly Installment[]
  upfrontFee: number
}): ScheduleTotals {
  let principal = 0
  let interest = 0
  let fee = 0
  for (const installment of installments) {
    principal += installment.principal
    interest += installment.interest
    fee += installment.fee
  }
  const total = principal + interest + fee
  // Sums of safe integers are exact until they leave the safe range, so checking the largest is enough.
  if (!Number.isSafeInteger(total)) {
    throw new ScheduleTermsError({
      field: 'principal',
      reason: 'out_of_range',
      message: 'amounts too large to schedule',
    })
  }
  return {
    principal: principal as Cents,
    interest: interest as Cents,
    fee: fee as Cents,
    total: total as Cents,
    upfrontFee: upfrontFee as Cents,
    netDisbursement: (principal - upfrontFee) as Cents,
  }
}

export function generateSchedule(terms: ScheduleTerms): Schedule {
  const resolved = resolveTerms(terms)
  const plan = planPeriods(resolved)
  const { installments, levelPayment } = AMORTIZERS[resolved.method]({
    principal: resolved.principal,
    plan,
    monthlyRate: resolved.monthlyRate,
    fee: resolved.perInstallmentFee,
    rounding: resolved.rounding,
    firstNumber: 1,
  })
  const schedule: Schedule = {
    method: resolved.method,
    termUnit: resolved.termUnit,
    startDate: resolved.startDate,
    maturityDate: plan.dueDates[plan.dueDates.length - 1]!,
    irregularFirstPeriod: !plan.firstPeriod.regular,
    installments,
    totals: summarizeInstallments({ installments, upfrontFee: resolved.upfrontFee }),
  }
  return levelPayment === undefined ? schedule : { ...schedule, levelPayment: levelPayment as Cents }
}
