/**
 * Legal escalation and write-off proposals from a case (issue item 10). Escalation records the decision
 * with its document references; a write-off proposal goes through servicing's four-eyes
 * `loan.write_off` request (a second person with `writeoff.approve` applies it, which books it in the
 * ledger); once approved, the next daily close closes the case.
 */
import { and, desc, eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { requestWriteOff } from '../servicing/write-off-loan.ts'
import { findCase } from './case-queries.ts'
import { openLegalCase } from './legal-cases.ts'
import { collectionLegalActions } from './schema.ts'

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor; caseId: string }

async function openCase(tx: Tx, principal: StaffPrincipal, caseId: string) {
  const c = await findCase(tx, principal, caseId, true)
  if (c.status !== 'unassigned' && c.status !== 'assigned')
    throw businessRule('collections.case_finished', { loanNo: c.loanNo })
  return c
}

export async function escalateToLegal({
  tx,
  principal,
  actor,
  caseId,
  input,
}: Call & { input: { reason: string; documents: { name: string; fileRef: string }[] } }) {
  const c = await openCase(tx, principal, caseId)
  const [row] = await tx
    .insert(collectionLegalActions)
    .values({
      institutionId: c.institutionId,
      caseId: c.id,
      loanId: c.loanId,
      kind: 'legal_escalation',
      reason: input.reason,
      documents: input.documents,
      requestedBy: principal.userId,
      businessDate: await getBusinessDate(tx, c.institutionId),
    })
    .returning()
  // the legal process starts here (legal-cases.ts); a case already in legal answers 422
  const legalCase = await openLegalCase(tx, {
    c,
    escalationId: row!.id,
    userId: principal.userId,
    date: row!.businessDate,
    documents: input.documents,
    reason: input.reason,
  })
  await recordAudit(tx, actor, {
    operation: 'collection.legal.escalate',
    objectType: 'collection_case',
    objectId: c.id,
    institutionId: c.institutionId,
    after: { reason: input.reason, documents: input.documents, legalCaseId: legalCase.id },
  })
  return { ...legalDto(row!), legalCaseId: legalCase.id }
}

export async function proposeWriteOff({ tx, principal, actor, caseId, input }: Call & { input: { reason: string } }) {
  const c = await openCase(tx, principal, caseId)
  const pending = await tx
    .select()
    .from(collectionLegalActions)
    .where(and(eq(collectionLegalActions.caseId, c.id), eq(collectionLegalActions.kind, 'write_off_proposal')))
  if (pending.length > 0) throw businessRule('collections.write_off_already_proposed', { loanNo: c.loanNo })
  const approval = await requestWriteOff({ tx, principal, actor, loanId: c.loanId, reason: input.reason })
  const [row] = await tx
    .insert(collectionLegalActions)
    .values({
      institutionId: c.institutionId,
      caseId: c.id,
      loanId: c.loanId,
      kind: 'write_off_proposal',
      reason: input.reason,
      approvalId: (approval as { id: string }).id,
      requestedBy: principal.userId,
      businessDate: await getBusinessDate(tx, c.institutionId),
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.write_off.propose',
    objectType: 'collection_case',
    objectId: c.id,
    institutionId: c.institutionId,
    after: { reason: input.reason, approvalId: row!.approvalId },
  })
  return legalDto(row!)
}

export async function legalActionsOfCase(tx: Tx, caseId: string) {
  const rows = await tx
    .select()
    .from(collectionLegalActions)
    .where(eq(collectionLegalActions.caseId, caseId))
    .orderBy(desc(collectionLegalActions.createdAt))
  return rows.map(legalDto)
}

function legalDto(r: typeof collectionLegalActions.$inferSelect) {
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    reason: r.reason,
    documents: r.documents,
    approvalId: r.approvalId,
    businessDate: r.businessDate,
    createdAt: r.createdAt.toISOString(),
  }
}
