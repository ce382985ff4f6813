/**
 * Contact compliance (合规催收) as a pure check, run before any contact attempt is recorded:
 * allowed hours in the institution's time zone, the daily cap of unanswered attempts per contact,
 * the third-party rules and do-not-contact flags. Returns the first rule broken, or null.
 */

export type ComplianceSettings = {
  allowedFrom: string // HH:MM
  allowedTo: string // HH:MM
  timeZone: string
  maxUnansweredPerDay: number
  thirdPartyOnlyWhenUnreachable: boolean
}

export const DEFAULT_COMPLIANCE: ComplianceSettings = {
  allowedFrom: '08:00',
  allowedTo: '22:00',
  timeZone: 'Asia/Shanghai',
  maxUnansweredPerDay: 6,
  thirdPartyOnlyWhenUnreachable: true,
}

export type ContactKind = 'borrower' | 'emergency_contact' | 'other'
export type Channel = 'call' | 'sms' | 'visit' | 'letter' | 'legal_notice'

/** Channels that reach a person directly and are bound by the hours and the attempt cap. */
export const TIMED_CHANNELS: readonly Channel[] = ['call', 'sms', 'visit']

export type ContactAttempt = {
  channel: Channel
  contact: ContactKind
  /** "HH:MM" now, in the institution's time zone */
  localTime: string
  /** unanswered attempts to this contact today (local date) */
  unansweredToday: number
  /** the last attempt to reach the borrower on this case was unanswered (and there was one) */
  borrowerUnreachable: boolean
  debtDisclosed: boolean
  /** the contact is flagged do-not-contact or asked to stop */
  flagged: 'do_not_contact' | 'stop_requested' | null
}

export type Breach = { key: string; params: Record<string, unknown> }

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

export function isValidHhmm(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v)
}

export function withinHours(localTime: string, from: string, to: string): boolean {
  const t = minutesOf(localTime)
  const a = minutesOf(from)
  const b = minutesOf(to)
  return a <= b ? t >= a && t < b : t >= a || t < b
}

export function checkContact(s: ComplianceSettings, a: ContactAttempt): Breach | null {
  if (a.flagged)
    return {
      key: a.flagged === 'stop_requested' ? 'collections.rule_stop_requested' : 'collections.rule_do_not_contact',
      params: {},
    }
  const timed = TIMED_CHANNELS.includes(a.channel)
  if (timed && !withinHours(a.localTime, s.allowedFrom, s.allowedTo))
    return {
      key: 'collections.rule_hours',
      params: { now: a.localTime, from: s.allowedFrom, to: s.allowedTo, timeZone: s.timeZone },
    }
  if (timed && a.unansweredToday >= s.maxUnansweredPerDay)
    return { key: 'collections.rule_attempt_cap', params: { max: s.maxUnansweredPerDay } }
  if (a.contact !== 'borrower') {
    if (a.debtDisclosed) return { key: 'collections.rule_third_party_disclosure', params: {} }
    if (s.thirdPartyOnlyWhenUnreachable && !a.borrowerUnreachable)
      return { key: 'collections.rule_third_party_reachable', params: {} }
  }
  return null
}

/** The local date and time ("YYYY-MM-DD", "HH:MM") of an instant in a time zone. */
export function localDateTime(at: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` }
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
