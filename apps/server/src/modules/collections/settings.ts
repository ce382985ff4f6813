/**
 * Configuration commands of collections: stage sets (per institution, per product), pools
 * (automatic assignment), collectors' receiving, and the contact-compliance settings.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, type FieldError, fieldError, notFound } from '../../platform/errors.ts'
import { autoAssignPool } from './auto-assign.ts'
import { findStaff, listCollectors } from './collectors.ts'
import { allStageCodes, loadCompliance, loadPool, loadStageSets } from './config.ts'
import { type ComplianceSettings, isValidHhmm, isValidTimeZone } from './domain/compliance.ts'
import { type LadderStep, validateLadder } from './domain/ladder.ts'
import { type StageDef, validateStageSet } from './domain/stages.ts'
import { loadLadder } from './reminders.ts'
import { collectionCollectors, collectionPools, collectionSettings, collectionStageSets } from './schema.ts'

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor }

export async function getStageSets(tx: Tx, p: StaffPrincipal) {
  const sets = await loadStageSets(tx, p.institutionId)
  const names = await queryRows<{ id: string; name: string; term_unit: string | null }>(
    tx,
    sql`select p.id, p.name, v.term_unit from products p left join product_versions v on v.id = p.current_version_id
      where p.institution_id = ${p.institutionId}::uuid order by p.name`,
  )
  return {
    short: sets.short,
    monthly: sets.monthly,
    products: names.map((n) => ({
      productId: n.id,
      productName: n.name,
      termUnit: n.term_unit,
      follows: sets.products.has(n.id) ? 'product' : n.term_unit === 'day' ? 'short' : 'monthly',
      stages: sets.products.get(n.id) ?? null,
    })),
  }
}

export async function updateStageSet({
  tx,
  principal,
  actor,
  setKey,
  stages,
}: Call & { setKey: string; stages: StageDef[] }) {
  const institutionId = principal.institutionId
  let productId: string | null = null
  if (setKey !== 'short' && setKey !== 'monthly') {
    const [prod] = await queryRows<{ id: string }>(
      tx,
      sql`select id from products where id::text = ${setKey} and institution_id = ${institutionId}::uuid`,
    )
    if (!prod) throw notFound()
    productId = prod.id
  }
  const problems: FieldError[] = validateStageSet(stages).map((x) => ({ field: x.field, key: x.key, params: x.params }))
  const known = new Set(
    (
      await queryRows<{ code: string }>(
        tx,
        sql`select code from positions where institution_id = ${institutionId}::uuid`,
      )
    ).map((r) => r.code),
  )
  stages.forEach((s, i) => {
    if (!known.has(s.position))
      problems.push({
        field: `body.stages.${i}.position`,
        key: 'collections.position_unknown',
        params: { position: s.position },
      })
  })
  if (problems.length > 0) throw new AppError('validation', { fields: problems })
  const key = productId ? `product:${productId}` : setKey
  const before = await loadStageSets(tx, institutionId)
  await tx
    .insert(collectionStageSets)
    .values({ institutionId, setKey: key, productId, stages, updatedBy: principal.userId })
    .onConflictDoUpdate({
      target: [collectionStageSets.institutionId, collectionStageSets.setKey],
      set: { stages, updatedBy: principal.userId, updatedAt: new Date() },
    })
  await recordAudit(tx, actor, {
    operation: 'collection.stages.update',
    objectType: 'collection_stage_set',
    objectId: key,
    before: productId ? (before.products.get(productId) ?? null) : before[setKey as 'short' | 'monthly'],
    after: stages,
  })
  return { setKey: key, stages }
}

/** Removes a product's own set; the product follows its term unit's default again. */
export async function deleteProductStageSet({ tx, principal, actor, productId }: Call & { productId: string }) {
  const rows = await tx
    .delete(collectionStageSets)
    .where(
      and(
        eq(collectionStageSets.institutionId, principal.institutionId),
        eq(collectionStageSets.setKey, `product:${productId}`),
      ),
    )
    .returning()
  if (rows.length === 0) throw notFound()
  await recordAudit(tx, actor, {
    operation: 'collection.stages.delete',
    objectType: 'collection_stage_set',
    objectId: `product:${productId}`,
    before: rows[0]!.stages,
  })
}

