/**
 * Checks an indicator definition against its config and the rest of the catalog: the type fits the
 * config, own fields are on the whitelist, sources and dependencies exist, no derived cycle.
 */
import { and, eq } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { AppError, type FieldError } from '../../platform/errors.ts'
import { type TIndicatorDefinition, type TIndicatorType, validateIndicatorCatalog } from './domain/index.ts'
import { dataSourceOf, dependenciesOf, OWN_FIELDS, requiredTypeOf, type TIndicatorConfig } from './indicator-config.ts'
import { loadCatalog } from './runtime.ts'
import { riskDataSources } from './schema.ts'

export type IndicatorDraft = {
  code: string
  name: string
  type: TIndicatorType
  enumValues?: string[] | null
  config: TIndicatorConfig
  enabled: boolean
}

/** Returns the definition to store (data source and dependencies derived from the config). */
export async function checkIndicator(tx: Queryable, institutionId: string, draft: IndicatorDraft) {
  const fields: FieldError[] = []
  const { config } = draft
  if (config.kind === 'own' && !OWN_FIELDS[config.table]?.[config.field]) {
    fields.push({
      field: 'body.config.field',
      key: 'risk.field.own_field_unknown',
      params: { table: config.table, field: config.field },
    })
  }
  const required = requiredTypeOf(config)
  if (required && required !== draft.type)
    fields.push({ field: 'body.type', key: 'risk.field.type_for_config', params: { expected: required } })
  if (draft.type === 'enum' && (draft.enumValues ?? []).length === 0)
    fields.push({ field: 'body.enumValues', key: 'risk.problem.enum_values_missing' })
  if (config.kind === 'third_party') {
    const [source] = await tx
      .select({ id: riskDataSources.id })
      .from(riskDataSources)
      .where(and(eq(riskDataSources.institutionId, institutionId), eq(riskDataSources.code, config.source)))
    if (!source)
      fields.push({ field: 'body.config.source', key: 'risk.field.source_unknown', params: { source: config.source } })
  }
  const definition: TIndicatorDefinition = {
    code: draft.code,
    name: draft.name,
    type: draft.type,
    ...(draft.enumValues ? { enumValues: draft.enumValues } : {}),
    sourceKind: config.kind,
    dataSource: dataSourceOf(config),
    ...(dependenciesOf(config).length > 0 ? { dependsOn: dependenciesOf(config) } : {}),
    enabled: draft.enabled,
  }
  const catalog = (await loadCatalog(tx, institutionId)).filter((i) => i.code !== draft.code)
  const problems = validateIndicatorCatalog([...catalog, definition]).filter((p) =>
    p.code === 'derived_cycle'
      ? String(p.params.cycle).split(' → ').includes(draft.code)
      : p.path[1] === catalog.length,
  )
  for (const p of problems) {
    fields.push({
      field: p.code === 'derived_cycle' || p.code === 'dependency_unknown' ? 'body.config' : 'body.code',
      key: `risk.problem.${p.code}`,
      params: { ...p.params },
    })
  }
  if (fields.length > 0) throw new AppError('validation', { fields })
  return definition
}
