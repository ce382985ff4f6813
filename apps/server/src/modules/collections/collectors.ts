/** Collectors of a position in an institution, with their load and receiving settings. */
import { sql } from 'drizzle-orm'
import { type Queryable, queryRows } from '../../platform/db/open.ts'

export type CollectorRow = {
  id: string
  username: string
  displayName: string
  teamId: string | null
  positions: string[]
  paused: boolean
  cap: number | null
  load: number
}

export async function listCollectors(
  tx: Queryable,
  institutionId: string,
  position?: string,
  userId?: string,
): Promise<CollectorRow[]> {
  const rows = await queryRows<{
    id: string
    username: string
    display_name: string
    team_id: string | null
    positions: string[]
    paused: boolean | null
    cap: number | null
    load: number
  }>(
    tx,
    sql`select u.id, u.username, u.display_name, u.team_id,
        array_agg(distinct p.code) as positions, cc.paused, cc.cap,
        (select count(*)::int from collection_cases c where c.collector_id = u.id and c.status = 'assigned') as load
      from users u
      join user_positions up on up.user_id = u.id
      join positions p on p.id = up.position_id
      left join collection_collectors cc on cc.user_id = u.id
      where u.institution_id = ${institutionId}::uuid and u.status = 'active'
        and ${position ? sql`true` : sql`p.code like 'collect%'`}
        ${userId ? sql`and u.id = ${userId}::uuid` : sql``}
      group by u.id, u.username, u.display_name, u.team_id, cc.paused, cc.cap
      ${position ? sql`having ${position}::text = any(array_agg(p.code))` : sql``}
      order by u.username`,
  )
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    teamId: r.team_id,
    positions: r.positions,
    paused: r.paused ?? false,
    cap: r.cap,
    load: Number(r.load),
  }))
}

/** The user, if active and of the institution, with every position code (not only collectors'). */
export async function findStaff(
  tx: Queryable,
  institutionId: string,
  userId: string,
): Promise<{ id: string; username: string; teamId: string | null; positions: string[] } | null> {
  const [r] = await queryRows<{ id: string; username: string; team_id: string | null; positions: string[] | null }>(
    tx,
    sql`select u.id, u.username, u.team_id,
        (select array_agg(p.code) from user_positions up join positions p on p.id = up.position_id where up.user_id = u.id) as positions
      from users u where u.id = ${userId}::uuid and u.institution_id = ${institutionId}::uuid and u.status = 'active'`,
  )
  return r ? { id: r.id, username: r.username, teamId: r.team_id, positions: r.positions ?? [] } : null
}
