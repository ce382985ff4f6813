/**
 * The level payment of an equal-installment (等额本息) loan:
 *
 *     A = P · r · (1 + r)^n / ((1 + r)^n − 1),   r = annualRate / 12
 *
 * rounded once to the cent — the figure Chinese banks' calculators publish (1,000,000 at 4.9% over
 * 360 months → 5,307.27). The exact value is a fraction of huge integers ((1 + r)^360 has thousands
 * of digits), ~30–90 µs to compute. So it is first computed in doubles, whose error here is below
 * 1e-13 relative; when that approximation is more than a generous margin away from a half cent the
 * rounding is certain, and only otherwise (about one input in a million, or payments above ~10^9)
 * is the exact fraction evaluated. Either way the result is the exact value rounded.
 */
import type { RoundingMode } from '../../../platform/money.ts'
import { makeRate, mulRound, type Rate, roundDivBig } from './rate.ts'

export type LevelPaymentOptions = {
  /** cents */
  principal: number
  /** rate per period */
  rate: Rate
  periods: number
  rounding: RoundingMode
}

const RELATIVE_MARGIN = 1e-11
const ABSOLUTE_MARGIN = 1e-9
const FLOAT_LIMIT = 2 ** 52

function approximate({ principal, rate, periods }: LevelPaymentOptions): number {
  const r = Number(rate.num) / Number(rate.den)
  // expm1/log1p keep (1 + r)^n − 1 accurate even for tiny rates, where a plain pow would cancel.
  const growthMinusOne = Math.expm1(periods * Math.log1p(r))
  return (principal * r * (growthMinusOne + 1)) / growthMinusOne
}

function exact({ principal, rate, periods, rounding }: LevelPaymentOptions): number {
  const n = BigInt(periods)
  const growth = (rate.den + rate.num) ** n
  const base = rate.den ** n
  return Number(roundDivBig(BigInt(principal) * rate.num * growth, rate.den * (growth - base), rounding))
}

export function levelPayment(options: LevelPaymentOptions): number {
  const { principal, rate, periods, rounding } = options
  if (rate.num === 0n) return mulRound(principal, makeRate(1n, BigInt(periods)), rounding)
  const approx = approximate(options)
  if (Number.isFinite(approx) && approx < FLOAT_LIMIT) {
    const whole = Math.floor(approx)
    const fraction = approx - whole
    const margin = approx * RELATIVE_MARGIN + ABSOLUTE_MARGIN
    if (fraction > 0.5 + margin) return whole + 1
    if (fraction < 0.5 - margin) return whole
  }
  return exact(options)
}
