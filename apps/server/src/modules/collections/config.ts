/**
 * Reading the per-institution configuration of collections: stage sets (defaults until edited,
 * product overrides), pool settings and the contact-compliance settings.
 */
import { and, eq } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { type ComplianceSettings, DEFAULT_COMPLIANCE } from './domain/compliance.ts'
import { defaultSet, type StageDef, type StageSetKind } from './domain/stages.ts'
import { collectionPools, collectionSettings, collectionStageSets } from './schema.ts'

export type StageSets = { short: StageDef[]; monthly: StageDef[]; products: Map<string, StageDef[]> }

export async function loadStageSets(tx: Queryable, institutionId: string): Promise<StageSets> {
  const rows = await tx.select().from(collectionStageSets).where(eq(collectionStageSets.institutionId, institutionId))
  const out: StageSets = { short: defaultSet('short'), monthly: defaultSet('monthly'), products: new Map() }
  for (const r of rows) {
    if (r.setKey === 'short' || r.setKey === 'monthly') out[r.setKey as StageSetKind] = r.stages
    else if (r.productId) out.products.set(r.productId, r.stages)
  }
  return out
}

/** The set a loan of a product with this term unit follows. */
export function setKeyFor(sets: StageSets, productId: string, termUnit: string): string {
  if (sets.products.has(productId)) return `product:${productId}`
  return termUnit.startsWith('day') ? 'short' : 'monthly'
}

export function stagesOfKey(sets: StageSets, key: string): StageDef[] {
  if (key === 'short' || key === 'monthly') return sets[key]
  return sets.products.get(key.slice('product:'.length)) ?? sets.monthly
}

export async function loadCompliance(tx: Queryable, institutionId: string): Promise<ComplianceSettings> {
  const [r] = await tx.select().from(collectionSettings).where(eq(collectionSettings.institutionId, institutionId))
  if (!r) return { ...DEFAULT_COMPLIANCE }
  return {
    allowedFrom: r.allowedFrom,
    allowedTo: r.allowedTo,
    timeZone: r.timeZone,
    maxUnansweredPerDay: r.maxUnansweredPerDay,
    thirdPartyOnlyWhenUnreachable: r.thirdPartyOnlyWhenUnreachable,
  }
}

export type PoolSettings = {
  stageCode: string
  autoAssign: boolean
  strategy: 'round_robin' | 'by_load'
  capPerCollector: number | null
  rrCursor: number
}

export async function loadPool(tx: Queryable, institutionId: string, stageCode: string): Promise<PoolSettings> {
  const [r] = await tx
    .select()
    .from(collectionPools)
    .where(and(eq(collectionPools.institutionId, institutionId), eq(collectionPools.stageCode, stageCode)))
  return r
    ? {
        stageCode,
        autoAssign: r.autoAssign,
        strategy: r.strategy as PoolSettings['strategy'],
        capPerCollector: r.capPerCollector,
        rrCursor: r.rrCursor,
      }
    : { stageCode, autoAssign: false, strategy: 'round_robin', capPerCollector: null, rrCursor: 0 }
}

/** Every stage code of the institution's sets, in a stable order (short set, monthly set, overrides). */
export function allStageCodes(sets: StageSets): { code: string; position: string; opensCases: boolean }[] {
  const seen = new Map<string, { code: string; position: string; opensCases: boolean }>()
  for (const set of [sets.short, sets.monthly, ...sets.products.values()])
    for (const s of set)
      if (!seen.has(s.code)) seen.set(s.code, { code: s.code, position: s.position, opensCases: s.opensCases })
  return [...seen.values()]
}
