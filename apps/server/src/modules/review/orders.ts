/**
 * Review orders (信审订单): opened when an application goes to manual review (first stage) and when
 * it passes the first (second stage); assigned by hand (single or batch, only to online reviewers of
 * the pool's group and institution), reassigned while unprocessed, or automatically (round-robin or
 * least-loaded under a cap); decided by their assignee only. Processed orders leave the pool.
 */
import { and, asc, count, desc, eq, ilike, inArray, lt, type SQL, sql } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, fieldError, notFound } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { users } from '../identity/schema.ts'
import { type AutoMode, planAssignments, slaStateOf } from './domain/assignment.ts'
import { reportOutcome } from './outcome.ts'
import { ensurePool, type PoolRow, poolReviewers, type Stage } from './pools.ts'
import { activeRejectReason } from './reject-reasons.ts'
import { type ChecklistAnswer, reviewOrders } from './schema.ts'

export type OrderRow = typeof reviewOrders.$inferSelect
export const OPEN_STATUSES = ['awaiting_assignment', 'awaiting_review', 'in_review'] as const

export const orderScope = (p: StaffPrincipal) =>
  scopeCondition(p, {
    institution: reviewOrders.institutionId,
    team: reviewOrders.teamId,
    owner: reviewOrders.assigneeId,
  })

export function orderDto(r: OrderRow, now = new Date()) {
  const done = !(OPEN_STATUSES as readonly string[]).includes(r.status)
  return {
    id: r.id,
    institutionId: r.institutionId,
    applicationId: r.applicationId,
    appNo: r.appNo,
    customerId: r.customerId,
    customerName: r.customerName,
    amount: r.amount,
    stage: r.stage,
    status: r.status,
    teamId: r.teamId,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    assignedAt: r.assignedAt?.toISOString() ?? null,
    startedAt: r.startedAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    dueAt: r.dueAt.toISOString(),
    slaState: slaStateOf(r.createdAt, r.dueAt, done, now),
    handlingMinutes:
      r.completedAt && r.assignedAt ? Math.round((r.completedAt.getTime() - r.assignedAt.getTime()) / 6000) / 10 : null,
    result: r.result,
    rejectReasonCode: r.rejectReasonCode,
    notes: r.notes,
    checklist: r.checklist,
    createdAt: r.createdAt.toISOString(),
  }
}
export type OrderDto = ReturnType<typeof orderDto>

export type OpenOrderInput = {
  institutionId: string
  applicationId: string
  appNo: string
  customerId: string
  customerName: string
  amount: string
  stage: Stage
}

export async function openReviewOrder(tx: Tx, actor: Actor, o: OpenOrderInput): Promise<string> {
  const pool = await ensurePool(tx, o.institutionId, o.stage)
  const [row] = await tx
    .insert(reviewOrders)
    .values({
      ...o,
      status: 'awaiting_assignment',
      teamId: pool.teamId,
      dueAt: new Date(Date.now() + pool.slaMinutes * 60_000),
    })
    .returning()
  // recorded on the application: the whole routing transaction then appends to one audit chain, so
  // concurrent intakes never take two chain heads in opposite orders
  await recordAudit(tx, actor, {
    operation: 'review.order.open',
    objectType: 'application',
    objectId: o.applicationId,
    institutionId: o.institutionId,
    after: { orderId: row!.id, stage: o.stage, dueAt: row!.dueAt.toISOString() },
  })
  await emitEvent(tx, {
    institutionId: o.institutionId,
    topic: 'review.order_opened',
    aggregateType: 'application',
    aggregateId: o.applicationId,
    payload: { customerId: o.customerId, orderId: row!.id, stage: o.stage },
  })
  if (pool.autoMode !== 'manual') await autoAssign(tx, actor, pool, [row!.id], null)
  return row!.id
}

async function setAssignee(
  tx: Tx,
  actor: Actor,
  order: OrderRow,
  reviewer: { id: string; displayName: string },
  by: string | null,
  mode: string,
) {
  const now = new Date()
  await tx
    .update(reviewOrders)
    .set({
      assigneeId: reviewer.id,
      assigneeName: reviewer.displayName,
      assignedAt: now,
      assignedBy: by,
      status: 'awaiting_review',
      startedAt: null,
      updatedAt: now,
    })
    .where(eq(reviewOrders.id, order.id))
  await recordAudit(tx, actor, {
    operation: order.assigneeId ? 'review.order.reassign' : 'review.order.assign',
    objectType: 'review_order',
    objectId: order.id,
    institutionId: order.institutionId,
    before: { assigneeId: order.assigneeId, status: order.status },
    after: { assigneeId: reviewer.id, status: 'awaiting_review', mode },
  })
}

