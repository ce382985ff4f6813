/**
 * The business date (营业日) of each institution: the lending day, advanced by the daily close,
 * not by the wall clock. All business logic reads dates through here, which is also how tests
 * travel in time.
 */
import { eq, sql } from 'drizzle-orm'
import { type IsoDate, todayUtc } from './dates.ts'
import type { Queryable } from './db/open.ts'
import { businessDates } from './db/schema.ts'
import { clearSessionCache } from './http/session-cache.ts'

/**
 * Read once per transaction and institution: a command that asks several times (validation, numbering,
 * routing) gets one answer and pays one round trip. Only a transaction handle is remembered (the root
 * handle is shared by every request).
 */
const seen = new WeakMap<object, Map<string, IsoDate>>()

function isTransaction(q: Queryable): boolean {
  return 'rollback' in q
}

export async function getBusinessDate(tx: Queryable, institutionId: string): Promise<IsoDate> {
  const memo = isTransaction(tx) ? seen.get(tx) : undefined
  const known = memo?.get(institutionId)
  if (known) return known
  const rows = await tx
    .select({ d: businessDates.businessDate })
    .from(businessDates)
    .where(eq(businessDates.institutionId, institutionId))
  const date = rows[0]?.d ?? todayUtc()
  if (isTransaction(tx)) {
    const m = memo ?? new Map<string, IsoDate>()
    m.set(institutionId, date)
    seen.set(tx, m)
  }
  return date
}

/** Sets the business date (daily close, tests, the first start of an institution). */
export async function setBusinessDate(tx: Queryable, institutionId: string, date: IsoDate): Promise<void> {
  await tx
    .insert(businessDates)
    .values({ institutionId, businessDate: date })
    .onConflictDoUpdate({ target: businessDates.institutionId, set: { businessDate: date, updatedAt: sql`now()` } })
  seen.get(tx)?.set(institutionId, date)
  // cached principals carry the business date
  clearSessionCache()
}

/** Wall-clock time, injectable for tests of timeouts and rate limits. */
export type WallClock = { now(): Date }
export const systemClock: WallClock = { now: () => new Date() }
