/**
 * Activating and retiring strategies. One champion and at most one challenger are active per
 * institution: activating a champion retires the previous one; a challenger takes `challengerPercent`
 * of the cases (by a stable bucket of the case id) and needs a champion. Every open case is
 * re-segmented at once (same transaction), so "my cases" reflects the change immediately.
 *
 * Decision: audited, not four-eyes. A strategy changes the order of work and the suggested channels;
 * it moves no money and changes no borrower's terms, and it is undone by activating the previous one.
 * Every create, edit, activation and retirement is in the audit log with before and after.
 */
import { and, eq, ne } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { findStrategy, strategyDto } from './save-strategy.ts'
import { collectionStrategies } from './strategy-schema.ts'
import { segmentCases } from './strategy-segments.ts'

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string }

export async function activateStrategy({
  tx,
  principal,
  actor,
  id,
  input,
}: Call & { input: { role: 'champion' | 'challenger'; challengerPercent?: number } }) {
  const s = await findStrategy(tx, principal, id, true)
  if (s.status === 'active') throw businessRule('collections.strategy_already_active', { name: s.name })
  const institutionId = s.institutionId
  const today = await getBusinessDate(tx, institutionId)
  const others = await tx
    .select()
    .from(collectionStrategies)
    .where(
      and(
        eq(collectionStrategies.institutionId, institutionId),
        eq(collectionStrategies.status, 'active'),
        ne(collectionStrategies.id, id),
      ),
    )
    .for('update')
  if (input.role === 'challenger') {
    if (input.challengerPercent === undefined)
      throw fieldError('body.challengerPercent', 'collections.strategy_percent_required')
    if (!others.some((o) => o.role === 'champion')) throw businessRule('collections.strategy_needs_champion')
  }
  const replaced = others.find((o) => o.role === input.role)
  if (replaced) await retire(tx, actor, replaced, today, `replaced by ${s.name}`)
  const [row] = await tx
    .update(collectionStrategies)
    .set({
      status: 'active',
      role: input.role,
      challengerPercent: input.role === 'challenger' ? input.challengerPercent! : null,
      activatedOn: today,
      retiredOn: null,
      updatedBy: principal.userId,
      updatedAt: new Date(),
    })
    .where(eq(collectionStrategies.id, id))
    .returning()
  const changed = await segmentCases(tx, institutionId, today)
  await recordAudit(tx, actor, {
    operation: 'collection.strategy.activate',
    objectType: 'collection_strategy',
    objectId: id,
    institutionId,
    before: { status: s.status, role: s.role },
    after: { status: 'active', role: row!.role, challengerPercent: row!.challengerPercent, casesResegmented: changed },
  })
  await emitEvent(tx, {
    institutionId,
    topic: 'collection.strategy.activated',
    aggregateType: 'collection_strategy',
    aggregateId: id,
    payload: { role: row!.role, challengerPercent: row!.challengerPercent },
    businessDate: today,
  })
  return { ...strategyDto(row!), casesResegmented: changed }
}

export async function retireStrategy({ tx, principal, actor, id }: Call) {
  const s = await findStrategy(tx, principal, id, true)
  if (s.status !== 'active') throw businessRule('collections.strategy_not_active', { name: s.name })
  const today = await getBusinessDate(tx, s.institutionId)
  const row = await retire(tx, actor, s, today, 'retired')
  const changed = await segmentCases(tx, s.institutionId, today)
  return { ...strategyDto(row), casesResegmented: changed }
}

async function retire(
  tx: Tx,
  actor: Actor,
  s: typeof collectionStrategies.$inferSelect,
  today: string,
  reason: string,
): Promise<typeof collectionStrategies.$inferSelect> {
  const [row] = await tx
    .update(collectionStrategies)
    .set({ status: 'retired', role: null, challengerPercent: null, retiredOn: today, updatedAt: new Date() })
    .where(eq(collectionStrategies.id, s.id))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'collection.strategy.retire',
    objectType: 'collection_strategy',
    objectId: s.id,
    institutionId: s.institutionId,
    before: { status: s.status, role: s.role, challengerPercent: s.challengerPercent },
    after: { status: 'retired', reason },
  })
  return row!
}
