/**
 * Allocation-light calendar arithmetic for schedules.
 *
 * `platform/dates.ts` parses and validates its string on every call (~3 µs per `addMonths`), which
 * alone would be 1 ms for a 360-month schedule. Here a date is parsed once into numbers, months are
 * stepped with integer arithmetic and only the output strings are built. The results are the same as
 * `addMonths`/`daysBetween` (a property test holds the two together).
 */
import { type IsoDate, isIsoDate } from '../../../platform/dates.ts'

export type CivilDate = { readonly year: number; readonly month: number; readonly day: number }

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : `${i}`))
const MONTH_DIGITS = TWO_DIGITS.slice(0, 13)
/** "-MM-DD" for every month and day, indexed month × 32 + day: a due date is then one concatenation. */
const MONTH_DAY_SUFFIX = Array.from({ length: 13 * 32 }, (_, i) => `-${TWO_DIGITS[i >> 5]}-${TWO_DIGITS[i & 31]}`)

export function parseCivil(date: IsoDate): CivilDate {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`)
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) }
}

function formatYear(year: number): string {
  return year >= 1000 ? String(year) : String(year).padStart(4, '0')
}

export function formatCivil({ year, month, day }: CivilDate): IsoDate {
  return `${formatYear(year)}-${MONTH_DIGITS[month]}-${TWO_DIGITS[day]}`
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Same rule as `addMonths`: the anchor day (default: the date's own day) clamped to the month's end. */
export function addMonthsCivil(date: CivilDate, months: number, anchorDay: number = date.day): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return { year, month, day: Math.min(anchorDay, daysInMonth(year, month)) }
}

/**
 * `count` due dates a month apart starting at `first`, each on `anchorDay` or the month's last day.
 * Equal to `addMonths(first, k, anchorDay)` for k = 0 … count − 1.
 */
export function monthlyDates({
  first,
  count,
  anchorDay,
}: {
  first: CivilDate
  count: number
  anchorDay: number
}): IsoDate[] {
  const dates: IsoDate[] = new Array(count)
  let year = first.year
  let month = first.month
  let yearText = formatYear(year)
  for (let k = 0; k < count; k++) {
    const day = anchorDay <= 28 ? anchorDay : Math.min(anchorDay, daysInMonth(year, month))
    dates[k] = yearText + MONTH_DAY_SUFFIX[month * 32 + day]
    if (month === 12) {
      month = 1
      year += 1
      yearText = formatYear(year)
    } else {
      month += 1
    }
  }
  return dates
}

/** Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil. */
export function epochDay({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}
