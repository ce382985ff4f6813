/**
 * Automatic assignment (自动分案) of the unassigned cases of a pool to the collectors of its stage's
 * position, by the pool's strategy and caps (domain/assign.ts). Run by the case flow for every pool
 * switched on, and on demand by a lead.
 */
import { sql } from 'drizzle-orm'
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/record.ts'
import type { IsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { listCollectors } from './collectors.ts'
import { loadPool } from './config.ts'
import { planAssignment } from './domain/assign.ts'

export async function autoAssignPools(tx: Tx, institutionId: string, date: IsoDate): Promise<number> {
  const pools = await queryRows<{ stage_code: string }>(
    tx,
    sql`select stage_code from collection_pools where institution_id = ${institutionId}::uuid and auto_assign order by stage_code`,
  )
  let n = 0
  for (const p of pools) n += await autoAssignPool(tx, institutionId, p.stage_code, date)
  return n
}

export async function autoAssignPool(tx: Tx, institutionId: string, stageCode: string, date: IsoDate): Promise<number> {
  const pool = await loadPool(tx, institutionId, stageCode)
  const groups = await queryRows<{ position_code: string; ids: string[] }>(
    tx,
    sql`select position_code, array_agg(id order by stage_rank desc, overdue_amount desc, id) as ids
      from collection_cases where institution_id = ${institutionId}::uuid and status = 'unassigned' and stage_code = ${stageCode}
      group by position_code`,
  )
  let cursor = pool.rrCursor
  let total = 0
  for (const g of groups) {
    const collectors = await listCollectors(tx, institutionId, g.position_code)
    const plan = planAssignment(
      g.ids,
      collectors.map((c) => ({ userId: c.id, load: c.load, cap: c.cap, paused: c.paused })),
      pool.strategy,
      pool.capPerCollector,
      cursor,
    )
    cursor = plan.cursor
    if (plan.assignments.length === 0) continue
    const rows = JSON.stringify(plan.assignments.map((a) => ({ cid: a.caseId, uid: a.userId })))
    await tx.execute(sql`update collection_cases c set status = 'assigned', collector_id = v.uid, team_id = u.team_id,
        assigned_on = ${date}::date, updated_at = now()
      from json_to_recordset(${rows}::json) as v(cid uuid, uid uuid) join users u on u.id = v.uid
      where c.id = v.cid and c.status = 'unassigned'`)
    await tx.execute(sql`insert into collection_assignments (institution_id, case_id, stage_code, collector_id, kind, business_date)
      select ${institutionId}::uuid, v.cid, ${stageCode}, v.uid, 'auto', ${date}::date
      from json_to_recordset(${rows}::json) as v(cid uuid, uid uuid)`)
    total += plan.assignments.length
  }
  if (total > 0 || cursor !== pool.rrCursor) {
    await tx.execute(sql`insert into collection_pools (institution_id, stage_code, rr_cursor) values (${institutionId}::uuid, ${stageCode}, ${cursor})
      on conflict (institution_id, stage_code) do update set rr_cursor = excluded.rr_cursor`)
    await recordAudit(
      tx,
      { ...SYSTEM_ACTOR, institutionId },
      {
        operation: 'collection.auto_assign',
        objectType: 'collection_pool',
        objectId: stageCode,
        after: { date, assigned: total, strategy: pool.strategy },
      },
    )
  }
  return total
}
