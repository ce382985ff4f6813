/** Saves a draft's rules (validated at save: every problem reported as a field error). */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { checkRules } from './create-draft.ts'
import type { TRule } from './domain/index.ts'
import { numberRules } from './rule-versions.ts'
import { riskRuleSetVersions } from './schema.ts'
import { findVersion, toVersionDto } from './version-queries.ts'

export type SaveDraftOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { name?: string; rules: TRule[] }
}

export async function saveDraft({ tx, principal, actor, id, input }: SaveDraftOptions) {
  const draft = await findVersion(tx, principal, id, true)
  if (draft.status !== 'draft') throw businessRule('risk.version_not_draft', { status: draft.status })
  const base = draft.basedOnVersionId
    ? await findVersion(tx, principal, draft.basedOnVersionId).catch(() => null)
    : null
  const rules = numberRules(input.rules, (base?.rules as TRule[] | undefined) ?? [])
  await checkRules(tx, draft.institutionId, draft.sceneCode, rules)
  const [row] = await tx
    .update(riskRuleSetVersions)
    .set({ name: input.name ?? draft.name, rules, updatedAt: new Date() })
    .where(eq(riskRuleSetVersions.id, id))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'risk.version.update',
    objectType: 'risk_version',
    objectId: id,
    institutionId: draft.institutionId,
    before: { name: draft.name, rules: draft.rules },
    after: { name: row!.name, rules },
  })
  return toVersionDto(row!)
}
