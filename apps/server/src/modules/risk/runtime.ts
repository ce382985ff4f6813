/**
 * In-memory caches that keep evaluation cheap, safe across processes because what they hold is
 * either immutable (a published version never changes, so its compiled closures are keyed by its id)
 * or checked on every use (an institution's catalog and sources carry a stamp that every change bumps).
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import {
  compileRuleSet,
  type TCompiledRuleSet,
  type TIndicatorDefinition,
  type TRule,
  type TRuleSet,
} from './domain/index.ts'
import type { TIndicatorConfig } from './indicator-config.ts'
import { riskConfigStamps, riskDataSources, riskIndicators, riskRuleSetVersions } from './schema.ts'

export type DataSourceRow = typeof riskDataSources.$inferSelect
export type IndicatorRow = typeof riskIndicators.$inferSelect

export type RiskRuntime = {
  stamp: number
  catalog: TIndicatorDefinition[]
  configs: ReadonlyMap<string, TIndicatorConfig>
  sources: ReadonlyMap<string, DataSourceRow>
}

const runtimes = new Map<string, RiskRuntime>()
const compiledVersions = new Map<string, TCompiledRuleSet>()

export function toDefinition(row: IndicatorRow): TIndicatorDefinition {
  return {
    code: row.code,
    name: row.name,
    type: row.type as TIndicatorDefinition['type'],
    ...(row.enumValues ? { enumValues: row.enumValues } : {}),
    sourceKind: row.sourceKind as TIndicatorDefinition['sourceKind'],
    dataSource: row.dataSource,
    ...(row.dependsOn.length > 0 ? { dependsOn: row.dependsOn } : {}),
    enabled: row.enabled,
  }
}

/** Every indicator or source change calls this in its transaction; running evaluations reload. */
export async function bumpConfigStamp(tx: Queryable, institutionId: string): Promise<void> {
  await tx
    .insert(riskConfigStamps)
    .values({ institutionId, stamp: 1 })
    .onConflictDoUpdate({ target: riskConfigStamps.institutionId, set: { stamp: sql`${riskConfigStamps.stamp} + 1` } })
}

export async function loadCatalog(tx: Queryable, institutionId: string): Promise<TIndicatorDefinition[]> {
  const rows = await tx.select().from(riskIndicators).where(eq(riskIndicators.institutionId, institutionId))
  return rows.map(toDefinition)
}

export async function runtimeOf(tx: Queryable, institutionId: string, stamp: number): Promise<RiskRuntime> {
  const cached = runtimes.get(institutionId)
  if (cached && cached.stamp === stamp) return cached
  const [indicatorRows, sourceRows] = await Promise.all([
    tx.select().from(riskIndicators).where(eq(riskIndicators.institutionId, institutionId)),
    tx.select().from(riskDataSources).where(eq(riskDataSources.institutionId, institutionId)),
  ])
  const runtime: RiskRuntime = {
    stamp,
    catalog: indicatorRows.map(toDefinition),
    configs: new Map(indicatorRows.map((row) => [row.code, row.config as TIndicatorConfig])),
    sources: new Map(sourceRows.map((row) => [row.code, row])),
  }
  runtimes.set(institutionId, runtime)
  return runtime
}

export type VersionRow = typeof riskRuleSetVersions.$inferSelect

export function ruleSetOf(row: VersionRow): TRuleSet {
  return { id: row.id, scene: row.sceneCode, name: row.name, version: row.version, rules: row.rules as TRule[] }
}

/**
 * The compiled closures of a published (immutable) version, compiled once per process against the
 * catalog snapshot frozen at publish. Drafts are compiled fresh against the live catalog.
 */
export async function compiledVersion(tx: Queryable, institutionId: string, versionId: string) {
  const hit = compiledVersions.get(versionId)
  if (hit) return hit
  const [row] = await tx
    .select()
    .from(riskRuleSetVersions)
    .where(and(eq(riskRuleSetVersions.id, versionId), eq(riskRuleSetVersions.institutionId, institutionId)))
  if (!row) return null
  const catalog = (row.indicatorSnapshot as TIndicatorDefinition[] | null) ?? (await loadCatalog(tx, institutionId))
  const compiled = compileRuleSet(ruleSetOf(row), catalog)
  if (row.status === 'published' || row.status === 'superseded') compiledVersions.set(versionId, compiled)
  return compiled
}

/** Publish and rollback call this so the next evaluation compiles from the stored version. */
export function forgetCompiled(versionId: string): void {
  compiledVersions.delete(versionId)
}
