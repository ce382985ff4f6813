/**
 * Edits a scene's name and its champion/challenger split. Changing the share or removing the
 * challenger needs no approval: traffic only moves between versions that were approved already.
 */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import { findScene, getScene } from './scene-queries.ts'
import { riskRuleSetVersions, riskScenes } from './schema.ts'

export type UpdateSceneOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  code: string
  input: {
    name?: string
    description?: string | null
    challengerShare?: number
    useChallengerDecision?: boolean
    removeChallenger?: boolean
  }
}

export async function updateScene({ tx, principal, actor, code, input }: UpdateSceneOptions) {
  const before = await findScene(tx, principal, code, true)
  if (
    input.challengerShare !== undefined &&
    input.challengerShare > 0 &&
    !before.challengerVersionId &&
    !input.removeChallenger
  ) {
    throw fieldError('body.challengerShare', 'risk.field.no_challenger')
  }
  const removing = input.removeChallenger === true && before.challengerVersionId !== null
  if (removing) {
    await tx
      .update(riskRuleSetVersions)
      .set({ status: 'superseded', updatedAt: new Date() })
      .where(eq(riskRuleSetVersions.id, before.challengerVersionId!))
  }
  const change = {
    name: input.name ?? before.name,
    description: input.description === undefined ? before.description : input.description,
    challengerShare: removing ? 0 : (input.challengerShare ?? before.challengerShare),
    useChallengerDecision: input.useChallengerDecision ?? before.useChallengerDecision,
    challengerVersionId: removing ? null : before.challengerVersionId,
  }
  await tx
    .update(riskScenes)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(riskScenes.id, before.id))
  await recordAudit(tx, actor, {
    operation: 'risk.scene.update',
    objectType: 'risk_scene',
    objectId: before.id,
    institutionId: before.institutionId,
    before: {
      name: before.name,
      challengerShare: before.challengerShare,
      useChallengerDecision: before.useChallengerDecision,
      challengerVersionId: before.challengerVersionId,
    },
    after: change,
  })
  return getScene(tx, principal, code)
}
