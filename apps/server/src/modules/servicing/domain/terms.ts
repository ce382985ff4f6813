/**
 * The inputs of a repayment schedule, and their validation into the exact internal form
 * (cents, rational rates, parsed dates) that the amortisation functions work on.
 */
import type { IsoDate } from '../../../platform/dates.ts'
import { type Decimal, MAX_AMOUNT, type RoundingMode } from '../../../platform/money.ts'
import { addMonthsCivil, type CivilDate, compareCivil, daysInMonth, parseCivil } from './calendar.ts'
import { toCents } from './cents.ts'
import { DAY_COUNT_BASES, type DayCountBasis } from './day-count.ts'
import { type Rate, rateFromDecimal, scaleRate } from './rate.ts'
import { ScheduleTermsError } from './schedule-terms-error.ts'

/** 等额本息 equal_installment · 等额本金 equal_principal · 先息后本 interest_first · 一次性还本付息 bullet */
export type RepaymentMethod = 'equal_installment' | 'equal_principal' | 'interest_first' | 'bullet'

export const REPAYMENT_METHODS: readonly RepaymentMethod[] = [
  'equal_installment',
  'equal_principal',
  'interest_first',
  'bullet',
]

export type TermUnit = 'month' | 'day'

export type ScheduleFees = {
  /** charged once at disbursement and withheld from it: the borrower receives principal − upfront */
  upfront?: Decimal
  /** added to every installment */
  perInstallment?: Decimal
}

export type ScheduleTerms = {
  /** the loan amount, exact to the cent */
  principal: Decimal
  /** nominal annual rate as a fraction: 0.18 for 18% */
  annualRate: Decimal
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  /** disbursement date; interest runs from this day */
  startDate: IsoDate
  /** an explicit first due date (irregular first period); later dates fall on its day of month */
  firstDueDate?: IsoDate
  /** a fixed repayment day of month (固定还款日), 1–31, clamped to short months' last day */
  anchorDay?: number
  /** default ACT/365 for day terms and ACT/360 for the odd days of monthly terms */
  dayCount?: DayCountBasis
  /** default half_up */
  rounding?: RoundingMode
  fees?: ScheduleFees
}

export const MAX_TERM_MONTHS = 600
export const MAX_TERM_DAYS = 3660
/** 1000% a year: far above any legal product, low enough to keep every amount a safe integer. */
export const MAX_ANNUAL_RATE = 10
const MAX_RATE_DECIMALS = 10
const MIN_YEAR = 1900
const MAX_START_YEAR = 9900

/** Terms after validation: amounts in cents, rates as exact fractions, dates parsed. */
export type ResolvedTerms = {
  principal: number
  annualRate: Rate
  /** annualRate / 12: one regular monthly period (the Chinese bank convention, not ACT/basis) */
  monthlyRate: Rate
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  startDate: IsoDate
  start: CivilDate
  firstDue?: CivilDate
  anchorDay?: number
  dayCount: DayCountBasis
  rounding: RoundingMode
  upfrontFee: number
  perInstallmentFee: number
}

function fail(field: string, reason: ScheduleTermsError['reason'], message: string): never {
  throw new ScheduleTermsError({ field, reason, message })
}

function resolveAmount(field: string, value: Decimal | undefined): number {
  if (value === undefined) return 0
  if (value.isNegative() || value.greaterThan(MAX_AMOUNT)) {
    fail(field, 'out_of_range', 'must be between 0 and the maximum amount')
  }
  if (value.decimalPlaces() > 2) fail(field, 'not_cents', 'must be exact to the cent')
  return toCents(value)
}

/** Validates a nominal annual rate and returns its exact fraction. */
export function resolveAnnualRate(value: Decimal): Rate {
  if (!value.isFinite() || value.isNegative() || value.greaterThan(MAX_ANNUAL_RATE)) {
    fail('annualRate', 'out_of_range', `must be between 0 and ${MAX_ANNUAL_RATE}`)
  }
  if (value.decimalPlaces() > MAX_RATE_DECIMALS) fail('annualRate', 'invalid', 'has more than 10 decimals')
  return rateFromDecimal(value)
}

