/**
 * Transactional outbox of business events. `emitEvent` writes in the caller's transaction, so an
 * event exists exactly when its change committed. Consumers (collections, notifications, reports)
 * read in id order and store their position in the same transaction as their own effects.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { IsoDate } from './dates.ts'
import { type Database, SYSTEM, type Tx } from './db/open.ts'
import { eventConsumers, events } from './db/schema.ts'
import { queueEvent } from './db/write-batch.ts'

export type BusinessEvent = {
  institutionId: string | null
  topic: string
  aggregateType: string
  aggregateId: string
  payload: Record<string, unknown>
  businessDate?: IsoDate
}

export async function emitEvent(tx: Tx, e: BusinessEvent): Promise<void> {
  const row = { ...e, businessDate: e.businessDate ?? null }
  // usually waits for the transaction's trailing write batch (platform/db/write-batch.ts)
  if (!(await queueEvent(tx, row))) await tx.insert(events).values(row)
}

export type StoredEvent = typeof events.$inferSelect

/**
 * Processes the next batch of events for a consumer. Returns how many were handled; call until 0.
 * The handler runs in the same transaction that advances the consumer's position.
 */
export async function consumeEvents(
  db: Database,
  consumer: string,
  topics: string[],
  handle: (tx: Tx, batch: StoredEvent[]) => Promise<void>,
  batchSize = 500,
): Promise<number> {
  return db.tx(SYSTEM, async (tx) => {
    await tx.insert(eventConsumers).values({ consumer, lastEventId: 0 }).onConflictDoNothing()
    const [pos] = await tx.select().from(eventConsumers).where(eq(eventConsumers.consumer, consumer)).for('update')
    const batch = await tx
      .select()
      .from(events)
      .where(and(gt(events.id, pos!.lastEventId), inArray(events.topic, topics)))
      .orderBy(asc(events.id))
      .limit(batchSize)
    if (batch.length === 0) return 0
    await handle(tx, batch)
    await tx
      .update(eventConsumers)
      .set({ lastEventId: batch.at(-1)!.id, updatedAt: sql`now()` })
      .where(eq(eventConsumers.consumer, consumer))
    return batch.length
  })
}
