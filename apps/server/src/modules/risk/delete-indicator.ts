/** Deletes an indicator that no rule of any version uses (else 409 naming the rules). */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError } from '../../platform/errors.ts'
import { findIndicator, indicatorUses } from './indicator-queries.ts'
import { bumpConfigStamp, loadCatalog } from './runtime.ts'
import { riskIndicators } from './schema.ts'

export type DeleteIndicatorOptions = { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string }

export async function deleteIndicator({ tx, principal, actor, id }: DeleteIndicatorOptions): Promise<void> {
  const row = await findIndicator(tx, principal, id)
  const uses = await indicatorUses(tx, row.institutionId, row.code)
  const dependants = (await loadCatalog(tx, row.institutionId)).filter((i) => i.dependsOn?.includes(row.code))
  if (uses.length > 0 || dependants.length > 0) {
    const rules = uses.flatMap((u) => u.ruleCodes.map((r) => `${u.sceneCode} v${u.version}: ${r}`))
    throw new AppError('conflict', {
      detailKey: 'risk.indicator_in_use',
      detailParams: { rules: [...rules, ...dependants.map((d) => d.code)].join(', ') },
    })
  }
  await tx.delete(riskIndicators).where(eq(riskIndicators.id, id))
  await bumpConfigStamp(tx, row.institutionId)
  await recordAudit(tx, actor, {
    operation: 'risk.indicator.delete',
    objectType: 'risk_indicator',
    objectId: id,
    institutionId: row.institutionId,
    before: { indicator: row.code, name: row.name, config: row.config },
  })
}
