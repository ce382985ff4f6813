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

export async function getBusinessDate(tx: Queryable, institutionId: string): Promise<IsoDate> {
  const rows = await tx
    .select({ d: businessDates.businessDate })
    .from(businessDates)
    .where(eq(businessDates.institutionId, institutionId))
  return rows[0]?.d ?? todayUtc()
}

/** Sets the business date (daily close, tests, the first start of an institution). */
export async function setBusinessDate(tx: Queryable, institutionId: string, date: IsoDate): Promise<void> {
  await tx
    .insert(businessDates)
    .values({ institutionId, businessDate: date })
    .onConflictDoUpdate({ target: businessDates.institutionId, set: { businessDate: date, updatedAt: sql`now()` } })
  // cached principals carry the business date
  clearSessionCache()
}

/** Wall-clock time, injectable for tests of timeouts and rate limits. */
export type WallClock = { now(): Date }
export const systemClock: WallClock = { now: () => new Date() }
