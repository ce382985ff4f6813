/**
 * Moving an application along after its checks: the risk scene, the routing, the approval chain,
 * the outcome of manual review, approval (credit line, contract) and rejection.
 */
import { eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { t } from '../../platform/i18n.ts'
import { dec, formatAmount, max } from '../../platform/money.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { openReviewOrder, setReviewOutcomeHandler } from '../review/index.ts'
import { type EvaluateSceneResult, evaluateScene } from '../risk/index.ts'
import { generateContract } from './contracts.ts'
import { creditLineOf, grantCreditLine } from './credit-lines.ts'
import { stepsFor } from './domain/approval-chain.ts'
import { type ApplicationStatus, canMove } from './domain/status.ts'
import { policyFor } from './policies.ts'
import { applicationApprovals, applications, type CheckResult } from './schema.ts'
import { originationActor } from './system-principal.ts'

type Row = typeof applications.$inferSelect

export async function lockApplication(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update')
  if (!row) throw businessRule('origination.status', { status: 'missing' })
  return row
}

async function move(
  tx: Tx,
  actor: Actor,
  row: Row,
  to: ApplicationStatus,
  set: Partial<typeof applications.$inferInsert> = {},
  extra: Record<string, unknown> = {},
) {
  if (!canMove(row.status as ApplicationStatus, to)) throw businessRule('origination.status', { status: row.status })
  await tx
    .update(applications)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(eq(applications.id, row.id))
  await recordAudit(tx, actor, {
    operation: `application.${to}`,
    objectType: 'application',
    objectId: row.id,
    institutionId: row.institutionId,
    before: { status: row.status },
    after: { status: to, ...extra },
  })
  await emitEvent(tx, {
    institutionId: row.institutionId,
    topic: `application.${to}`,
    aggregateType: 'application',
    aggregateId: row.id,
    payload: { customerId: row.customerId, appNo: row.appNo, amount: row.amount, ...extra },
  })
}

export async function rejectApplication(
  tx: Tx,
  actor: Actor,
  row: Row,
  code: string,
  extra: Record<string, unknown> = {},
  text?: { 'zh-CN': string; 'en-US': string } | null,
) {
  await move(
    tx,
    actor,
    row,
    'rejected',
    {
      rejectReasonCode: code,
      rejectReason: text?.['zh-CN'] ?? t('zh-CN', `origination.reason.${code}`),
      rejectReasonEn: text?.['en-US'] ?? t('en-US', `origination.reason.${code}`),
      decidedAt: new Date(),
    },
    { reason: code, ...extra },
  )
}

export async function approveApplication(tx: Tx, actor: Actor, row: Row) {
  await move(tx, actor, row, 'approved', { decidedAt: new Date() })
  if (row.sceneCode === 'pre_review')
    await grantCreditLine(tx, actor, {
      institutionId: row.institutionId,
      customerId: row.customerId,
      // reviewers may approve more than the machine's quota: the line covers what was approved
      amount: formatAmount(row.quota ? max(dec(row.quota), dec(row.amount)) : dec(row.amount)),
      applicationId: row.id,
      riskReportId: row.riskReportId,
    })
  await generateContract(tx, actor, { ...row, status: 'approved' })
}

/** Opens the approval chain the policy gives for the amount and score; none → approved at once. */
export async function startApprovalChain(tx: Tx, actor: Actor, row: Row) {
  const policy = await policyFor(tx, row.institutionId, row.productId)
  const steps = stepsFor(policy.tiers, row.amount, row.riskScore === null ? null : Number(row.riskScore))
  if (steps.length === 0) return approveApplication(tx, actor, row)
  await tx.insert(applicationApprovals).values(
    steps.map((s, i) => ({
      institutionId: row.institutionId,
      applicationId: row.id,
      stepNo: i + 1,
      stepCode: s.code,
      stepName: s.name,
      position: s.position ?? null,
      status: i === 0 ? 'pending' : 'waiting',
    })),
  )
  await move(tx, actor, row, 'approval', {}, { steps: steps.map((s) => s.code) })
}

export type RouteOptions = {
  pii: PiiCipher
  applicationId: string
  checks: CheckResult[]
  device: { fingerprint?: string | null; ip?: string | null }
}

export async function routeApplication(tx: Tx, o: RouteOptions) {
  const row = await lockApplication(tx, o.applicationId)
  if (row.status !== 'submitted') return row
  const actor = originationActor(row.institutionId, o.device.ip ?? null)
  await tx.update(applications).set({ checks: o.checks }).where(eq(applications.id, row.id))
  const failed = (c: CheckResult['check']) => o.checks.some((x) => x.check === c && x.status === 'failed')
  if (failed('id_verification')) await rejectApplication(tx, actor, row, 'id_mismatch')
  else if (failed('bank_card')) await rejectApplication(tx, actor, row, 'card_mismatch')
  else await decide(tx, o, row, actor)
  const [after] = await tx.select().from(applications).where(eq(applications.id, row.id))
  return after!
}

async function decide(tx: Tx, o: RouteOptions, row: Row, actor: Actor) {
  const line = await creditLineOf(tx, row.institutionId, row.customerId)
  if (line && dec(row.amount).greaterThan(line.available))
    return rejectApplication(tx, actor, row, 'line_exceeded', { available: line.available })
  const sceneCode = line ? 'loan_review' : 'pre_review'
  const a = row.applicant
  const income = a.monthlyIncome === null ? null : Number(a.monthlyIncome)
  const debt = a.monthlyDebt === null ? 0 : Number(a.monthlyDebt)
  const inputs = {
    age: a.age,
    monthly_income: income,
    debt_ratio: income && income > 0 ? Math.round((debt / income) * 100) / 100 : 0,
    employment_type: a.employmentType,
  }
  let result: EvaluateSceneResult | null = null
  try {
    // a savepoint: a scene that cannot run (no strategy inputs, a broken rule) leaves the rest intact
    result = await tx.transaction((sp) =>
      evaluateScene({
        tx: sp,
        pii: o.pii,
        institutionId: row.institutionId,
        sceneCode,
        subject: { customerId: row.customerId, applicationId: row.id, borrowerId: row.borrowerId },
        inputs,
        device: o.device,
        event: 'apply',
      }),
    )
  } catch {
    result = null
  }
  const set = {
    sceneCode,
    riskReportId: result?.reportId ?? null,
    riskDecision: result?.decision ?? 'manual',
    riskScore: result?.score === null || result?.score === undefined ? null : String(result.score),
    quota: result?.amount ?? null,
  }
  await tx.update(applications).set(set).where(eq(applications.id, row.id))
  const updated = { ...row, ...set }
  const policy = await policyFor(tx, row.institutionId, row.productId)
  // a product whose policy says "always manual" sends even the machine's rejections to a reviewer
  if (result?.decision === 'reject' && !policy.alwaysManual)
    return rejectApplication(tx, actor, updated, 'risk_rejected', { reportId: result.reportId })
  const checkTrouble = o.checks.some((c) => c.status === 'error')
  const aboveQuota = result?.amount ? dec(row.amount).greaterThan(result.amount) : false
  if (!result || result.decision === 'manual' || policy.alwaysManual || checkTrouble || aboveQuota) {
    await move(
      tx,
      actor,
      updated,
      'manual_review',
      {},
      {
        why: !result
          ? 'risk_unavailable'
          : result.decision === 'manual'
            ? 'risk_manual'
            : policy.alwaysManual
              ? 'policy'
              : checkTrouble
                ? 'checks_unavailable'
                : 'above_quota',
      },
    )
    await openReviewOrder(tx, actor, {
      institutionId: row.institutionId,
      applicationId: row.id,
      appNo: row.appNo,
      customerId: row.customerId,
      customerName: row.applicant.name,
      amount: row.amount,
      stage: 'first',
    })
    return
  }
  return startApprovalChain(tx, actor, updated)
}

// the outcome of each review stage moves the application on
setReviewOutcomeHandler(async (tx, actor, outcome) => {
  const row = await lockApplication(tx, outcome.applicationId)
  if (row.status !== 'manual_review') throw businessRule('origination.status', { status: row.status })
  if (outcome.result === 'rejected') {
    await tx
      .update(applications)
      .set(
        outcome.stage === 'first' ? { firstReviewerId: outcome.reviewerId } : { secondReviewerId: outcome.reviewerId },
      )
      .where(eq(applications.id, row.id))
    return rejectApplication(
      tx,
      actor,
      row,
      `review_${outcome.rejectReasonCode ?? 'other'}`,
      { stage: outcome.stage },
      outcome.rejectReasonText,
    )
  }
  if (outcome.stage === 'first') {
    await tx
      .update(applications)
      .set({ firstReviewerId: outcome.reviewerId, updatedAt: new Date() })
      .where(eq(applications.id, row.id))
    await recordAudit(tx, actor, {
      operation: 'application.first_review_passed',
      objectType: 'application',
      objectId: row.id,
      institutionId: row.institutionId,
      after: { reviewerId: outcome.reviewerId },
    })
    await openReviewOrder(tx, actor, {
      institutionId: row.institutionId,
      applicationId: row.id,
      appNo: row.appNo,
      customerId: row.customerId,
      customerName: row.applicant.name,
      amount: row.amount,
      stage: 'second',
    })
    return
  }
  await tx.update(applications).set({ secondReviewerId: outcome.reviewerId }).where(eq(applications.id, row.id))
  return startApprovalChain(tx, actor, { ...row, secondReviewerId: outcome.reviewerId })
})
