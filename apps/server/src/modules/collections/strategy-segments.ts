/**
 * Puts every open case of an institution into its strategy and segment: run by the daily close right
 * after the case flow (cases opened, moved, updated), and when a strategy is activated or retired.
 * A case follows the challenger when its bucket (md5 of the case id, 0–99) is below the challenger's
 * percentage, else the champion. Its segment is the one whose condition holds over the stage, the
 * overdue amount, the risk score (the application's score for the loan, else the customer's latest
 * risk report), broken promises and the borrower's other collection cases — the SQL twin of
 * `matchSegment` (domain/strategy.ts). Only cases whose strategy or segment changed are written; the
 * segment history (`collection_case_segments`) closes the old row and opens a new one.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { IsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { collectionStrategies } from './strategy-schema.ts'

const OPEN = sql`('unassigned', 'assigned')`

export async function activeStrategies(tx: Tx, institutionId: string) {
  const rows = await tx
    .select()
    .from(collectionStrategies)
    .where(and(eq(collectionStrategies.institutionId, institutionId), eq(collectionStrategies.status, 'active')))
  return {
    champion: rows.find((r) => r.role === 'champion') ?? null,
    challenger: rows.find((r) => r.role === 'challenger') ?? null,
  }
}

/** Returns how many cases changed strategy or segment. */
export async function segmentCases(tx: Tx, institutionId: string, date: IsoDate): Promise<number> {
  const I = sql`${institutionId}::uuid`
  const D = sql`${date}::date`
  const { champion, challenger } = await activeStrategies(tx, institutionId)
  const anyTagged = await queryRows(
    tx,
    sql`select 1 from collection_cases where institution_id = ${I} and status in ${OPEN} and strategy_id is not null limit 1`,
  )
  // nothing active and nothing to untag: the close pays nothing for strategies it does not use
  if (!champion && !challenger && anyTagged.length === 0) return 0

  const segRows: SQL[] = []
  for (const s of [champion, challenger]) {
    if (!s) continue
    for (const [pos, g] of s.segments.entries()) {
      // stage codes are validated (capitals, digits, +), so the array literal needs no escaping
      const stages = `{${g.stages.map((x) => `"${x}"`).join(',')}}`
      segRows.push(
        sql`(${s.id}::uuid, ${pos}::int, ${g.code}::text, ${stages}::text[],
          ${g.minAmount}::numeric, ${g.maxAmount}::numeric, ${g.minScore}::numeric, ${g.maxScore}::numeric,
          ${g.minBrokenPromises}::int, ${g.maxBrokenPromises}::int, ${g.minPreviousCases}::int, ${g.maxPreviousCases}::int,
          ${g.priority}::int)`,
      )
    }
  }
  if (segRows.length === 0)
    segRows.push(sql`(null::uuid, 0, null::text, '{}'::text[], null::numeric, null::numeric, null::numeric,
      null::numeric, null::int, null::int, null::int, null::int, null::int)`)
  const arm = challenger
    ? sql`case when (('x' || substr(md5(c.id::text), 1, 7))::bit(28)::int % 100) < ${challenger.challengerPercent ?? 0}::int
        then ${challenger.id}::uuid else ${champion?.id ?? null}::uuid end`
    : sql`${champion?.id ?? null}::uuid`

  await tx.execute(sql`create temp table cs_f on commit drop as
    select c.id, c.strategy_id, c.segment_code, c.segment_priority, c.stage_code, c.overdue_amount, c.broken_promises,
      coalesce(a.risk_score, r.score) as risk_score, coalesce(h.n, 1) - 1 as previous_cases, ${arm} as new_strategy
    from collection_cases c
    left join (select loan_id, max(risk_score) as risk_score from applications
               where institution_id = ${I} and loan_id is not null group by loan_id) a on a.loan_id = c.loan_id
    left join (select distinct on (customer_id) customer_id, score from risk_reports
               where institution_id = ${I} and customer_id is not null and score is not null
               order by customer_id, created_at desc) r on r.customer_id = c.customer_id
    left join (select coalesce(customer_id, loan_id) as k, count(*)::int as n from collection_cases
               where institution_id = ${I} group by 1) h on h.k = coalesce(c.customer_id, c.loan_id)
    where c.institution_id = ${I} and c.status in ${OPEN}`)
  await tx.execute(sql`create temp table cs_n on commit drop as
    select f.id, f.new_strategy, s.code as new_segment, s.priority as new_priority
    from cs_f f left join lateral (
      select g.code, g.priority
      from (values ${sql.join(segRows, sql`, `)}) g(strategy_id, pos, code, stages, min_amount, max_amount, min_score,
        max_score, min_bp, max_bp, min_prev, max_prev, priority)
      where g.strategy_id = f.new_strategy
        and (cardinality(g.stages) = 0 or f.stage_code = any(g.stages))
        and (g.min_amount is null or f.overdue_amount >= g.min_amount)
        and (g.max_amount is null or f.overdue_amount < g.max_amount)
        and ((g.min_score is null and g.max_score is null) or (f.risk_score is not null
          and (g.min_score is null or f.risk_score >= g.min_score) and (g.max_score is null or f.risk_score < g.max_score)))
        and (g.min_bp is null or f.broken_promises >= g.min_bp) and (g.max_bp is null or f.broken_promises <= g.max_bp)
        and (g.min_prev is null or f.previous_cases >= g.min_prev) and (g.max_prev is null or f.previous_cases <= g.max_prev)
      order by g.pos limit 1) s on true
    where f.strategy_id is distinct from f.new_strategy or f.segment_code is distinct from s.code
      or f.segment_priority is distinct from s.priority`)
  await tx.execute(sql`update collection_case_segments h set left_on = ${D}
    from cs_n n where h.case_id = n.id and h.left_on is null`)
  await tx.execute(sql`insert into collection_case_segments (institution_id, case_id, strategy_id, segment_code, entered_on)
    select ${I}, id, new_strategy, new_segment, ${D} from cs_n where new_strategy is not null`)
  const changed = await queryRows<{ id: string }>(
    tx,
    sql`update collection_cases c set strategy_id = n.new_strategy, segment_code = n.new_segment,
      segment_priority = n.new_priority, updated_at = now()
    from cs_n n where c.id = n.id returning c.id`,
  )
  await tx.execute(sql`drop table cs_f`)
  await tx.execute(sql`drop table cs_n`)
  return changed.length
}
