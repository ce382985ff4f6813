/**
 * Reading strategies: the list (paged, filtered, sorted), one strategy with the open cases in each of
 * its segments, and the results per strategy and segment over a period so that a champion and a
 * challenger (or the strategies before and after a change) can be compared side by side.
 *
 * Results are read from the segment history: a case counts for a segment when it was in it on some
 * day of the period; it is *collected* there when it was collected (已催回) in the period while still
 * in that segment; *recovered* = repayments on its loan value-dated while it was in the segment,
 * within the period; promises = promises made while it was in the segment (kept / broken as tracked
 * by the close).
 */
import { and, asc, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import type { Page } from '../../platform/http/schemas.ts'
import type { SegmentDef } from './domain/strategy.ts'
import { findStrategy, strategyDto } from './save-strategy.ts'
import { collectionStrategies } from './strategy-schema.ts'

export type ListStrategiesOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'name' | 'createdAt' | 'updatedAt'
  status?: 'draft' | 'active' | 'retired'
  q?: string
}

export async function listStrategies(
  tx: Tx,
  p: StaffPrincipal,
  o: ListStrategiesOptions,
): Promise<Page<ReturnType<typeof strategyDto>>> {
  const where = and(
    eq(collectionStrategies.institutionId, p.institutionId),
    o.status ? eq(collectionStrategies.status, o.status) : undefined,
    o.q ? ilike(collectionStrategies.name, `%${o.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : undefined,
  )
  const col = {
    name: collectionStrategies.name,
    createdAt: collectionStrategies.createdAt,
    updatedAt: collectionStrategies.updatedAt,
  }[o.sort ?? 'updatedAt']
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(collectionStrategies).where(where)
  const rows = await tx
    .select()
    .from(collectionStrategies)
    .where(where)
    .orderBy(o.order === 'asc' ? asc(col) : desc(col), asc(collectionStrategies.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(strategyDto), total: Number(total), page: o.page, pageSize: o.pageSize }
}

/** One strategy with how many open cases are in each of its segments now. */
export async function getStrategy(tx: Tx, p: StaffPrincipal, id: string) {
  const s = await findStrategy(tx, p, id)
  const counts = await queryRows<{ segment_code: string | null; n: number }>(
    tx,
    sql`select segment_code, count(*)::int as n from collection_cases
      where institution_id = ${s.institutionId}::uuid and strategy_id = ${s.id}::uuid and status in ('unassigned', 'assigned')
      group by 1`,
  )
  const byCode = new Map(counts.map((c) => [c.segment_code, Number(c.n)]))
  return {
    ...strategyDto(s),
    openCases: [...byCode.values()].reduce((a, b) => a + b, 0),
    openCasesBySegment: Object.fromEntries([...byCode].map(([k, v]) => [k ?? '', v])),
  }
}

type ReportRow = {
  strategy_id: string
  segment_code: string | null
  cases: number
  collected: number
  recovered: string
  promises: number
  kept: number
  broken: number
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000)

export async function strategyReport(tx: Tx, p: StaffPrincipal, q: { from: string; to: string; strategyId?: string }) {
  const I = sql`${p.institutionId}::uuid`
  const F = sql`${q.from}::date`
  const T = sql`${q.to}::date`
  const only: SQL = q.strategyId ? sql`and h.strategy_id = ${q.strategyId}::uuid` : sql``
  const rows = await queryRows<ReportRow & { grouping: number }>(
    tx,
    sql`with h as (
        select h.case_id, h.strategy_id, h.segment_code, c.loan_id, c.status, c.finished_on,
          greatest(h.entered_on, ${F}) as ws,
          least(coalesce(h.left_on - 1, c.finished_on, ${T}), c.finished_on, ${T}) as we,
          (h.left_on is null and c.status = 'collected' and c.finished_on between ${F} and ${T}) as collected
        from collection_case_segments h join collection_cases c on c.id = h.case_id
        where h.institution_id = ${I} ${only} and h.entered_on <= ${T}
          and (h.left_on is null or h.left_on > ${F}) and (c.finished_on is null or c.finished_on >= ${F})),
      r as (
        select h.*,
          coalesce((select sum(t.amount) from loan_transactions t where t.loan_id = h.loan_id and t.institution_id = ${I}
            and t.type in ('repayment', 'settlement', 'prepayment', 'recovery') and t.reversed_by_id is null
            and t.value_date between h.ws and h.we), 0) as recovered,
          (select count(*) from collection_promises pr where pr.case_id = h.case_id and pr.made_on between h.ws and h.we) as promises,
          (select count(*) from collection_promises pr where pr.case_id = h.case_id and pr.made_on between h.ws and h.we
            and pr.status = 'kept') as kept,
          (select count(*) from collection_promises pr where pr.case_id = h.case_id and pr.made_on between h.ws and h.we
            and pr.status = 'broken') as broken
        from h)
      select strategy_id, segment_code, grouping(segment_code)::int as grouping,
        count(distinct case_id)::int as cases, count(distinct case_id) filter (where collected)::int as collected,
        sum(recovered)::text as recovered, sum(promises)::int as promises, sum(kept)::int as kept, sum(broken)::int as broken
      from r group by grouping sets ((strategy_id, segment_code), (strategy_id)) order by 1, 3 desc, 2 nulls last`,
  )
  const strategies = await tx
    .select()
    .from(collectionStrategies)
    .where(eq(collectionStrategies.institutionId, p.institutionId))
  const byId = new Map(strategies.map((s) => [s.id, s]))
  const figures = (r: ReportRow) => ({
    cases: Number(r.cases),
    collected: Number(r.collected),
    collectionRate: ratio(Number(r.collected), Number(r.cases)),
    recovered: r.recovered ?? '0',
    promises: Number(r.promises),
    kept: Number(r.kept),
    broken: Number(r.broken),
    promiseKeptRate: ratio(Number(r.kept), Number(r.kept) + Number(r.broken)),
  })
  const out = new Map<
    string,
    { strategyId: string; name: string; status: string; role: string | null } & ReturnType<typeof figures> & {
        segments: unknown[]
      }
  >()
  for (const r of rows) {
    const s = byId.get(r.strategy_id)
    if (!s) continue
    if (Number(r.grouping) === 1)
      out.set(r.strategy_id, {
        strategyId: s.id,
        name: s.name,
        status: s.status,
        role: s.role,
        ...figures(r),
        segments: [],
      })
  }
  for (const r of rows) {
    if (Number(r.grouping) === 1) continue
    const seg = byId.get(r.strategy_id)?.segments.find((g) => g.code === r.segment_code)
    out.get(r.strategy_id)?.segments.push({
      segmentCode: r.segment_code,
      segmentName: seg?.name ?? null,
      priority: seg?.priority ?? null,
      ...figures(r),
    })
  }
  return { from: q.from, to: q.to, strategies: [...out.values()] }
}

export function strategyReportCsv(r: Awaited<ReturnType<typeof strategyReport>>): string {
  const esc = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v)
    return /[",\n]/.test(t) || /^[=+\-@]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
  }
  const head = [
    'strategy',
    'role',
    'segment',
    'cases',
    'collected',
    'collectionRate',
    'recovered',
    'promises',
    'kept',
    'broken',
    'promiseKeptRate',
  ]
  const lines = [head.join(',')]
  for (const s of r.strategies)
    for (const g of s.segments as Record<string, unknown>[])
      lines.push(
        [
          s.name,
          s.role ?? s.status,
          g.segmentName ?? g.segmentCode ?? '—',
          g.cases,
          g.collected,
          g.collectionRate,
          g.recovered,
          g.promises,
          g.kept,
          g.broken,
          g.promiseKeptRate,
        ]
          .map(esc)
          .join(','),
      )
  return `\uFEFF${lines.join('\n')}\n`
}

/** The strategy a case follows and its segment's approach (case detail). */
export async function strategyOfCase(
  tx: Tx,
  c: { strategyId: string | null; segmentCode: string | null },
): Promise<{
  strategyId: string
  name: string
  role: string | null
  segment: SegmentDef | null
} | null> {
  if (!c.strategyId) return null
  const [s] = await tx.select().from(collectionStrategies).where(eq(collectionStrategies.id, c.strategyId))
  if (!s) return null
  return {
    strategyId: s.id,
    name: s.name,
    role: s.role,
    segment: s.segments.find((g) => g.code === c.segmentCode) ?? null,
  }
}
