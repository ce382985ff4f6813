/**
 * Day-count bases: how many days a span counts for and how many days make a year.
 *
 * - `ACT/365` (Actual/365 Fixed): actual calendar days over 365, leap years included. The default
 *   for day-term products (日息 = 年利率 / 365).
 * - `ACT/360`: actual days over 360. The PBOC convention 日利率 = 年利率 / 360, consistent with
 *   月利率 = 年利率 / 12 over a 30-day month; the default for the odd days of monthly schedules.
 * - `30/360`: the ISDA "Bond Basis" (ISDA 2006 §4.16(f)): a 31st becomes the 30th, and the end date's
 *   31st only when the start day is then 30. We do not apply the US (NASD/SIA) variant's
 *   end-of-February rules, so 28 Feb → 31 Mar counts 33 days, as in ISDA, not 30.
 */
import type { IsoDate } from '../../../platform/dates.ts'
import { Decimal } from '../../../platform/money.ts'
import { type CivilDate, epochDay, parseCivil } from './calendar.ts'

export type DayCountBasis = 'ACT/365' | 'ACT/360' | '30/360'

export const DAY_COUNT_BASES: readonly DayCountBasis[] = ['ACT/365', 'ACT/360', '30/360']

const YEAR_DAYS: Record<DayCountBasis, number> = { 'ACT/365': 365, 'ACT/360': 360, '30/360': 360 }

export type DayCount = {
  /** days the span counts for under the basis (actual days, or 30/360 days) */
  days: number
  /** the denominator: 365 or 360 */
  yearDays: number
}

export type DayCountOptions = { from: IsoDate; to: IsoDate; basis: DayCountBasis }

export function days30360(from: CivilDate, to: CivilDate): number {
  const d1 = Math.min(from.day, 30)
  const d2 = to.day === 31 && d1 === 30 ? 30 : to.day
  return 360 * (to.year - from.year) + 30 * (to.month - from.month) + (d2 - d1)
}

export function countCivilDays(from: CivilDate, to: CivilDate, basis: DayCountBasis): DayCount {
  const days = basis === '30/360' ? days30360(from, to) : epochDay(to) - epochDay(from)
  return { days, yearDays: YEAR_DAYS[basis] }
}

/**
 * The days and the year length; interest is `amount × rate × days / yearDays`, multiplied before
 * dividing so that no repeating fraction is ever rounded in the middle.
 */
export function countDays({ from, to, basis }: DayCountOptions): DayCount {
  return countCivilDays(parseCivil(from), parseCivil(to), basis)
}

/** The year fraction as a Decimal (to decimal.js's 40 significant digits when it does not terminate). */
export function yearFraction(options: DayCountOptions): Decimal {
  const { days, yearDays } = countDays(options)
  return new Decimal(days).dividedBy(yearDays)
}