export async function getCompliance(tx: Tx, p: StaffPrincipal) {
  return loadCompliance(tx, p.institutionId)
}

export async function updateCompliance({ tx, principal, actor, input }: Call & { input: Partial<ComplianceSettings> }) {
  const fields: FieldError[] = []
  for (const k of ['allowedFrom', 'allowedTo'] as const)
    if (input[k] !== undefined && !isValidHhmm(input[k]!))
      fields.push({ field: `body.${k}`, key: 'collections.field_hhmm' })
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    fields.push({ field: 'body.timeZone', key: 'collections.field_time_zone' })
  if (fields.length === 0 && (input.allowedFrom ?? '') !== '' && input.allowedFrom === input.allowedTo)
    fields.push({ field: 'body.allowedTo', key: 'collections.field_hours_empty' })
  if (fields.length > 0) throw new AppError('validation', { fields })
  const before = await loadCompliance(tx, principal.institutionId)
  const after = { ...before, ...input }
  if (after.allowedFrom === after.allowedTo) throw fieldError('body.allowedTo', 'collections.field_hours_empty')
  await tx
    .insert(collectionSettings)
    .values({ institutionId: principal.institutionId, ...after, updatedBy: principal.userId })
    .onConflictDoUpdate({
      target: collectionSettings.institutionId,
      set: { ...after, updatedBy: principal.userId, updatedAt: new Date() },
    })
  await recordAudit(tx, actor, {
    operation: 'collection.settings.update',
    objectType: 'collection_settings',
    objectId: principal.institutionId,
    before,
    after,
  })
  return after
}

export async function listPools(tx: Tx, p: StaffPrincipal) {
  const sets = await loadStageSets(tx, p.institutionId)
  const counts = await queryRows<{ stage_code: string; unassigned: number; assigned: number }>(
    tx,
    sql`select stage_code, count(*) filter (where status = 'unassigned')::int as unassigned,
        count(*) filter (where status = 'assigned')::int as assigned
      from collection_cases where institution_id = ${p.institutionId}::uuid and status in ('unassigned', 'assigned')
      group by stage_code`,
  )
  const out = []
  for (const s of allStageCodes(sets)) {
    const pool = await loadPool(tx, p.institutionId, s.code)
    const c = counts.find((x) => x.stage_code === s.code)
    out.push({
      stageCode: s.code,
      position: s.position,
      opensCases: s.opensCases,
      autoAssign: pool.autoAssign,
      strategy: pool.strategy,
      capPerCollector: pool.capPerCollector,
      unassigned: Number(c?.unassigned ?? 0),
      assigned: Number(c?.assigned ?? 0),
    })
  }
  return out
}

async function requirePool(tx: Tx, p: StaffPrincipal, stageCode: string) {
  const sets = await loadStageSets(tx, p.institutionId)
  const stage = allStageCodes(sets).find((s) => s.code === stageCode)
  if (!stage) throw notFound()
  return stage
}

export async function updatePool({
  tx,
  principal,
  actor,
  stageCode,
  input,
}: Call & {
  stageCode: string
  input: { autoAssign?: boolean; strategy?: 'round_robin' | 'by_load'; capPerCollector?: number | null }
}) {
  await requirePool(tx, principal, stageCode)
  const before = await loadPool(tx, principal.institutionId, stageCode)
  const after = { ...before, ...input }
  await tx
    .insert(collectionPools)
    .values({
      institutionId: principal.institutionId,
      stageCode,
      autoAssign: after.autoAssign,
      strategy: after.strategy,
      capPerCollector: after.capPerCollector,
    })
    .onConflictDoUpdate({
      target: [collectionPools.institutionId, collectionPools.stageCode],
      set: {
        autoAssign: after.autoAssign,
        strategy: after.strategy,
        capPerCollector: after.capPerCollector,
        updatedAt: new Date(),
      },
    })
  await recordAudit(tx, actor, {
    operation: 'collection.pool.update',
    objectType: 'collection_pool',
    objectId: stageCode,
    before,
    after,
  })
  const assigned = after.autoAssign
    ? await autoAssignPool(tx, principal.institutionId, stageCode, await getBusinessDate(tx, principal.institutionId))
    : 0
  return {
    stageCode,
    autoAssign: after.autoAssign,
    strategy: after.strategy,
    capPerCollector: after.capPerCollector,
    assigned,
  }
}