/** Assigns the given orders (a batch, or one) to one reviewer; each must be unprocessed and in scope. */
export async function assignOrders(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  orderIds: string[]
  reviewerId: string
}) {
  const { tx, principal, actor } = o
  const orders = await tx
    .select()
    .from(reviewOrders)
    .where(and(inArray(reviewOrders.id, o.orderIds), orderScope(principal)))
    .orderBy(asc(reviewOrders.createdAt))
    .for('update')
  if (orders.length !== new Set(o.orderIds).size) throw notFound()
  const [reviewer] = await tx
    .select({ id: users.id, displayName: users.displayName, institutionId: users.institutionId })
    .from(users)
    .where(and(eq(users.id, o.reviewerId), eq(users.institutionId, principal.institutionId)))
  if (!reviewer) throw fieldError('body.reviewerId', 'review.field.reviewer_unknown')
  const pools = new Map<string, PoolRow>()
  for (const [i, order] of orders.entries()) {
    if (!(OPEN_STATUSES as readonly string[]).includes(order.status))
      throw fieldError(`body.orderIds.${i}`, 'review.field.order_not_assignable', { appNo: order.appNo })
    const pool = pools.get(order.stage) ?? (await ensurePool(tx, order.institutionId, order.stage as Stage))
    pools.set(order.stage, pool)
    const eligible = (await poolReviewers(tx, pool)).find((r) => r.id === reviewer.id)
    if (!eligible)
      throw fieldError('body.reviewerId', 'review.field.reviewer_wrong_group', { name: reviewer.displayName })
    if (!eligible.online)
      throw fieldError('body.reviewerId', 'review.field.reviewer_offline', { name: reviewer.displayName })
  }
  for (const order of orders) await setAssignee(tx, actor, order, reviewer, principal.userId, 'manual')
  return { assigned: orders.length }
}

/** Automatic assignment of waiting orders among the pool's online reviewers. */
export async function autoAssign(tx: Tx, actor: Actor, pool: PoolRow, orderIds: string[] | null, by: string | null) {
  const waiting = await tx
    .select()
    .from(reviewOrders)
    .where(
      and(
        eq(reviewOrders.institutionId, pool.institutionId),
        eq(reviewOrders.stage, pool.stage),
        eq(reviewOrders.status, 'awaiting_assignment'),
        orderIds ? inArray(reviewOrders.id, orderIds) : undefined,
      ),
    )
    .orderBy(asc(reviewOrders.dueAt))
    .limit(500)
    .for('update')
  if (waiting.length === 0) return 0
  const reviewers = (await poolReviewers(tx, pool)).filter((r) => r.online)
  const plan = planAssignments(
    pool.autoMode as AutoMode,
    waiting.map((w) => w.id),
    reviewers,
    pool.cap,
    pool.lastAssigneeId,
  )
  for (const step of plan) {
    const order = waiting.find((w) => w.id === step.orderId)!
    const reviewer = reviewers.find((r) => r.id === step.reviewerId)!
    await setAssignee(tx, actor, order, reviewer, by, pool.autoMode)
  }
  if (plan.length > 0)
    await tx.execute(
      sql`update review_pools set last_assignee_id = ${plan.at(-1)!.reviewerId}::uuid where id = ${pool.id}::uuid`,
    )
  return plan.length
}

export async function runAutoAssign(o: { tx: Tx; principal: StaffPrincipal; actor: Actor; stage: Stage }) {
  const pool = await ensurePool(o.tx, o.principal.institutionId, o.stage)
  if (pool.autoMode === 'manual') throw businessRule('review.auto_off')
  if (o.principal.scope === 'team' && pool.teamId !== o.principal.teamId) throw notFound()
  return { assigned: await autoAssign(o.tx, o.actor, pool, null, o.principal.userId) }
}

export type ListOrdersOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'createdAt' | 'dueAt' | 'completedAt'
  stage?: Stage
  status?: string
  open?: 'true' | 'false'
  overdue?: 'true' | 'false'
  assigneeId?: string
  mine?: boolean
  q?: string
}

const SORT = { createdAt: reviewOrders.createdAt, dueAt: reviewOrders.dueAt, completedAt: reviewOrders.completedAt }

