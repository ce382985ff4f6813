/**
 * 等额本息 — equal installments: every installment repays the same principal + interest (the level
 * payment), the interest part being the balance × annualRate / 12 rounded to the cent; the last
 * installment repays whatever principal is left, absorbing every rounding difference.
 *
 * With an irregular first period the first installment repays the principal of a regular one but
 * its interest is the first period's actual accrual (see periods.ts), so its total differs.
 */
import type { Amortization, AmortizationOptions } from './amortization.ts'
import { levelPayment } from './annuity.ts'
import { type Installment, makeInstallment } from './installment.ts'
import { mulRound } from './rate.ts'

/** The installments for a given level payment, or undefined when it would repay the loan early. */
function amortizeWith(options: AmortizationOptions, payment: number): Installment[] | undefined {
  const { principal, plan, monthlyRate, fee, rounding, firstNumber } = options
  const { dueDates, firstPeriod } = plan
  const last = dueDates.length - 1
  const installments: Installment[] = []
  let balance = principal
  for (let k = 0; k <= last; k++) {
    const regularInterest = mulRound(balance, monthlyRate, rounding)
    const interest = k === 0 && !firstPeriod.regular ? mulRound(principal, firstPeriod.rate, rounding) : regularInterest
    let repaid = balance
    if (k < last) {
      repaid = payment - regularInterest
      if (repaid >= balance) return undefined
    }
    balance -= repaid
    installments.push(makeInstallment(firstNumber + k, dueDates[k]!, repaid, interest, fee, balance))
  }
  return installments
}

export function amortizeEqualInstallments(options: AmortizationOptions): Amortization {
  const { principal, monthlyRate, rounding } = options
  const payment = levelPayment({ principal, rate: monthlyRate, periods: options.plan.dueDates.length, rounding })
  const installments = amortizeWith(options, payment)
  if (installments) return { installments, levelPayment: payment }
  // Rounding the payment up by up to half a cent overpays principal every month, and at high rates
  // over long terms that excess compounds until the loan is repaid before its last installment
  // (e.g. 100.00 at 36% over 360 months). One cent less is provably enough: the balance then stays
  // at or above the exact annuity's balance, which is positive until the end. Never below the
  // first month's interest, so no installment's principal is negative.
  const lowered = Math.max(payment - 1, mulRound(principal, monthlyRate, rounding))
  const retried = amortizeWith(options, lowered)
  if (!retried) throw new Error('equal-installment schedule could not be balanced')
  return { installments: retried, levelPayment: lowered }
}
