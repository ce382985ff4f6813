/**
 * Quality inspection (质检): a sample of processed orders is drawn for an inspector, who reads the
 * record (notes, result, reject reason, calls and recordings, handling time) and scores it with a comment.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { type Queryable, queryRows, type Tx } from '../../platform/db/open.ts'
import { businessRule, notFound } from '../../platform/errors.ts'
import { orderDto, orderScope } from './orders.ts'
import { reviewInspections, reviewOrders } from './schema.ts'

export async function sampleInspections(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: { size: number; stage?: 'first' | 'second'; from?: string; to?: string }
}) {
  const { tx, principal, actor, input } = o
  const scope = orderScope(principal)
  const candidates = await tx
    .select({ id: reviewOrders.id, institutionId: reviewOrders.institutionId })
    .from(reviewOrders)
    .where(
      and(
        scope,
        sql`${reviewOrders.status} in ('approved', 'rejected')`,
        input.stage ? eq(reviewOrders.stage, input.stage) : undefined,
        input.from ? sql`${reviewOrders.completedAt} >= ${input.from}::date` : undefined,
        input.to ? sql`${reviewOrders.completedAt} < ${input.to}::date + 1` : undefined,
        sql`not exists (select 1 from review_inspections i where i.order_id = ${reviewOrders.id})`,
      ),
    )
    .orderBy(sql`random()`)
    .limit(input.size)
  if (candidates.length === 0) return { sampled: 0 }
  await tx.insert(reviewInspections).values(
    candidates.map((c) => ({
      institutionId: c.institutionId,
      orderId: c.id,
      status: 'pending',
      inspectorId: principal.userId,
      inspectorName: principal.displayName,
    })),
  )
  await recordAudit(tx, actor, {
    operation: 'review.qi.sample',
    objectType: 'review_inspection',
    objectId: null,
    after: { sampled: candidates.length, stage: input.stage ?? null },
  })
  return { sampled: candidates.length }
}

export async function listInspections(tx: Queryable, p: StaffPrincipal, q: { status?: 'pending' | 'done' }) {
  const rows = await tx
    .select({ i: reviewInspections, o: reviewOrders })
    .from(reviewInspections)
    .innerJoin(reviewOrders, eq(reviewOrders.id, reviewInspections.orderId))
    .where(and(orderScope(p), q.status ? eq(reviewInspections.status, q.status) : undefined))
    .orderBy(desc(reviewInspections.createdAt))
    .limit(200)
  const ids = rows.map((r) => r.o.id)
  const calls = ids.length
    ? await queryRows<{ order_id: string; n: number; recordings: string[] }>(
        tx,
        sql`select order_id, count(*)::int as n, array_remove(array_agg(recording_ref), null) as recordings from review_calls
          where order_id in ${sql.raw(`(${ids.map((id) => `'${id}'`).join(',')})`)} group by order_id`,
      )
    : []
  return rows.map(({ i, o }) => {
    const c = calls.find((x) => x.order_id === o.id)
    return {
      id: i.id,
      status: i.status,
      inspectorName: i.inspectorName,
      score: i.score,
      comment: i.comment,
      createdAt: i.createdAt.toISOString(),
      inspectedAt: i.inspectedAt?.toISOString() ?? null,
      order: orderDto(o),
      calls: Number(c?.n ?? 0),
      recordings: c?.recordings ?? [],
    }
  })
}

export async function scoreInspection(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { score: number; comment: string }
}) {
  const { tx, principal, actor, id, input } = o
  const [row] = await tx
    .select({ i: reviewInspections })
    .from(reviewInspections)
    .innerJoin(reviewOrders, eq(reviewOrders.id, reviewInspections.orderId))
    .where(and(eq(reviewInspections.id, id), orderScope(principal)))
  if (!row) throw notFound()
  if (row.i.status === 'done') throw businessRule('review.qi_done')
  await tx
    .update(reviewInspections)
    .set({
      status: 'done',
      score: input.score,
      comment: input.comment,
      inspectedAt: new Date(),
      inspectorId: principal.userId,
      inspectorName: principal.displayName,
    })
    .where(eq(reviewInspections.id, id))
  await recordAudit(tx, actor, {
    operation: 'review.qi.score',
    objectType: 'review_inspection',
    objectId: id,
    after: { orderId: row.i.orderId, score: input.score },
  })
}
