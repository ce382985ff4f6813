/**
 * Manual assignment and reassignment (分案 / 调案) of cases to a collector of the cases' stage group.
 * Only open cases; the collector must be active, of the case's institution and hold the position the
 * case's stage maps to. A case already assigned to someone else is reassigned (history kept).
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError, notFound } from '../../platform/errors.ts'
import { findStaff } from './collectors.ts'
import { collectionAssignments, collectionCases } from './schema.ts'
import { caseScope } from './scope.ts'

export type AssignInput = { caseIds: string[]; collectorId: string }

export async function assignCases({
  tx,
  principal,
  actor,
  input,
}: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: AssignInput
}): Promise<{ assigned: number; reassigned: number; unchanged: number }> {
  const ids = [...new Set(input.caseIds)]
  const cases = await tx
    .select()
    .from(collectionCases)
    .where(and(inArray(collectionCases.id, ids), caseScope(principal)))
    .for('update')
  if (cases.length !== ids.length) throw notFound()
  const institutionId = cases[0]!.institutionId
  if (cases.some((c) => c.institutionId !== institutionId))
    throw fieldError('body.caseIds', 'collections.cases_mixed_institutions')
  const finished = cases.find((c) => c.status !== 'unassigned' && c.status !== 'assigned')
  if (finished) throw businessRule('collections.case_finished', { loanNo: finished.loanNo })
  const collector = await findStaff(tx, institutionId, input.collectorId)
  if (!collector) throw fieldError('body.collectorId', 'collections.collector_unknown')
  const wrong = cases.find((c) => !collector.positions.includes(c.positionCode))
  if (wrong)
    throw businessRule(
      'collections.collector_wrong_stage',
      { stage: wrong.stageCode, position: wrong.positionCode, collector: collector.username },
      [{ field: 'body.collectorId', key: 'collections.collector_wrong_stage' }],
    )
  const date = await getBusinessDate(tx, institutionId)
  const out = { assigned: 0, reassigned: 0, unchanged: 0 }
  for (const c of cases) {
    if (c.collectorId === collector.id) {
      out.unchanged++
      continue
    }
    const kind = c.collectorId ? 'reassign' : 'manual'
    await tx
      .update(collectionCases)
      .set({
        status: 'assigned',
        collectorId: collector.id,
        teamId: collector.teamId,
        assignedOn: date,
        updatedAt: new Date(),
      })
      .where(eq(collectionCases.id, c.id))
    await tx.insert(collectionAssignments).values({
      institutionId,
      caseId: c.id,
      stageCode: c.stageCode,
      collectorId: collector.id,
      previousCollectorId: c.collectorId,
      kind,
      assignedBy: principal.userId,
      businessDate: date,
    })
    await recordAudit(tx, actor, {
      operation: kind === 'reassign' ? 'collection.reassign' : 'collection.assign',
      objectType: 'collection_case',
      objectId: c.id,
      institutionId,
      before: { status: c.status, collectorId: c.collectorId },
      after: { status: 'assigned', collectorId: collector.id, stage: c.stageCode },
    })
    if (kind === 'reassign') out.reassigned++
    else out.assigned++
  }
  return out
}
