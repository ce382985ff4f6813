/**
 * The trailing writes of a transaction — outbox events and audit records — wait in a queue and go
 * to the database in one round trip just before COMMIT (`xindai_write_batch`, migration 0004), in the
 * order they were made. Nothing else reads them inside the writing transaction, and they commit or
 * roll back with it exactly as before; what changes is the number of round trips (a repayment's
 * event, audit record and the rest of its tail were one each) and how long an audit chain's head
 * stays locked (from the flush to COMMIT instead of from the middle of the command).
 *
 * Code that reads `events` or `audit_log` inside the transaction that wrote them calls
 * `flushWriteBatch(tx)` first (the customer 360 page shows its own unmask record on its timeline).
 *
 * A write runs at once instead when there is no queue (a transaction not opened by `db.tx`, or the
 * root handle) and inside a savepoint, whose rollback must take the write with it; the queue is
 * flushed first then, so the order still holds.
 */
import { sql } from 'drizzle-orm'
import type { Queryable } from './open.ts'

export type QueuedEvent = {
  institutionId: string | null
  topic: string
  aggregateType: string
  aggregateId: string
  payload: Record<string, unknown>
  businessDate: string | null
}

export type QueuedAudit = {
  chain: string
  institutionId: string | null
  at: string
  actorType: string
  actorId: string | null
  actorName: string | null
  ip: string | null
  operation: string
  objectType: string
  objectId: string | null
  before: unknown
  after: unknown
  canonical: string
}

type Queue = { events: QueuedEvent[]; audits: QueuedAudit[] }

/** Long transactions (demo loading, imports) flush as they go rather than build one huge statement. */
const MAX_QUEUED = 500

// keyed by the transaction's session: a savepoint shares its transaction's session
const queues = new WeakMap<object, Queue>()
const sessionOf = (q: Queryable): object => (q as unknown as { session?: object }).session ?? q
const inSavepoint = (q: Queryable) => ((q as unknown as { nestedIndex?: number }).nestedIndex ?? 0) > 0

/**
 * Called by `db.tx` when it opens a transaction. A savepoint (`tx.transaction`) first flushes the
 * queue, so that rolling the savepoint back cannot take earlier writes with it.
 */
export function openWriteBatch(tx: Queryable): void {
  queues.set(sessionOf(tx), { events: [], audits: [] })
  const t = tx as unknown as { transaction: (fn: (sp: unknown) => Promise<unknown>) => Promise<unknown> }
  const savepoint = t.transaction.bind(tx)
  t.transaction = async (fn) => {
    await flushWriteBatch(tx)
    return savepoint(fn)
  }
}

/** Called by `db.tx` before COMMIT, and by a write that cannot wait. */
export async function flushWriteBatch(q: Queryable): Promise<void> {
  const queue = queues.get(sessionOf(q))
  if (!queue || (queue.events.length === 0 && queue.audits.length === 0)) return
  const { events, audits } = queue
  queue.events = []
  queue.audits = []
  await q.execute(
    sql`select xindai_write_batch(${events.length ? JSON.stringify(events) : null}::jsonb, ${audits.length ? JSON.stringify(audits) : null}::jsonb)`,
  )
}

async function queueFor(q: Queryable): Promise<Queue | null> {
  const queue = queues.get(sessionOf(q))
  if (!queue) return null
  if (inSavepoint(q)) {
    await flushWriteBatch(q)
    return null
  }
  return queue
}

/** Queues an event; false when it must be written now by the caller. */
export async function queueEvent(q: Queryable, event: QueuedEvent): Promise<boolean> {
  const queue = await queueFor(q)
  if (!queue) return false
  queue.events.push(event)
  if (queue.events.length + queue.audits.length >= MAX_QUEUED) await flushWriteBatch(q)
  return true
}

/** Queues an audit record; false when it must be written now by the caller. */
export async function queueAudit(q: Queryable, audit: QueuedAudit): Promise<boolean> {
  const queue = await queueFor(q)
  if (!queue) return false
  queue.audits.push(audit)
  if (queue.events.length + queue.audits.length >= MAX_QUEUED) await flushWriteBatch(q)
  return true
}
