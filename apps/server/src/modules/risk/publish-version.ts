/**
 * Publishing and rolling back rule sets (四眼): the requester submits, a second person with
 * `risk.publish` approves through /api/v1/approvals (kind `risk.publish`). Approval compiles the
 * version against the catalog, freezes the catalog entries it uses and binds it to the scene.
 */
import { and, eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { registerApprovalKind, requestApproval } from '../../platform/approvals/approvals.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError, notFound } from '../../platform/errors.ts'
import { compileRuleSet } from './domain/index.ts'
import { forgetCompiled, loadCatalog, ruleSetOf } from './runtime.ts'
import { findScene } from './scene-queries.ts'
import { riskRuleSetVersions, riskScenes } from './schema.ts'
import { findVersion, toVersionDto } from './version-queries.ts'

type PublishPayload =
  | { action: 'publish'; versionId: string; target: 'champion' | 'challenger'; challengerShare: number }
  | { action: 'rollback'; versionId: string; sceneCode: string }

export type SubmitVersionOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { target?: 'champion' | 'challenger'; challengerShare?: number; comment?: string }
}

export async function submitVersion({ tx, principal, actor, id, input }: SubmitVersionOptions) {
  const version = await findVersion(tx, principal, id, true)
  if (version.status !== 'draft') throw businessRule('risk.version_not_draft', { status: version.status })
  const target = input.target ?? 'champion'
  if (target === 'challenger' && !input.challengerShare)
    throw fieldError('body.challengerShare', 'risk.field.share_required')
  // the approver should only ever see a version that compiles
  compileRuleSet(ruleSetOf(version), await loadCatalog(tx, version.institutionId))
  const approval = await requestApproval({
    tx,
    principal,
    actor,
    kind: 'risk.publish',
    institutionId: version.institutionId,
    objectType: 'risk_version',
    objectId: version.id,
    summary: `${version.sceneCode} v${version.version} → ${target}${target === 'challenger' ? ` ${input.challengerShare}%` : ''}`,
    payload: {
      action: 'publish',
      versionId: version.id,
      target,
      challengerShare: input.challengerShare ?? 0,
    } satisfies PublishPayload,
  })
  const [row] = await tx
    .update(riskRuleSetVersions)
    .set({
      status: 'pending_approval',
      target,
      approvalId: approval.id,
      submittedBy: principal.userId,
      updatedAt: new Date(),
    })
    .where(eq(riskRuleSetVersions.id, id))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'risk.version.submit',
    objectType: 'risk_version',
    objectId: id,
    institutionId: version.institutionId,
    before: { status: 'draft' },
    after: { status: 'pending_approval', target, approvalId: approval.id },
  })
  return { approvalId: approval.id, version: toVersionDto(row!) }
}

export type RequestRollbackOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  sceneCode: string
  input: { versionId: string; comment?: string }
}

export async function requestRollback({ tx, principal, actor, sceneCode, input }: RequestRollbackOptions) {
  const scene = await findScene(tx, principal, sceneCode)
  const version = await findVersion(tx, principal, input.versionId).catch(() => null)
  if (!version || version.sceneCode !== sceneCode || !['published', 'superseded'].includes(version.status)) {
    throw fieldError('body.versionId', 'risk.field.rollback_version')
  }
  if (scene.championVersionId === version.id) throw fieldError('body.versionId', 'risk.field.already_champion')
  const approval = await requestApproval({
    tx,
    principal,
    actor,
    kind: 'risk.publish',
    institutionId: scene.institutionId,
    objectType: 'risk_scene',
    objectId: scene.id,
    summary: `${sceneCode}: roll back to v${version.version}`,
    payload: { action: 'rollback', versionId: version.id, sceneCode } satisfies PublishPayload,
  })
  return { approvalId: approval.id }
}

async function supersede(tx: Tx, versionId: string | null, keep: string) {
  if (!versionId || versionId === keep) return
  await tx
    .update(riskRuleSetVersions)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(eq(riskRuleSetVersions.id, versionId))
}

registerApprovalKind<PublishPayload>({
  kind: 'risk.publish',
  approverOperation: 'risk.publish',
  async apply({ tx, actor, request, payload }) {
    const [version] = await tx
      .select()
      .from(riskRuleSetVersions)
      .where(
        and(
          eq(riskRuleSetVersions.id, payload.versionId),
          eq(riskRuleSetVersions.institutionId, request.institutionId),
        ),
      )
      .for('update')
    if (!version) throw notFound()
    const [scene] = await tx
      .select()
      .from(riskScenes)
      .where(and(eq(riskScenes.institutionId, version.institutionId), eq(riskScenes.code, version.sceneCode)))
      .for('update')
    if (!scene) throw notFound()
    const now = new Date()
    if (payload.action === 'publish') {
      if (version.status !== 'pending_approval') throw businessRule('approval.not_pending')
      const compiled = compileRuleSet(ruleSetOf(version), await loadCatalog(tx, version.institutionId))
      await tx
        .update(riskRuleSetVersions)
        .set({
          status: 'published',
          approvedBy: actor.id,
          publishedAt: now,
          indicatorSnapshot: [...compiled.indicators],
          updatedAt: now,
        })
        .where(eq(riskRuleSetVersions.id, version.id))
      const binding =
        payload.target === 'champion'
          ? {
              championVersionId: version.id,
              ...(scene.challengerVersionId === version.id ? { challengerVersionId: null, challengerShare: 0 } : {}),
            }
          : { challengerVersionId: version.id, challengerShare: payload.challengerShare }
      await supersede(
        tx,
        payload.target === 'champion' ? scene.championVersionId : scene.challengerVersionId,
        version.id,
      )
      await tx
        .update(riskScenes)
        .set({ ...binding, updatedAt: now })
        .where(eq(riskScenes.id, scene.id))
    } else {
      if (!['published', 'superseded'].includes(version.status)) throw businessRule('approval.not_pending')
      await supersede(tx, scene.championVersionId, version.id)
      await tx
        .update(riskRuleSetVersions)
        .set({ status: 'published', updatedAt: now })
        .where(eq(riskRuleSetVersions.id, version.id))
      await tx
        .update(riskScenes)
        .set({ championVersionId: version.id, updatedAt: now })
        .where(eq(riskScenes.id, scene.id))
    }
    forgetCompiled(version.id)
    await recordAudit(tx, actor, {
      operation: payload.action === 'publish' ? 'risk.version.publish' : 'risk.scene.rollback',
      objectType: 'risk_scene',
      objectId: scene.id,
      institutionId: scene.institutionId,
      before: { championVersionId: scene.championVersionId, challengerVersionId: scene.challengerVersionId },
      after: {
        versionId: version.id,
        version: version.version,
        ...(payload.action === 'publish' ? { target: payload.target } : {}),
      },
    })
    return { versionId: version.id, scene: scene.code }
  },
  async reject({ tx, actor, request, payload }) {
    if (payload.action !== 'publish') return
    await tx
      .update(riskRuleSetVersions)
      .set({ status: 'draft', target: null, approvalId: null, updatedAt: new Date() })
      .where(and(eq(riskRuleSetVersions.id, payload.versionId), eq(riskRuleSetVersions.status, 'pending_approval')))
    await recordAudit(tx, actor, {
      operation: 'risk.version.reject',
      objectType: 'risk_version',
      objectId: payload.versionId,
      institutionId: request.institutionId,
      after: { status: 'draft' },
    })
  },
})
