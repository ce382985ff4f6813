/**
 * 等额本金 — equal principal: every installment repays principal / term (rounded to the cent) plus
 * interest on the balance; the last repays what is left, absorbing the rounding difference.
 */
import type { Amortization, AmortizationOptions } from './amortization.ts'
import { type Installment, makeInstallment } from './installment.ts'
import { makeRate, mulRound } from './rate.ts'

type RegularPrincipalOptions = { principal: number; periods: number; rounding: AmortizationOptions['rounding'] }

/**
 * principal / periods in the schedule's rounding mode — unless rounding up would leave less than
 * nothing for the last installment (0.05 over 10 periods rounds to 0.01 × 9 > 0.05); then the
 * quotient is truncated, which always leaves the last installment at least a regular share.
 */
export function regularPrincipal({ principal, periods, rounding }: RegularPrincipalOptions): number {
  const rounded = mulRound(principal, makeRate(1n, BigInt(periods)), rounding)
  return rounded * (periods - 1) <= principal ? rounded : Math.floor(principal / periods)
}

export type EqualPrincipalOptions = AmortizationOptions & {
  /** principal repaid by each installment but the last; default principal / periods */
  share?: number
}

export function amortizeEqualPrincipal(options: EqualPrincipalOptions): Amortization {
  const { principal, plan, monthlyRate, fee, rounding, firstNumber, share } = options
  const { dueDates, firstPeriod } = plan
  const last = dueDates.length - 1
  const regular = share ?? regularPrincipal({ principal, periods: dueDates.length, rounding })
  const installments: Installment[] = []
  let balance = principal
  for (let k = 0; k <= last; k++) {
    const rate = k === 0 ? firstPeriod.rate : monthlyRate
    const interest = mulRound(balance, rate, rounding)
    const repaid = k === last ? balance : regular
    balance -= repaid
    installments.push(makeInstallment(firstNumber + k, dueDates[k]!, repaid, interest, fee, balance))
  }
  return { installments }
}
