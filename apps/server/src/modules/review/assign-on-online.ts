/**
 * A reviewer who goes online gets work at once: every pool of their institution with automatic
 * assignment on, whose group they belong to, hands out its waiting orders (round-robin or
 * least-loaded, under the cap) among the online reviewers — the one who just came online included.
 * Runs in the transaction that records the online status (identity's online hook).
 */
import { and, eq, ne } from 'drizzle-orm'
import type { Tx } from '../../platform/db/open.ts'
import type { OnlineUser } from '../../platform/presence.ts'
import { autoAssign } from './orders.ts'
import { poolReviewers } from './pools.ts'
import { reviewPools } from './schema.ts'

export async function assignWaitingOrdersTo(tx: Tx, user: OnlineUser): Promise<number> {
  const pools = await tx
    .select()
    .from(reviewPools)
    .where(and(eq(reviewPools.institutionId, user.institutionId), ne(reviewPools.autoMode, 'manual')))
  let assigned = 0
  for (const pool of pools) {
    const reviewers = await poolReviewers(tx, pool)
    if (!reviewers.some((r) => r.id === user.userId && r.online)) continue
    assigned += await autoAssign(tx, user.actor, pool, null, null)
  }
  return assigned
}
