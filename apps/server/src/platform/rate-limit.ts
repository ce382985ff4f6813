/**
 * Fixed-window rate limits kept in the database, so that several server processes share them.
 * `hit` counts one event and says whether it is still within the limit.
 */
import { sql } from 'drizzle-orm'
import { type Queryable, queryRows } from './db/open.ts'

export type RateLimit = { key: string; limit: number; windowSeconds: number }

export async function hit(tx: Queryable, rule: RateLimit): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const [row] = await queryRows<{ count: number | string; retry: number | string }>(
    tx,
    sql`
    insert into rate_counters (key, window_start, count) values (${rule.key}, now(), 1)
    on conflict (key) do update set
      window_start = case when rate_counters.window_start <= now() - make_interval(secs => ${rule.windowSeconds}) then now() else rate_counters.window_start end,
      count = case when rate_counters.window_start <= now() - make_interval(secs => ${rule.windowSeconds}) then 1 else rate_counters.count + 1 end
    returning count, greatest(0, ceil(extract(epoch from (window_start + make_interval(secs => ${rule.windowSeconds}) - now()))))::int as retry`,
  )
  if (!row) throw new Error('rate counter not returned')
  return { allowed: Number(row.count) <= rule.limit, retryAfterSeconds: Number(row.retry) }
}
