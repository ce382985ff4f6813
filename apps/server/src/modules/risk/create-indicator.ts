/** Adds an indicator (指标) to the institution's catalog. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { checkIndicator, type IndicatorDraft } from './check-indicator.ts'
import { toIndicatorDto } from './indicator-queries.ts'
import { bumpConfigStamp } from './runtime.ts'
import { riskIndicators } from './schema.ts'

export type CreateIndicatorOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: Omit<IndicatorDraft, 'enabled'> & { enabled?: boolean; description?: string | null }
}

export async function createIndicator({ tx, principal, actor, input }: CreateIndicatorOptions) {
  const institutionId = principal.institutionId
  const definition = await checkIndicator(tx, institutionId, { ...input, enabled: input.enabled ?? true })
  let row: typeof riskIndicators.$inferSelect
  try {
    ;[row] = (await tx
      .insert(riskIndicators)
      .values({
        institutionId,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        type: input.type,
        enumValues: input.enumValues ?? null,
        sourceKind: definition.sourceKind,
        dataSource: definition.dataSource,
        config: input.config,
        dependsOn: definition.dependsOn ?? [],
        enabled: definition.enabled,
      })
      .returning()) as [typeof riskIndicators.$inferSelect]
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
  await bumpConfigStamp(tx, institutionId)
  await recordAudit(tx, actor, {
    operation: 'risk.indicator.create',
    objectType: 'risk_indicator',
    objectId: row.id,
    institutionId,
    after: { indicator: input.code, name: input.name, type: input.type, config: input.config },
  })
  return toIndicatorDto(row)
}
