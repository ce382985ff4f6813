/**
 * Annualised percentage rate (年化利率) from actual cash flows, and the cap check.
 *
 * Definition (the PBOC's IRR method, 中国人民银行公告〔2021〕第3号, applied on actual dates):
 * the cash flows are −(principal − upfront fee) on the disbursement date and + each installment's
 * total on its due date. A flow's time is its actual days from the first flow divided by the period
 * length (365 / 12 days for monthly schedules); `i` is the rate per period that sets their net present
 * value to zero; APR = i × 365 / periodDays — e.g. the monthly IRR × 12. Equivalently: the Excel-style
 * XIRR on a 365-day year, restated as a nominal rate compounded once per period. Hence:
 * - a monthly schedule without fees has an APR equal to its nominal rate, up to cent rounding and
 *   the calendar (a 28-day February counts as 0.92 of a period, a 366-day year as 12.03 periods);
 * - a bullet (one payment) has periodDays = its length, so its APR is the simple annualised rate
 *   (interest + fees) / net disbursed × 365 / days, exactly as day-term products are quoted.
 *
 * The calendar moves that figure by up to ~1% of itself on short loans (4.9% disbursed on 15 Jan
 * 2023 over 12 months shows 4.92%), which matters to a product priced at its cap. `timeBasis:
 * 'calendar_months'` measures time as whole calendar months of 365/12 days each plus leftover actual
 * days — the PBOC example's equal periods, and the EU APRC's rule — so a regular monthly schedule
 * shows exactly its nominal rate while odd first periods still count their actual days. The default
 * stays 'actual_days' (XIRR); the product decides which it publishes.
 *
 * The rate is found with Newton's method on ln(1 + i), kept inside a bisection bracket (a step that
 * would leave the bracket bisects instead), in IEEE doubles — deterministic in any one engine — and
 * rounded half-up to 6 decimals of the fraction (4 of the percentage: 0.049012 = 4.9012%).
 */
import type { IsoDate } from '../../../platform/dates.ts'
import { Decimal, roundTo, ZERO } from '../../../platform/money.ts'
import { addMonthsCivil, type CivilDate, compareCivil, epochDay, parseCivil } from './calendar.ts'
import type { Cents } from './cents.ts'
import type { Schedule } from './installment.ts'

export type CashFlow = {
  date: IsoDate
  /** negative: paid to the borrower; positive: paid by the borrower */
  amount: Cents
}

export type AprTimeBasis = 'actual_days' | 'calendar_months'

export type AprOptions = {
  cashFlows: readonly CashFlow[]
  /** days in one compounding period; default 365 / 12 (monthly) */
  periodDays?: number
  /** how elapsed time is measured; default actual_days */
  timeBasis?: AprTimeBasis
}

export const MONTHLY_PERIOD_DAYS = 365 / 12
const APR_DECIMALS = 6
const MAX_ITERATIONS = 300

type Flow = { t: number; amount: number }

/**
 * NPV and its slope in terms of the log-growth v = ln(1 + i): a sum of exponentials, finite for any
 * v, so even an absurd rate (1 fen lent for a day against a 1-yuan fee) is found without overflow.
 */
function presentValue(flows: readonly Flow[], logGrowth: number): { value: number; slope: number } {
  let value = 0
  let slope = 0
  for (const { t, amount } of flows) {
    const discounted = amount * Math.exp(-t * logGrowth)
    value += discounted
    slope -= t * discounted
  }
  return { value, slope }
}

/** A bracket [low, high] with NPV(low) > 0 > NPV(high); lending flows make NPV decrease in the rate. */
function bracket(flows: readonly Flow[]): { low: number; high: number } {
  let low = -1
  let high = 1
  for (let doublings = 0; presentValue(flows, low).value <= 0; doublings++) {
    if (doublings > 64) throw new RangeError('the cash flows lose money at any rate')
    low *= 2
  }
  for (let doublings = 0; presentValue(flows, high).value >= 0; doublings++) {
    if (doublings > 64) throw new RangeError('the cash flows have no finite rate of return')
    high *= 2
  }
  return { low, high }
}