function resolveDate(field: string, value: IsoDate): CivilDate {
  let date: CivilDate
  try {
    date = parseCivil(value)
  } catch {
    return fail(field, 'invalid', 'must be a calendar date YYYY-MM-DD')
  }
  if (date.year < MIN_YEAR || date.year > MAX_START_YEAR) fail(field, 'out_of_range', 'year out of range')
  return date
}

function resolveTerm(terms: ScheduleTerms): void {
  if (terms.termUnit !== 'month' && terms.termUnit !== 'day') fail('termUnit', 'invalid', 'must be month or day')
  const max = terms.termUnit === 'month' ? MAX_TERM_MONTHS : MAX_TERM_DAYS
  if (!Number.isInteger(terms.term) || terms.term < 1 || terms.term > max) {
    fail('term', 'out_of_range', `must be a whole number from 1 to ${max}`)
  }
  if (!REPAYMENT_METHODS.includes(terms.method)) fail('method', 'invalid', 'unknown repayment method')
  // Day-term products (e.g. 30 days) are repaid in one go; a monthly plan over days has no meaning.
  if (terms.termUnit === 'day' && terms.method !== 'bullet') fail('method', 'not_allowed', 'day terms are bullet only')
}

function resolveFirstDue(terms: ScheduleTerms, start: CivilDate): { firstDue?: CivilDate; anchorDay?: number } {
  const { firstDueDate, anchorDay } = terms
  const monthly = terms.termUnit === 'month' && terms.method !== 'bullet'
  if (anchorDay !== undefined) {
    if (!monthly) fail('anchorDay', 'not_allowed', 'applies to monthly installment methods only')
    const valid = Number.isInteger(anchorDay) && anchorDay >= 1 && anchorDay <= 31
    if (!valid) fail('anchorDay', 'out_of_range', 'must be 1–31')
  }
  if (firstDueDate === undefined) return { anchorDay }
  if (!monthly) fail('firstDueDate', 'not_allowed', 'applies to monthly installment methods only')
  const firstDue = resolveDate('firstDueDate', firstDueDate)
  // A first period longer than two months is a grace period, a different product feature.
  if (compareCivil(firstDue, start) <= 0 || compareCivil(firstDue, addMonthsCivil(start, 2)) > 0) {
    fail('firstDueDate', 'out_of_range', 'must be after the start date and at most two months after it')
  }
  if (anchorDay !== undefined && firstDue.day !== Math.min(anchorDay, daysInMonth(firstDue.year, firstDue.month))) {
    fail('firstDueDate', 'invalid', 'must fall on the anchor day')
  }
  return { firstDue, anchorDay }
}

export function resolveTerms(terms: ScheduleTerms): ResolvedTerms {
  resolveTerm(terms)
  const principal = resolveAmount('principal', terms.principal)
  if (principal === 0) fail('principal', 'out_of_range', 'must be positive')
  const annualRate = resolveAnnualRate(terms.annualRate)
  const start = resolveDate('startDate', terms.startDate)
  const dayCount = terms.dayCount ?? (terms.termUnit === 'day' ? 'ACT/365' : 'ACT/360')
  if (!DAY_COUNT_BASES.includes(dayCount)) fail('dayCount', 'invalid', 'unknown day-count basis')
  const rounding = terms.rounding ?? 'half_up'
  if (rounding !== 'half_up' && rounding !== 'half_even') fail('rounding', 'invalid', 'must be half_up or half_even')
  const upfrontFee = resolveAmount('fees.upfront', terms.fees?.upfront)
  if (upfrontFee >= principal) fail('fees.upfront', 'out_of_range', 'must be less than the principal')
  return {
    principal,
    annualRate,
    monthlyRate: scaleRate(annualRate, { mul: 1n, div: 12n }),
    term: terms.term,
    termUnit: terms.termUnit,
    method: terms.method,
    startDate: terms.startDate,
    start,
    ...resolveFirstDue(terms, start),
    dayCount,
    rounding,
    upfrontFee,
    perInstallmentFee: resolveAmount('fees.perInstallment', terms.fees?.perInstallment),
  }
}
