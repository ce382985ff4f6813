/**
 * Approval-chain steps (审批链): each step is decided by someone holding `review.approve` (and the
 * step's position, if it names one); the same person never decides two steps of one application.
 * The last approval approves the application; any rejection rejects it.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { type Queryable, queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, notFound } from '../../platform/errors.ts'
import { applicationScope } from './application-queries.ts'
import { approveApplication, lockApplication, rejectApplication } from './route-application.ts'
import { applicationApprovals, applications } from './schema.ts'

export async function listPendingSteps(tx: Queryable, p: StaffPrincipal) {
  const rows = await tx
    .select({ step: applicationApprovals, app: applications })
    .from(applicationApprovals)
    .innerJoin(applications, eq(applications.id, applicationApprovals.applicationId))
    .where(and(eq(applicationApprovals.status, 'pending'), applicationScope(p)))
    .orderBy(asc(applicationApprovals.createdAt))
    .limit(200)
  return rows.map(({ step, app }) => ({
    applicationId: app.id,
    appNo: app.appNo,
    customerName: app.applicant.name,
    productName: app.productName,
    amount: app.amount,
    riskScore: app.riskScore,
    stepNo: step.stepNo,
    code: step.stepCode,
    name: step.stepName,
    position: step.position,
    createdAt: step.createdAt.toISOString(),
  }))
}

export type DecideStepOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  applicationId: string
  stepNo: number
  decision: 'approve' | 'reject'
  comment?: string
}

export async function decideStep(o: DecideStepOptions) {
  const { tx, principal, actor } = o
  const [visible] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.id, o.applicationId), applicationScope(principal)))
  if (!visible) throw notFound()
  const app = await lockApplication(tx, o.applicationId)
  const steps = await tx
    .select()
    .from(applicationApprovals)
    .where(eq(applicationApprovals.applicationId, app.id))
    .orderBy(asc(applicationApprovals.stepNo))
  const step = steps.find((s) => s.stepNo === o.stepNo)
  if (!step) throw notFound()
  if (app.status !== 'approval' || step.status !== 'pending') throw businessRule('origination.step_not_pending')
  if (steps.some((s) => s.decidedBy === principal.userId))
    throw new AppError('conflict', { detailKey: 'origination.step_same_approver' })
  if (step.position) {
    const [holds] = await queryRows<{ ok: boolean }>(
      tx,
      sql`select exists (select 1 from user_positions up join positions p on p.id = up.position_id
        where up.user_id = ${principal.userId}::uuid and p.code = ${step.position}) as ok`,
    )
    if (!holds?.ok)
      throw new AppError('forbidden', {
        detailKey: 'origination.step_position',
        detailParams: { position: step.position },
      })
  }
  const status = o.decision === 'approve' ? 'approved' : 'rejected'
  await tx
    .update(applicationApprovals)
    .set({
      status,
      decidedBy: principal.userId,
      decidedByName: principal.displayName,
      decidedAt: new Date(),
      comment: o.comment ?? null,
    })
    .where(eq(applicationApprovals.id, step.id))
  await recordAudit(tx, actor, {
    operation: `application.step.${o.decision}`,
    objectType: 'application',
    objectId: app.id,
    institutionId: app.institutionId,
    before: { step: step.stepNo, status: step.status },
    after: { step: step.stepNo, code: step.stepCode, status, comment: o.comment ?? null },
  })
  if (o.decision === 'reject') {
    await tx
      .update(applicationApprovals)
      .set({ status: 'skipped' })
      .where(and(eq(applicationApprovals.applicationId, app.id), eq(applicationApprovals.status, 'waiting')))
    return rejectApplication(tx, actor, app, 'approval_rejected', { step: step.stepCode })
  }
  const next = steps.find((s) => s.stepNo > step.stepNo && s.status === 'waiting')
  if (next) {
    await tx.update(applicationApprovals).set({ status: 'pending' }).where(eq(applicationApprovals.id, next.id))
    return
  }
  return approveApplication(tx, actor, app)
}