function solveLogGrowth(flows: readonly Flow[]): number {
  let { low, high } = bracket(flows)
  let v = Math.min(Math.max(0.01, low), high)
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { value, slope } = presentValue(flows, v)
    if (value === 0) return v
    if (value > 0) low = v
    else high = v
    const newton = v - value / slope
    const next = newton > low && newton < high ? newton : (low + high) / 2
    if (Math.abs(next - v) <= 1e-15 * Math.max(1, Math.abs(v))) return next
    v = next
  }
  return v
}

/** Days from `origin` to `date`: actual, or whole calendar months at 365/12 days plus leftover days. */
function elapsedDays(origin: CivilDate, date: CivilDate, timeBasis: AprTimeBasis): number {
  if (timeBasis === 'actual_days') return epochDay(date) - epochDay(origin)
  let months = (date.year - origin.year) * 12 + date.month - origin.month
  while (months > 0 && compareCivil(addMonthsCivil(origin, months), date) > 0) months -= 1
  return months * MONTHLY_PERIOD_DAYS + epochDay(date) - epochDay(addMonthsCivil(origin, months))
}

function toFlows({ cashFlows, periodDays, timeBasis }: Required<AprOptions>): Flow[] {
  // The solver relies on money going out and coming back (NPV falls as the rate rises).
  if (!cashFlows.some(({ amount }) => amount < 0) || !cashFlows.some(({ amount }) => amount > 0)) {
    throw new RangeError('an APR needs money lent and money repaid')
  }
  const dates = cashFlows.map(({ date }) => parseCivil(date))
  const origin = dates.reduce((earliest, date) => (compareCivil(date, earliest) < 0 ? date : earliest))
  return cashFlows.map(({ amount }, k) => ({ t: elapsedDays(origin, dates[k]!, timeBasis) / periodDays, amount }))
}

/** The APR of lending cash flows (money lent before it is repaid), as a fraction with 6 decimals. */
export function computeApr({
  cashFlows,
  periodDays = MONTHLY_PERIOD_DAYS,
  timeBasis = 'actual_days',
}: AprOptions): Decimal {
  const periodRate = Math.expm1(solveLogGrowth(toFlows({ cashFlows, periodDays, timeBasis })))
  if (!Number.isFinite(periodRate)) throw new RangeError('the APR of these cash flows is beyond any number')
  const apr = roundTo(new Decimal((periodRate * 365) / periodDays), APR_DECIMALS)
  // Avoid "-0" when the solution is a rounding error below zero (a zero-rate loan without fees).
  return apr.isZero() ? ZERO : apr
}

export function scheduleCashFlows(schedule: Schedule): CashFlow[] {
  return [
    { date: schedule.startDate, amount: -schedule.totals.netDisbursement as Cents },
    ...schedule.installments.map(({ dueDate, total }) => ({ date: dueDate, amount: total })),
  ]
}

export type ScheduleAprOptions = { schedule: Schedule; timeBasis?: AprTimeBasis }

/**
 * The APR shown for a schedule: monthly periods, or for a bullet one period of its actual days
 * (the simple annualised rate, whatever the time basis).
 */
export function computeScheduleApr({ schedule, timeBasis }: ScheduleAprOptions): Decimal {
  const cashFlows = scheduleCashFlows(schedule)
  if (schedule.method !== 'bullet') return computeApr({ cashFlows, timeBasis })
  const periodDays = epochDay(parseCivil(schedule.maturityDate)) - epochDay(parseCivil(schedule.startDate))
  return computeApr({ cashFlows, periodDays, timeBasis: 'actual_days' })
}

export type AprCapCheck = {
  withinCap: boolean
  apr: Decimal
  cap: Decimal
  /** how far the APR is above the cap; 0 when within */
  excess: Decimal
}

/**
 * Compares the APR as shown (6 decimals) with a cap such as 0.24 or 0.36 (the courts' protection
 * limits); a loan exactly at the cap is within it.
 */
export function checkAprCap({ apr, cap }: { apr: Decimal; cap: Decimal }): AprCapCheck {
  const withinCap = apr.lessThanOrEqualTo(cap)
  return { withinCap, apr, cap, excess: withinCap ? ZERO : apr.minus(cap) }
}
