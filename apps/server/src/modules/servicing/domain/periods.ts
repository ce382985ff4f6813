/**
 * Due dates and the accrual of the first period.
 *
 * Monthly methods: due dates fall a calendar month apart on the anchor day (the disbursement day by
 * default, or `anchorDay`, or the day of `firstDueDate`), clamped to the last day of short months.
 * Every period after the first accrues exactly one month, annualRate / 12, whatever its length in
 * days — the convention of Chinese banks' published schedules.
 *
 * Irregular first period (disbursed mid-month with a fixed repayment day, or an explicit first due
 * date): count whole months back from the first due date while they still end on or after the
 * disbursement date; the days left over between disbursement and the start of those whole months
 * are the odd part. First-period interest = principal × (annualRate / 12 × wholeMonths +
 * annualRate × oddDays / yearDays), rounded once. Examples with ACT/360: disbursed 15 Jan, due on
 * the 20th → first due 20 Feb = 1 month + 5 days; disbursed 25 Jan, due on the 5th → first due
 * 5 Feb = 0 months + 11 days. With `anchorDay` and no `firstDueDate`, the first due date is the
 * anchor day of the month after disbursement (放款次月的还款日).
 *
 * Bullet: one period to maturity — `term` months at annualRate / 12 each, or `term` days at
 * annualRate × days / yearDays.
 */
import { addDays, type IsoDate } from '../../../platform/dates.ts'
import { addMonthsCivil, type CivilDate, compareCivil, formatCivil, monthlyDates, parseCivil } from './calendar.ts'
import { countCivilDays } from './day-count.ts'
import { type Rate, scaleRate } from './rate.ts'
import type { ResolvedTerms } from './terms.ts'

export type FirstPeriod = {
  regular: boolean
  wholeMonths: number
  /** odd days under the day-count basis (30/360 days for 30/360) */
  oddDays: number
  /** the rate that applies to the balance for the whole first period */
  rate: Rate
}

export type PeriodPlan = {
  dueDates: IsoDate[]
  firstPeriod: FirstPeriod
}

function firstDueOf(terms: ResolvedTerms): CivilDate {
  if (terms.firstDue) return terms.firstDue
  return addMonthsCivil(terms.start, 1, terms.anchorDay ?? terms.start.day)
}

function planFirstPeriod(terms: ResolvedTerms, firstDue: CivilDate, anchorDay: number): FirstPeriod {
  let wholeMonths = 0
  while (compareCivil(addMonthsCivil(firstDue, -(wholeMonths + 1), anchorDay), terms.start) >= 0) wholeMonths += 1
  const periodStart = addMonthsCivil(firstDue, -wholeMonths, anchorDay)
  const { days: oddDays, yearDays } = countCivilDays(terms.start, periodStart, terms.dayCount)
  if (wholeMonths === 1 && oddDays === 0) return { regular: true, wholeMonths, oddDays, rate: terms.monthlyRate }
  // annual × (months / 12 + oddDays / yearDays) = annual × (months × yearDays + 12 × oddDays) / (12 × yearDays)
  const rate = scaleRate(terms.annualRate, {
    mul: BigInt(wholeMonths * yearDays + 12 * oddDays),
    div: BigInt(12 * yearDays),
  })
  return { regular: false, wholeMonths, oddDays, rate }
}

function planMonthly(terms: ResolvedTerms): PeriodPlan {
  const firstDue = firstDueOf(terms)
  const anchorDay = terms.anchorDay ?? (terms.firstDue ? terms.firstDue.day : terms.start.day)
  return {
    dueDates: monthlyDates({ first: firstDue, count: terms.term, anchorDay }),
    firstPeriod: planFirstPeriod(terms, firstDue, anchorDay),
  }
}

function planBullet(terms: ResolvedTerms): PeriodPlan {
  if (terms.termUnit === 'month') {
    const maturity = formatCivil(addMonthsCivil(terms.start, terms.term))
    const rate = scaleRate(terms.monthlyRate, { mul: BigInt(terms.term), div: 1n })
    return { dueDates: [maturity], firstPeriod: { regular: true, wholeMonths: terms.term, oddDays: 0, rate } }
  }
  const maturity = addDays(terms.startDate, terms.term)
  const { days, yearDays } = countCivilDays(terms.start, parseCivil(maturity), terms.dayCount)
  const rate = scaleRate(terms.annualRate, { mul: BigInt(days), div: BigInt(yearDays) })
  return { dueDates: [maturity], firstPeriod: { regular: true, wholeMonths: 0, oddDays: days, rate } }
}

export function planPeriods(terms: ResolvedTerms): PeriodPlan {
  return terms.method === 'bullet' ? planBullet(terms) : planMonthly(terms)
}

/** Plan for installments that continue an existing schedule: regular months on given due dates. */
export function planRegularPeriods({ dueDates, monthlyRate }: { dueDates: IsoDate[]; monthlyRate: Rate }): PeriodPlan {
  return { dueDates, firstPeriod: { regular: true, wholeMonths: 1, oddDays: 0, rate: monthlyRate } }
}