export async function listOrders(tx: Queryable, p: StaffPrincipal, o: ListOrdersOptions): Promise<Page<OrderDto>> {
  const conds: (SQL | undefined)[] = [orderScope(p)]
  if (o.stage) conds.push(eq(reviewOrders.stage, o.stage))
  if (o.status) conds.push(eq(reviewOrders.status, o.status))
  if (o.open === 'true') conds.push(inArray(reviewOrders.status, [...OPEN_STATUSES]))
  if (o.open === 'false')
    conds.push(sql`${reviewOrders.status} not in ('awaiting_assignment', 'awaiting_review', 'in_review')`)
  if (o.overdue === 'true')
    conds.push(and(lt(reviewOrders.dueAt, new Date()), inArray(reviewOrders.status, [...OPEN_STATUSES])))
  if (o.assigneeId) conds.push(eq(reviewOrders.assigneeId, o.assigneeId))
  if (o.mine) conds.push(eq(reviewOrders.assigneeId, p.userId))
  if (o.q) conds.push(ilike(reviewOrders.appNo, `${o.q.replace(/[%_\\]/g, '\\$&')}%`))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(reviewOrders).where(where)
  const rows = await tx
    .select()
    .from(reviewOrders)
    .where(where)
    .orderBy(orderBy(SORT[o.sort ?? 'createdAt'], o.order), desc(reviewOrders.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  const now = new Date()
  return { items: rows.map((r) => orderDto(r, now)), total: Number(total), page: o.page, pageSize: o.pageSize }
}

export async function findOrder(tx: Queryable, p: StaffPrincipal, id: string, lock = false): Promise<OrderRow> {
  const q = tx
    .select()
    .from(reviewOrders)
    .where(and(eq(reviewOrders.id, id), orderScope(p)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw notFound()
  return row
}

/** An order the caller may work on: theirs, and not yet processed. */
async function ownOpenOrder(tx: Tx, p: StaffPrincipal, id: string) {
  const order = await findOrder(tx, p, id, true)
  if (order.assigneeId !== p.userId) throw new AppError('forbidden', { detailKey: 'review.not_assignee' })
  if (!['awaiting_review', 'in_review'].includes(order.status)) throw businessRule('review.order_done')
  return order
}

export async function startOrder(o: { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string }) {
  const order = await ownOpenOrder(o.tx, o.principal, o.id)
  if (order.status === 'in_review') return
  await o.tx
    .update(reviewOrders)
    .set({ status: 'in_review', startedAt: new Date(), updatedAt: new Date() })
    .where(eq(reviewOrders.id, order.id))
  await recordAudit(o.tx, o.actor, {
    operation: 'review.order.start',
    objectType: 'review_order',
    objectId: order.id,
    before: { status: order.status },
    after: { status: 'in_review' },
  })
}

export async function saveNotes(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { notes?: string; checklist?: ChecklistAnswer[] }
}) {
  const order = await ownOpenOrder(o.tx, o.principal, o.id)
  await o.tx
    .update(reviewOrders)
    .set({
      notes: o.input.notes ?? order.notes,
      checklist: o.input.checklist ?? order.checklist,
      status: 'in_review',
      startedAt: order.startedAt ?? new Date(),
      updatedAt: new Date(),
    })
    .where(eq(reviewOrders.id, order.id))
  await recordAudit(o.tx, o.actor, {
    operation: 'review.order.notes',
    objectType: 'review_order',
    objectId: order.id,
    after: { notes: o.input.notes !== undefined, checklist: o.input.checklist?.length ?? null },
  })
}

export type DecideInput = {
  result: 'approved' | 'rejected'
  rejectReasonCode?: string
  notes?: string
  checklist?: ChecklistAnswer[]
}

export async function decideOrder(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: DecideInput
}) {
  const { tx, principal, actor, input } = o
  if (input.result === 'rejected' && !input.rejectReasonCode)
    throw fieldError('body.rejectReasonCode', 'review.field.reject_reason_required')
  const reason =
    input.result === 'rejected' ? await activeRejectReason(tx, principal.institutionId, input.rejectReasonCode!) : null
  if (input.result === 'rejected' && !reason)
    throw fieldError('body.rejectReasonCode', 'review.field.reject_reason_unknown')
  const order = await ownOpenOrder(tx, principal, o.id)
  const now = new Date()
  await tx
    .update(reviewOrders)
    .set({
      status: input.result,
      result: input.result,
      rejectReasonCode: input.result === 'rejected' ? input.rejectReasonCode! : null,
      notes: input.notes ?? order.notes,
      checklist: input.checklist ?? order.checklist,
      startedAt: order.startedAt ?? now,
      completedAt: now,
      updatedAt: now,
    })
    .where(eq(reviewOrders.id, order.id))
  await recordAudit(tx, actor, {
    operation: `review.order.${input.result === 'approved' ? 'approve' : 'reject'}`,
    objectType: 'review_order',
    objectId: order.id,
    before: { status: order.status },
    after: { status: input.result, rejectReasonCode: input.rejectReasonCode ?? null, stage: order.stage },
  })
  await reportOutcome(tx, actor, {
    applicationId: order.applicationId,
    stage: order.stage as Stage,
    result: input.result,
    reviewerId: principal.userId,
    rejectReasonCode: reason?.code ?? null,
    rejectReasonText: reason ? { 'zh-CN': reason.borrowerTextZh, 'en-US': reason.borrowerTextEn } : null,
  })
}
