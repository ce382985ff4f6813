/** Starts a new draft version of a scene's rule set: a copy of a version (default: the champion) or given rules. */
import { and, eq, max } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError, fieldError } from '../../platform/errors.ts'
import { type TRule, validateRuleSet } from './domain/index.ts'
import { toFieldErrors } from './domain/problems.ts'
import { numberRules } from './rule-versions.ts'
import { loadCatalog } from './runtime.ts'
import { findScene } from './scene-queries.ts'
import { riskRuleSetVersions } from './schema.ts'
import { findVersion, toVersionDto } from './version-queries.ts'

export type CreateDraftOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  sceneCode: string
  input: { name?: string; fromVersionId?: string; rules?: TRule[] }
}

export async function checkRules(tx: Tx, institutionId: string, sceneCode: string, rules: TRule[]): Promise<void> {
  const problems = validateRuleSet(
    { id: 'draft', scene: sceneCode, name: 'draft', version: 1, rules },
    await loadCatalog(tx, institutionId),
  )
  if (problems.length > 0) throw new AppError('validation', { fields: toFieldErrors(problems) })
}

export async function createDraft({ tx, principal, actor, sceneCode, input }: CreateDraftOptions) {
  const scene = await findScene(tx, principal, sceneCode, true)
  const baseId = input.fromVersionId ?? scene.championVersionId
  const base = baseId ? await findVersion(tx, principal, baseId).catch(() => null) : null
  if (input.fromVersionId && (!base || base.sceneCode !== sceneCode))
    throw fieldError('body.fromVersionId', 'risk.field.version_unknown')
  const baseRules = (base?.rules as TRule[] | undefined) ?? []
  const rules = input.rules ? numberRules(input.rules, baseRules) : baseRules
  if (input.rules) await checkRules(tx, scene.institutionId, sceneCode, rules)
  const [{ last } = { last: 0 }] = await tx
    .select({ last: max(riskRuleSetVersions.version) })
    .from(riskRuleSetVersions)
    .where(
      and(eq(riskRuleSetVersions.institutionId, scene.institutionId), eq(riskRuleSetVersions.sceneCode, sceneCode)),
    )
  const version = Number(last ?? 0) + 1
  const [row] = await tx
    .insert(riskRuleSetVersions)
    .values({
      institutionId: scene.institutionId,
      sceneCode,
      version,
      name: input.name ?? `${scene.name} v${version}`,
      status: 'draft',
      rules,
      basedOnVersionId: base?.id ?? null,
      createdBy: principal.userId,
      createdByName: principal.username,
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'risk.version.create',
    objectType: 'risk_version',
    objectId: row!.id,
    institutionId: scene.institutionId,
    after: { scene: sceneCode, version, basedOn: base?.id ?? null, rules: rules.map((r) => r.code) },
  })
  return toVersionDto(row!)
}
