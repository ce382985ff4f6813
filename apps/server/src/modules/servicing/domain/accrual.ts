/**
 * Interest accrued inside a period up to a date (计息至今): the period's scheduled interest times the
 * share of its days elapsed, rounded once to the cent. Used by the payoff quote and by partial
 * prepayments made between two due dates.
 */
import { daysBetween, type IsoDate } from '../../../platform/dates.ts'
import { dec, type RoundingMode, roundCents } from '../../../platform/money.ts'
import { toCents } from './cents.ts'

export type AccruedInterestOptions = {
  /** the period's scheduled interest, cents */
  interest: number
  periodStart: IsoDate
  periodEnd: IsoDate
  asOf: IsoDate
  rounding?: RoundingMode
}

export function accruedInterest({ interest, periodStart, periodEnd, asOf, rounding }: AccruedInterestOptions): number {
  const total = daysBetween(periodStart, periodEnd)
  const elapsed = Math.min(Math.max(daysBetween(periodStart, asOf), 0), total)
  if (total <= 0 || elapsed === total) return interest
  if (elapsed === 0) return 0
  return toCents(roundCents(dec(interest).times(elapsed).dividedBy(total).dividedBy(100), rounding))
}
