/**
 * 先息后本 — interest first: every installment pays the month's interest on the full principal; the
 * last also repays the whole principal.
 */
import type { Amortization, AmortizationOptions } from './amortization.ts'
import { type Installment, makeInstallment } from './installment.ts'
import { mulRound } from './rate.ts'

export function amortizeInterestFirst(options: AmortizationOptions): Amortization {
  const { principal, plan, monthlyRate, fee, rounding, firstNumber } = options
  const { dueDates, firstPeriod } = plan
  const last = dueDates.length - 1
  const monthlyInterest = mulRound(principal, monthlyRate, rounding)
  const installments: Installment[] = []
  for (let k = 0; k <= last; k++) {
    const interest = k === 0 ? mulRound(principal, firstPeriod.rate, rounding) : monthlyInterest
    const repaid = k === last ? principal : 0
    installments.push(makeInstallment(firstNumber + k, dueDates[k]!, repaid, interest, fee, principal - repaid))
  }
  return { installments }
}
