/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). Business dates have no time of day and no zone;
 * all arithmetic here is done in UTC on purpose so that the server's time zone never shifts a day.
 */

export type IsoDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`)
  return new Date(`${date}T00:00:00Z`)
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS))
}

/**
 * Adds calendar months; the day is clamped to the end of a shorter month
 * (Jan 31 + 1 month = Feb 28/29), the convention of Chinese banks' schedules.
 */
export function addMonths(date: IsoDate, months: number, anchorDay?: number): IsoDate {
  const d = toUtc(date)
  const day = anchorDay ?? d.getUTCDate()
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return fromUtc(new Date(Date.UTC(y, m, Math.min(day, lastDay))))
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS)
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function dayOfMonth(date: IsoDate): number {
  return toUtc(date).getUTCDate()
}

export function todayUtc(): IsoDate {
  return fromUtc(new Date())
}
