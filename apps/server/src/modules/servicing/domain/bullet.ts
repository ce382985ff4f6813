/**
 * 一次性还本付息 — bullet: principal and all interest in one installment at maturity. The interest is
 * the plan's single-period accrual: term × annualRate / 12 for month terms, annualRate × days /
 * yearDays for day terms (see periods.ts).
 */
import type { Amortization, AmortizationOptions } from './amortization.ts'
import { makeInstallment } from './installment.ts'
import { mulRound } from './rate.ts'

export function amortizeBullet({ principal, plan, fee, rounding, firstNumber }: AmortizationOptions): Amortization {
  const interest = mulRound(principal, plan.firstPeriod.rate, rounding)
  return { installments: [makeInstallment(firstNumber, plan.dueDates[0]!, principal, interest, fee, 0)] }
}
