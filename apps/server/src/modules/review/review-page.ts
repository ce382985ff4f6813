/**
 * The review page (审核页) in one call: the order, the application, a customer 360 summary (masked),
 * the risk report, the documents, the business's checklist, outbound-call records (with recording
 * references), the other stage's record, notes, result and the reject-reason catalog. Also the
 * outbound-call records themselves.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { maskPhone, type PiiCipher } from '../../platform/pii.ts'
import { getCustomer } from '../customers/index.ts'
import { applicationDto } from '../origination/application-queries.ts'
import { applications } from '../origination/schema.ts'
import { findOrder, orderDto } from './orders.ts'
import { ensurePool, type Stage } from './pools.ts'
import { listRejectReasons } from './reject-reasons.ts'
import { reviewCalls, reviewOrders } from './schema.ts'

export async function reviewPage(tx: Tx, p: StaffPrincipal, pii: PiiCipher, id: string) {
  const order = await findOrder(tx, p, id)
  const [app] = await tx.select().from(applications).where(eq(applications.id, order.applicationId))
  if (!app) throw notFound()
  // the reviewer of an order may read its customer, whatever their own customer scope
  const customer = await getCustomer(tx, { ...p, scope: 'institution' }, pii, app.customerId).catch(() => null)
  const [report] = app.riskReportId
    ? await queryRows<{
        id: string
        scene_code: string
        decision: string
        score: string | null
        amount: string | null
        report: unknown
        created_at: Date
      }>(
        tx,
        sql`select id, scene_code, decision, score::text, amount::text, report, created_at from risk_reports
          where id = ${app.riskReportId}::uuid and institution_id = ${app.institutionId}::uuid`,
      )
    : []
  const stages = await tx
    .select()
    .from(reviewOrders)
    .where(eq(reviewOrders.applicationId, app.id))
    .orderBy(asc(reviewOrders.createdAt))
  const calls = await tx
    .select()
    .from(reviewCalls)
    .where(
      inArray(
        reviewCalls.orderId,
        stages.map((s) => s.id),
      ),
    )
    .orderBy(asc(reviewCalls.createdAt))
  const pool = await ensurePool(tx, order.institutionId, order.stage as Stage)
  const history = await queryRows<{ n: number; rejected: number }>(
    tx,
    sql`select count(*)::int as n, count(*) filter (where status = 'rejected')::int as rejected from applications
      where customer_id = ${app.customerId}::uuid and id <> ${app.id}::uuid`,
  )
  return {
    order: orderDto(order),
    application: applicationDto(app),
    customer: customer
      ? {
          id: customer.id,
          name: customer.name,
          idNumber: customer.idNumber,
          phone: customer.phone,
          sex: customer.sex,
          birthDate: customer.birthDate,
          address: customer.address,
          job: customer.job,
          contacts: customer.contacts,
          bankCards: customer.bankCards,
          otherApplications: Number(history[0]?.n ?? 0),
          otherRejected: Number(history[0]?.rejected ?? 0),
        }
      : null,
    riskReport: report
      ? {
          id: report.id,
          scene: report.scene_code,
          decision: report.decision,
          score: report.score,
          amount: report.amount,
          report: report.report,
          createdAt: new Date(report.created_at).toISOString(),
        }
      : null,
    documents: app.documents.map((d) => ({ ...d, url: `/api/v1/review/orders/${order.id}/documents/${d.uploadId}` })),
    checklist: pool.checklist,
    calls: calls.map(callDto),
    stages: stages.map((s) => orderDto(s)),
    rejectReasons: await listRejectReasons(tx, order.institutionId),
    canDecide: order.assigneeId === p.userId && ['awaiting_review', 'in_review'].includes(order.status),
  }
}

function callDto(c: typeof reviewCalls.$inferSelect) {
  return {
    id: c.id,
    orderId: c.orderId,
    callee: c.callee,
    phone: c.phoneMasked,
    outcome: c.outcome,
    content: c.content,
    recordingRef: c.recordingRef,
    durationSeconds: c.durationSeconds,
    createdBy: c.createdByName,
    createdAt: c.createdAt.toISOString(),
  }
}

export type CallInput = {
  callee: string
  phone: string
  outcome: 'connected' | 'no_answer' | 'refused' | 'wrong_number'
  content?: string
  recordingRef?: string
  durationSeconds?: number
}

/** An outbound verification call (外呼核实) of the order's assignee, with its recording reference. */
export async function addCall(o: { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string; input: CallInput }) {
  const { tx, principal, actor, input } = o
  const order = await findOrder(tx, principal, o.id)
  if (order.assigneeId !== principal.userId) throw new AppError('forbidden', { detailKey: 'review.not_assignee' })
  const [row] = await tx
    .insert(reviewCalls)
    .values({
      institutionId: order.institutionId,
      orderId: order.id,
      callee: input.callee,
      phoneMasked: maskPhone(input.phone),
      outcome: input.outcome,
      content: input.content ?? null,
      recordingRef: input.recordingRef ?? null,
      durationSeconds: input.durationSeconds ?? 0,
      createdBy: principal.userId,
      createdByName: principal.displayName,
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'review.call.record',
    objectType: 'review_order',
    objectId: order.id,
    after: { callee: input.callee, outcome: input.outcome, recordingRef: input.recordingRef ?? null },
  })
  return callDto(row!)
}

/** A document of the order's application (the file itself), for the reviewer. */
export async function orderDocument(tx: Tx, p: StaffPrincipal, id: string, uploadId: string) {
  const order = await findOrder(tx, p, id)
  const [app] = await tx
    .select({ documents: applications.documents })
    .from(applications)
    .where(and(eq(applications.id, order.applicationId)))
  const doc = app?.documents.find((d) => d.uploadId === uploadId)
  if (!doc) throw notFound()
  const [u] = await queryRows<{ storage_name: string }>(
    tx,
    sql`select storage_name from uploads where id = ${uploadId}::uuid`,
  )
  if (!u) throw notFound()
  return { doc, storageName: u.storage_name }
}
