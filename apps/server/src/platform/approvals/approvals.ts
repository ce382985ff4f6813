/**
 * Four-eyes control (复核). A module registers an approval kind with the operation a second person
 * needs and the function that carries the change out; `requestApproval` records the proposal, and
 * `decideApproval` — by someone other than the requester — runs the change in the same
 * transaction as the decision, with both written to the audit trail.
 */
import { and, count, desc, eq, inArray, ne, type SQL } from 'drizzle-orm'
import { canSeeInstitution, dbContextOf, type StaffPrincipal } from '../access/principal.ts'
import { type Actor, recordAudit } from '../audit/record.ts'
import type { Tx } from '../db/open.ts'
import { approvalRequests } from '../db/schema.ts'
import { AppError, businessRule, notFound } from '../errors.ts'
import type { Page } from '../http/schemas.ts'
import { registerMessages } from '../i18n.ts'

export type ApprovalKind<P = unknown> = {
  kind: string
  /** operation the approver needs */
  approverOperation: string
  /** carries the change out; runs inside the approving transaction */
  apply(opts: { tx: Tx; principal: StaffPrincipal; actor: Actor; request: ApprovalDto; payload: P }): Promise<unknown>
  /** optional clean-up when rejected (e.g. put a draft back to editable) */
  reject?(opts: { tx: Tx; principal: StaffPrincipal; actor: Actor; request: ApprovalDto; payload: P }): Promise<void>
}

const kinds = new Map<string, ApprovalKind<never>>()

export function registerApprovalKind<P>(kind: ApprovalKind<P>): void {
  kinds.set(kind.kind, kind as unknown as ApprovalKind<never>)
}

export type ApprovalDto = {
  id: string
  institutionId: string
  kind: string
  objectType: string
  objectId: string
  summary: string
  payload: unknown
  status: 'pending' | 'approved' | 'rejected' | 'cancelled'
  requestedBy: string
  requestedByName: string
  requestedAt: string
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  comment: string | null
  result: unknown
}

function toDto(r: typeof approvalRequests.$inferSelect): ApprovalDto {
  return {
    ...r,
    status: r.status as ApprovalDto['status'],
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }
}

export type RequestApprovalOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  kind: string
  institutionId?: string
  objectType: string
  objectId: string
  summary: string
  payload: unknown
}

export async function requestApproval(o: RequestApprovalOptions): Promise<ApprovalDto> {
  if (!kinds.has(o.kind)) throw new Error(`unknown approval kind ${o.kind}`)
  const institutionId = o.institutionId ?? o.principal.institutionId
  // one open request per object and kind: a second proposal must wait for the first
  const [open] = await o.tx
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.kind, o.kind),
        eq(approvalRequests.objectId, o.objectId),
        eq(approvalRequests.status, 'pending'),
      ),
    )
  if (open) throw businessRule('approval.already_pending')
  const [row] = await o.tx
    .insert(approvalRequests)
    .values({
      institutionId,
      kind: o.kind,
      objectType: o.objectType,
      objectId: o.objectId,
      summary: o.summary,
      payload: o.payload as object,
      requestedBy: o.principal.userId,
      requestedByName: o.principal.username,
    })
    .returning()
  const dto = toDto(row!)
  await recordAudit(o.tx, o.actor, {
    operation: 'approval.request',
    objectType: o.objectType,
    objectId: o.objectId,
    institutionId,
    after: { kind: o.kind, approvalId: dto.id, summary: o.summary },
  })
  return dto
}

export type DecideApprovalOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  decision: 'approve' | 'reject'
  comment?: string
}

export async function decideApproval(o: DecideApprovalOptions): Promise<ApprovalDto> {
  const [row] = await o.tx.select().from(approvalRequests).where(eq(approvalRequests.id, o.id)).for('update')
  if (!row || !canSeeInstitution(o.principal, row.institutionId)) throw notFound()
  const kind = kinds.get(row.kind)
  if (!kind) throw notFound()
  if (!o.principal.permissions.has(kind.approverOperation)) throw new AppError('forbidden')
  if (row.status !== 'pending') throw businessRule('approval.not_pending')
  if (row.requestedBy === o.principal.userId) throw businessRule('approval.own_request')
  const request = toDto(row)
  let result: unknown = null
  if (o.decision === 'approve')
    result = await kind.apply({
      tx: o.tx,
      principal: o.principal,
      actor: o.actor,
      request,
      payload: row.payload as never,
    })
  else await kind.reject?.({ tx: o.tx, principal: o.principal, actor: o.actor, request, payload: row.payload as never })
  const [updated] = await o.tx
    .update(approvalRequests)
    .set({
      status: o.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: o.principal.userId,
      decidedByName: o.principal.username,
      decidedAt: new Date(),
      comment: o.comment ?? null,
      result: (result ?? null) as object,
    })
    .where(eq(approvalRequests.id, o.id))
    .returning()
  await recordAudit(o.tx, o.actor, {
    operation: `approval.${o.decision}`,
    objectType: row.objectType,
    objectId: row.objectId,
    institutionId: row.institutionId,
    before: { status: 'pending' },
    after: { kind: row.kind, approvalId: row.id, status: updated!.status, comment: o.comment ?? null },
  })
  return toDto(updated!)
}

export type ListApprovalsOptions = {
  page: number
  pageSize: number
  status?: string
  kind?: string
  objectId?: string
  /** only requests made by the caller */
  mine?: boolean
  /** only requests the caller may decide (kinds whose approver operation they hold, not their own) */
  decidable?: boolean
}

export async function listApprovals(tx: Tx, p: StaffPrincipal, o: ListApprovalsOptions): Promise<Page<ApprovalDto>> {
  const conds: (SQL | undefined)[] = [
    dbContextOf(p).scope === 'platform' ? undefined : eq(approvalRequests.institutionId, p.institutionId),
    o.status ? eq(approvalRequests.status, o.status) : undefined,
    o.kind ? eq(approvalRequests.kind, o.kind) : undefined,
    o.objectId ? eq(approvalRequests.objectId, o.objectId) : undefined,
    o.mine ? eq(approvalRequests.requestedBy, p.userId) : undefined,
    o.decidable
      ? and(
          inArray(approvalRequests.kind, decidableKinds(p).length > 0 ? decidableKinds(p) : ['-']),
          ne(approvalRequests.requestedBy, p.userId),
        )
      : undefined,
  ]
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(approvalRequests).where(where)
  const rows = await tx
    .select()
    .from(approvalRequests)
    .where(where)
    .orderBy(desc(approvalRequests.requestedAt))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(toDto), total: Number(total), page: o.page, pageSize: o.pageSize }
}

/** The kinds the caller may decide (for the console's approval inbox). */
export function decidableKinds(p: StaffPrincipal): string[] {
  return [...kinds.values()].filter((k) => p.permissions.has(k.approverOperation)).map((k) => k.kind)
}

registerMessages({
  'approval.already_pending': {
    'zh-CN': '该对象已有待复核的申请',
    'en-US': 'This object already has a request awaiting approval',
  },
  'approval.not_pending': { 'zh-CN': '该申请已处理', 'en-US': 'This request has already been decided' },
  'approval.own_request': {
    'zh-CN': '不能复核自己提交的申请（四眼原则）',
    'en-US': 'You cannot approve your own request (four-eyes rule)',
  },
})