/** Collectors offered for a pool: holders of the stage's position (others are never offered). */
export async function poolCollectors(tx: Tx, p: StaffPrincipal, stageCode: string) {
  const stage = await requirePool(tx, p, stageCode)
  return listCollectors(tx, p.institutionId, stage.position)
}

export async function updateCollector({
  tx,
  principal,
  actor,
  userId,
  input,
}: Call & { userId: string; input: { paused?: boolean; cap?: number | null } }) {
  const user = await findStaff(tx, principal.institutionId, userId)
  if (!user) throw notFound()
  const [before] = await tx.select().from(collectionCollectors).where(eq(collectionCollectors.userId, userId))
  const after = {
    paused: input.paused ?? before?.paused ?? false,
    cap: input.cap === undefined ? (before?.cap ?? null) : input.cap,
  }
  await tx
    .insert(collectionCollectors)
    .values({ userId, institutionId: principal.institutionId, ...after })
    .onConflictDoUpdate({ target: collectionCollectors.userId, set: { ...after, updatedAt: new Date() } })
  await recordAudit(tx, actor, {
    operation: 'collection.collector.update',
    objectType: 'user',
    objectId: userId,
    before: before ? { paused: before.paused, cap: before.cap } : null,
    after,
  })
  return { userId, ...after }
}

export async function updateLadder({ tx, principal, actor, steps }: Call & { steps: LadderStep[] }) {
  const problems = validateLadder(steps)
  if (problems.length > 0)
    throw new AppError('validation', {
      fields: problems.map((x) => ({ field: x.field, key: x.key, params: x.params })),
    })
  const before = await loadLadder(tx, principal.institutionId)
  const current = await loadCompliance(tx, principal.institutionId)
  await tx
    .insert(collectionSettings)
    .values({ institutionId: principal.institutionId, ...current, reminderSteps: steps, updatedBy: principal.userId })
    .onConflictDoUpdate({
      target: collectionSettings.institutionId,
      set: { reminderSteps: steps, updatedBy: principal.userId, updatedAt: new Date() },
    })
  await recordAudit(tx, actor, {
    operation: 'collection.ladder.update',
    objectType: 'collection_settings',
    objectId: principal.institutionId,
    before,
    after: steps,
  })
  return { steps }
}

export async function listReminders(
  tx: Tx,
  p: StaffPrincipal,
  o: { page: number; pageSize: number; status?: string; loanId?: string },
) {
  const where = sql`r.institution_id = ${p.institutionId}::uuid
    ${o.status ? sql`and r.status = ${o.status}` : sql``} ${o.loanId ? sql`and r.loan_id = ${o.loanId}::uuid` : sql``}`
  const [n] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from collection_reminders r where ${where}`,
  )
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select r.id, r.loan_id as "loanId", r.loan_no as "loanNo", r.case_id as "caseId", r.due_date::text as "dueDate",
        r.step_code as "stepCode", r.action, r.channel, r.status, r.reason, r.business_date::text as "businessDate",
        r.sent_at as "sentAt"
      from collection_reminders r where ${where}
      order by r.created_at desc, r.id limit ${o.pageSize} offset ${(o.page - 1) * o.pageSize}`,
  )
  return { items: rows, total: Number(n!.n), page: o.page, pageSize: o.pageSize }
}
