/**
 * Creating and editing a collection strategy (draft only: an active strategy's segments are what its
 * results are reported by, so it is copied into a new draft instead of changed). Segments are
 * validated as a whole (`validateSegments`): 400 with one field error per problem.
 */
import { and, eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, notFound } from '../../platform/errors.ts'
import { allStageCodes, loadStageSets } from './config.ts'
import { type SegmentDef, validateSegments } from './domain/strategy.ts'
import { collectionStrategies } from './strategy-schema.ts'

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor }
export type StrategyInput = { name: string; description?: string | null; segments: SegmentDef[] }

async function validate(tx: Tx, institutionId: string, segments: SegmentDef[]) {
  const known = new Set(allStageCodes(await loadStageSets(tx, institutionId)).map((s) => s.code))
  const problems = validateSegments(segments, known)
  if (problems.length > 0) throw new AppError('validation', { fields: problems })
}

export async function findStrategy(tx: Tx, p: StaffPrincipal, id: string, lock = false) {
  const q = tx
    .select()
    .from(collectionStrategies)
    .where(and(eq(collectionStrategies.id, id), eq(collectionStrategies.institutionId, p.institutionId)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw notFound()
  return row
}

export async function createStrategy({ tx, principal, actor, input }: Call & { input: StrategyInput }) {
  await validate(tx, principal.institutionId, input.segments)
  const [row] = await tx
    .insert(collectionStrategies)
    .values({
      institutionId: principal.institutionId,
      name: input.name,
      description: input.description ?? null,
      segments: input.segments,
      createdBy: principal.userId,
      updatedBy: principal.userId,
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.strategy.create',
    objectType: 'collection_strategy',
    objectId: row!.id,
    institutionId: row!.institutionId,
    after: { name: row!.name, segments: row!.segments },
  })
  return strategyDto(row!)
}

export async function updateStrategy({ tx, principal, actor, id, input }: Call & { id: string; input: StrategyInput }) {
  const before = await findStrategy(tx, principal, id, true)
  if (before.status !== 'draft') throw businessRule('collections.strategy_not_draft', { name: before.name })
  await validate(tx, principal.institutionId, input.segments)
  const [row] = await tx
    .update(collectionStrategies)
    .set({
      name: input.name,
      description: input.description ?? null,
      segments: input.segments,
      version: before.version + 1,
      updatedBy: principal.userId,
      updatedAt: new Date(),
    })
    .where(eq(collectionStrategies.id, id))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.strategy.update',
    objectType: 'collection_strategy',
    objectId: id,
    institutionId: before.institutionId,
    before: { name: before.name, description: before.description, segments: before.segments },
    after: { name: row!.name, description: row!.description, segments: row!.segments },
  })
  return strategyDto(row!)
}

export function strategyDto(r: typeof collectionStrategies.$inferSelect) {
  return {
    id: r.id,
    institutionId: r.institutionId,
    name: r.name,
    description: r.description,
    segments: r.segments,
    status: r.status,
    role: r.role,
    challengerPercent: r.challengerPercent,
    activatedOn: r.activatedOn,
    retiredOn: r.retiredOn,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}
