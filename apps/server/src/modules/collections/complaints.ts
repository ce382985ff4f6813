/**
 * Complaints about collection (催收投诉) on a case: recorded by whoever takes them (a collector, the
 * lead, customer service with collection access), resolved by the lead with a note. Every change is
 * audited with the case. The case detail lists them, open ones first.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { businessRule, notFound } from '../../platform/errors.ts'
import { findCase } from './case-queries.ts'
import { collectionCases, collectionComplaints } from './schema.ts'
import { caseScope } from './scope.ts'

export const COMPLAINT_CHANNELS = ['phone', 'app', 'letter', 'regulator', 'other'] as const
export const COMPLAINT_CATEGORIES = ['harassment', 'third_party', 'wrong_amount', 'hours', 'other'] as const

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor }
type ComplaintRow = typeof collectionComplaints.$inferSelect

export function complaintDto(r: ComplaintRow) {
  return {
    id: r.id,
    caseId: r.caseId,
    receivedVia: r.receivedVia,
    category: r.category,
    description: r.description,
    status: r.status,
    resolution: r.resolution,
    recordedBy: r.recordedBy,
    resolvedBy: r.resolvedBy,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }
}

export async function recordComplaint({
  tx,
  principal,
  actor,
  caseId,
  input,
}: Call & {
  caseId: string
  input: {
    receivedVia: (typeof COMPLAINT_CHANNELS)[number]
    category: (typeof COMPLAINT_CATEGORIES)[number]
    description: string
  }
}) {
  const c = await findCase(tx, principal, caseId)
  const [row] = await tx
    .insert(collectionComplaints)
    .values({
      institutionId: c.institutionId,
      caseId: c.id,
      loanId: c.loanId,
      receivedVia: input.receivedVia,
      category: input.category,
      description: input.description,
      recordedBy: principal.userId,
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.complaint.record',
    objectType: 'collection_case',
    objectId: c.id,
    institutionId: c.institutionId,
    after: { complaintId: row!.id, receivedVia: input.receivedVia, category: input.category },
  })
  return complaintDto(row!)
}

export async function resolveComplaint({
  tx,
  principal,
  actor,
  complaintId,
  resolution,
}: Call & { complaintId: string; resolution: string }) {
  // the complaint is seen through its case: outside the caller's cases it does not exist (404)
  const [found] = await tx
    .select({ complaint: collectionComplaints })
    .from(collectionComplaints)
    .innerJoin(collectionCases, eq(collectionCases.id, collectionComplaints.caseId))
    .where(and(eq(collectionComplaints.id, complaintId), caseScope(principal)))
    .for('update', { of: collectionComplaints })
  if (!found) throw notFound()
  if (found.complaint.status !== 'open') throw businessRule('collections.complaint_resolved')
  const [row] = await tx
    .update(collectionComplaints)
    .set({ status: 'resolved', resolution, resolvedBy: principal.userId, resolvedAt: sql`now()` })
    .where(eq(collectionComplaints.id, complaintId))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.complaint.resolve',
    objectType: 'collection_case',
    objectId: row!.caseId,
    institutionId: row!.institutionId,
    before: { complaintId, status: 'open' },
    after: { complaintId, status: 'resolved', resolution },
  })
  return complaintDto(row!)
}

/** Open ones first, then by time. */
export async function complaintsOfCase(tx: Queryable, caseId: string) {
  const rows = await tx
    .select()
    .from(collectionComplaints)
    .where(eq(collectionComplaints.caseId, caseId))
    .orderBy(sql`${collectionComplaints.status} = 'resolved'`, asc(collectionComplaints.createdAt))
  return rows.map(complaintDto)
}
