/**
 * The two order pools (订单池) of an institution — first and second review — with their group (team),
 * position, assignment mode, cap, SLA and checklist; created on first use. The reviewers eligible for
 * a pool are the institution's active users in its team holding its position; only online ones get orders.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { type Queryable, queryRows, type Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import { teams } from '../identity/schema.ts'
import { DEFAULT_CHECKLIST } from './catalog.ts'
import { type ChecklistItem, reviewPools } from './schema.ts'

export type Stage = 'first' | 'second'
export const STAGES: Stage[] = ['first', 'second']
const POSITION: Record<Stage, string> = { first: 'review_first', second: 'review_second' }
export type PoolRow = typeof reviewPools.$inferSelect

export async function ensurePool(tx: Tx, institutionId: string, stage: Stage): Promise<PoolRow> {
  const [existing] = await tx
    .select()
    .from(reviewPools)
    .where(and(eq(reviewPools.institutionId, institutionId), eq(reviewPools.stage, stage)))
  if (existing) return existing
  // the group: the team where most holders of the pool's position are
  const [team] = await queryRows<{ team_id: string }>(
    tx,
    sql`select u.team_id from users u join user_positions up on up.user_id = u.id join positions p on p.id = up.position_id
      where u.institution_id = ${institutionId}::uuid and p.code = ${POSITION[stage]} and u.team_id is not null
      group by u.team_id order by count(*) desc, u.team_id limit 1`,
  )
  await tx
    .insert(reviewPools)
    .values({
      institutionId,
      stage,
      teamId: team?.team_id ?? null,
      positionCode: POSITION[stage],
      checklist: DEFAULT_CHECKLIST,
    })
    .onConflictDoNothing()
  const [row] = await tx
    .select()
    .from(reviewPools)
    .where(and(eq(reviewPools.institutionId, institutionId), eq(reviewPools.stage, stage)))
  return row!
}

export type Reviewer = {
  id: string
  username: string
  displayName: string
  online: boolean
  teamId: string | null
  open: number
}

/** Reviewers of the pool's group and position (online or not), with their open orders. */
export async function poolReviewers(tx: Queryable, pool: PoolRow): Promise<Reviewer[]> {
  const rows = await queryRows<{
    id: string
    username: string
    display_name: string
    online: boolean
    team_id: string | null
    open: number
  }>(
    tx,
    sql`select u.id, u.username, u.display_name, u.online, u.team_id,
        (select count(*)::int from review_orders o where o.assignee_id = u.id and o.status in ('awaiting_review', 'in_review')) as open
      from users u
      where u.institution_id = ${pool.institutionId}::uuid and u.status = 'active'
        and (${pool.teamId}::uuid is null or u.team_id = ${pool.teamId}::uuid)
        and exists (select 1 from user_positions up join positions p on p.id = up.position_id
          where up.user_id = u.id and p.code = ${pool.positionCode})
      order by u.username`,
  )
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    online: r.online,
    teamId: r.team_id,
    open: Number(r.open),
  }))
}

export async function poolsOf(tx: Tx, p: StaffPrincipal) {
  const out = []
  for (const stage of STAGES) {
    const pool = await ensurePool(tx, p.institutionId, stage)
    const counts = await queryRows<{ status: string; n: number; overdue: number }>(
      tx,
      sql`select status, count(*)::int as n, count(*) filter (where due_at < now())::int as overdue from review_orders
        where institution_id = ${p.institutionId}::uuid and stage = ${stage} group by status`,
    )
    const [team] = pool.teamId ? await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, pool.teamId)) : []
    out.push({
      stage,
      teamId: pool.teamId,
      teamName: team?.name ?? null,
      positionCode: pool.positionCode,
      autoMode: pool.autoMode,
      cap: pool.cap,
      slaMinutes: pool.slaMinutes,
      checklist: pool.checklist,
      counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
      overdueOpen: counts
        .filter((c) => ['awaiting_assignment', 'awaiting_review', 'in_review'].includes(c.status))
        .reduce((a, c) => a + Number(c.overdue), 0),
      reviewers: await poolReviewers(tx, pool),
    })
  }
  return out
}

export type PoolPatch = {
  autoMode?: 'manual' | 'round_robin' | 'least_loaded'
  cap?: number
  slaMinutes?: number
  teamId?: string | null
  checklist?: ChecklistItem[]
}

export async function updatePool(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  stage: Stage
  input: PoolPatch
}) {
  const { tx, principal, actor, stage, input } = o
  const pool = await ensurePool(tx, principal.institutionId, stage)
  if (input.teamId) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.institutionId, principal.institutionId)))
    if (!team) throw fieldError('body.teamId', 'review.field.team_unknown')
  }
  const [after] = await tx
    .update(reviewPools)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(reviewPools.id, pool.id))
    .returning()
  await recordAudit(tx, actor, {
    operation: 'review.pool.update',
    objectType: 'review_pool',
    objectId: pool.id,
    before: { autoMode: pool.autoMode, cap: pool.cap, slaMinutes: pool.slaMinutes, teamId: pool.teamId },
    after: {
      autoMode: after!.autoMode,
      cap: after!.cap,
      slaMinutes: after!.slaMinutes,
      teamId: after!.teamId,
      checklist: input.checklist?.length,
    },
  })
}
