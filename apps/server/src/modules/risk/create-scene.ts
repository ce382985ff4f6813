/** Adds a scene by code name (e.g. withdrawal, line_increase); it passes everyone until a version is published. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { getScene } from './scene-queries.ts'
import { riskScenes } from './schema.ts'

export type CreateSceneOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: { code: string; name: string; description?: string | null }
}

export async function createScene({ tx, principal, actor, input }: CreateSceneOptions) {
  try {
    const [row] = await tx
      .insert(riskScenes)
      .values({
        institutionId: principal.institutionId,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
      })
      .returning({ id: riskScenes.id })
    await recordAudit(tx, actor, {
      operation: 'risk.scene.create',
      objectType: 'risk_scene',
      objectId: row!.id,
      institutionId: principal.institutionId,
      after: { scene: input.code, name: input.name },
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
  return getScene(tx, principal, input.code)
}
