/** Edits an indicator: name, description, enabled, enum values or config (type and code are fixed). */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { checkIndicator } from './check-indicator.ts'
import type { TIndicatorType } from './domain/index.ts'
import type { TIndicatorConfig } from './indicator-config.ts'
import { findIndicator, getIndicator } from './indicator-queries.ts'
import { bumpConfigStamp } from './runtime.ts'
import { riskIndicators } from './schema.ts'

export type UpdateIndicatorOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: {
    name?: string
    description?: string | null
    enabled?: boolean
    enumValues?: string[]
    config?: TIndicatorConfig
  }
}

export async function updateIndicator({ tx, principal, actor, id, input }: UpdateIndicatorOptions) {
  const before = await findIndicator(tx, principal, id)
  const next = {
    code: before.code,
    name: input.name ?? before.name,
    type: before.type as TIndicatorType,
    enumValues: input.enumValues ?? before.enumValues,
    config: input.config ?? (before.config as TIndicatorConfig),
    enabled: input.enabled ?? before.enabled,
  }
  const definition = await checkIndicator(tx, before.institutionId, next)
  await tx
    .update(riskIndicators)
    .set({
      name: next.name,
      description: input.description === undefined ? before.description : input.description,
      enumValues: next.enumValues,
      config: next.config,
      sourceKind: definition.sourceKind,
      dataSource: definition.dataSource,
      dependsOn: definition.dependsOn ?? [],
      enabled: next.enabled,
      updatedAt: new Date(),
    })
    .where(eq(riskIndicators.id, id))
  await bumpConfigStamp(tx, before.institutionId)
  await recordAudit(tx, actor, {
    operation: 'risk.indicator.update',
    objectType: 'risk_indicator',
    objectId: id,
    institutionId: before.institutionId,
    before: { name: before.name, enabled: before.enabled, config: before.config, enumValues: before.enumValues },
    after: { name: next.name, enabled: next.enabled, config: next.config, enumValues: next.enumValues },
  })
  return getIndicator(tx, principal, id)
}
