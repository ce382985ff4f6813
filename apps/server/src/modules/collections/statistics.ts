/**
 * Collection effect (催收效果): the collection rate (收案率) = cases finished in the period / (cases in
 * collection in the period + cases finished in the period), by stage, collector or day/week/month,
 * with amounts recovered; roll and cure rates per stage; promise-kept rate and activity per collector.
 */
import { sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { collectionRate } from './domain/statistics.ts'

export type StatisticsQuery = { from: string; to: string; groupBy: 'stage' | 'collector' | 'day' | 'week' | 'month' }

type Row = { key: string | null; label: string | null; finished: number; in_collection: number; recovered: string }

export async function collectionStatistics(tx: Tx, p: StaffPrincipal, q: StatisticsQuery) {
  const I = sql`${p.institutionId}::uuid`
  const F = sql`${q.from}::date`
  const T = sql`${q.to}::date`
  // payments into a case's loan while the case was open, within the window [ws, we]
  const recovered = (ws: ReturnType<typeof sql>, we: ReturnType<typeof sql>) => sql`coalesce((select sum(t.amount)
      from loan_transactions t where t.loan_id = c.loan_id and t.institution_id = ${I}
        and t.type in ('repayment', 'settlement', 'prepayment', 'recovery') and t.reversed_by_id is null
        and t.value_date >= greatest(c.opened_on, ${ws}) and t.value_date <= least(coalesce(c.finished_on, ${we}), ${we})), 0)`
  let rows: Row[]
  if (q.groupBy === 'stage' || q.groupBy === 'collector') {
    const key = q.groupBy === 'stage' ? sql`c.stage_code` : sql`c.collector_id::text`
    const label =
      q.groupBy === 'stage' ? sql`c.stage_code` : sql`(select u.display_name from users u where u.id = c.collector_id)`
    rows = await queryRows<Row>(
      tx,
      sql`select ${key} as key, ${label} as label,
          count(*) filter (where c.status = 'collected' and c.finished_on between ${F} and ${T})::int as finished,
          count(*) filter (where not (c.status = 'collected' and c.finished_on between ${F} and ${T}))::int as in_collection,
          sum(${recovered(F, T)})::text as recovered
        from collection_cases c
        where c.institution_id = ${I} and c.opened_on <= ${T} and (c.finished_on is null or c.finished_on >= ${F})
        group by 1, 2 order by 1`,
    )
  } else {
    const unit = q.groupBy
    rows = await queryRows<Row>(
      tx,
      sql`with p as (
          select greatest(d::date, ${F}) as ps,
            least((d + ${`1 ${unit}`}::interval - interval '1 day')::date, ${T}) as pe
          from generate_series(date_trunc(${unit}, ${F}::timestamp), ${T}::timestamp, ${`1 ${unit}`}::interval) d)
        select p.ps::text as key, p.ps::text as label,
          count(c.id) filter (where c.status = 'collected' and c.finished_on between p.ps and p.pe)::int as finished,
          count(c.id) filter (where not (c.status = 'collected' and c.finished_on between p.ps and p.pe))::int as in_collection,
          coalesce(sum(${recovered(sql`p.ps`, sql`p.pe`)}), 0)::text as recovered
        from p left join collection_cases c on c.institution_id = ${I} and c.opened_on <= p.pe
          and (c.finished_on is null or c.finished_on >= p.ps)
        group by p.ps, p.pe order by p.ps`,
    )
  }
  const items = rows.map((r) => ({
    key: r.key ?? 'unassigned',
    label: r.label,
    finished: Number(r.finished),
    inCollection: Number(r.in_collection),
    rate: collectionRate({ finished: Number(r.finished), inCollection: Number(r.in_collection) }),
    recovered: r.recovered ?? '0',
  }))
  const [tot] = await queryRows<{ finished: number; in_collection: number }>(
    tx,
    sql`select count(*) filter (where c.status = 'collected' and c.finished_on between ${F} and ${T})::int as finished,
        count(*) filter (where not (c.status = 'collected' and c.finished_on between ${F} and ${T}))::int as in_collection
      from collection_cases c
      where c.institution_id = ${I} and c.opened_on <= ${T} and (c.finished_on is null or c.finished_on >= ${F})`,
  )
  const total = { finished: Number(tot!.finished), inCollection: Number(tot!.in_collection) }
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    total: { ...total, rate: collectionRate(total) },
    items,
    rolls: await rollRates(tx, p, q),
    collectors: await collectorActivity(tx, p, q),
  }
}

/** Per stage: cases that entered it in the period, how many rolled on to a later stage, how many were cured in it. */
async function rollRates(tx: Tx, p: StaffPrincipal, q: StatisticsQuery) {
  const rows = await queryRows<{ stage_code: string; entered: number; rolled: number; cured: number }>(
    tx,
    sql`select s.stage_code, count(*)::int as entered,
        count(*) filter (where exists (select 1 from collection_case_stages n where n.case_id = s.case_id
          and n.entered_on = s.left_on and n.id <> s.id))::int as rolled,
        count(*) filter (where c.status = 'collected' and c.finished_on = s.left_on)::int as cured
      from collection_case_stages s join collection_cases c on c.id = s.case_id
      where s.institution_id = ${p.institutionId}::uuid and s.entered_on between ${q.from}::date and ${q.to}::date
      group by s.stage_code order by s.stage_code`,
  )
  return rows.map((r) => ({
    stageCode: r.stage_code,
    entered: Number(r.entered),
    rolled: Number(r.rolled),
    cured: Number(r.cured),
    rollRate: Number(r.entered) ? Math.round((Number(r.rolled) / Number(r.entered)) * 10000) / 10000 : null,
    cureRate: Number(r.entered) ? Math.round((Number(r.cured) / Number(r.entered)) * 10000) / 10000 : null,
  }))
}

/** Per collector: actions, contacts reached, promises made, kept and broken in the period. */
async function collectorActivity(tx: Tx, p: StaffPrincipal, q: StatisticsQuery) {
  const rows = await queryRows<{
    collector_id: string
    name: string | null
    actions: number
    reached: number
    promises: number
    kept: number
    broken: number
  }>(
    tx,
    sql`with a as (
        select collector_id, count(*)::int as actions, count(*) filter (where reached)::int as reached
        from collection_records where institution_id = ${p.institutionId}::uuid
          and business_date between ${q.from}::date and ${q.to}::date group by collector_id),
      pr as (
        select collector_id, count(*)::int as promises,
          count(*) filter (where status = 'kept')::int as kept, count(*) filter (where status = 'broken')::int as broken
        from collection_promises where institution_id = ${p.institutionId}::uuid
          and made_on between ${q.from}::date and ${q.to}::date group by collector_id)
      select coalesce(a.collector_id, pr.collector_id) as collector_id,
        (select display_name from users u where u.id = coalesce(a.collector_id, pr.collector_id)) as name,
        coalesce(a.actions, 0) as actions, coalesce(a.reached, 0) as reached,
        coalesce(pr.promises, 0) as promises, coalesce(pr.kept, 0) as kept, coalesce(pr.broken, 0) as broken
      from a full join pr on pr.collector_id = a.collector_id order by 2`,
  )
  return rows.map((r) => ({
    collectorId: r.collector_id,
    name: r.name,
    actions: Number(r.actions),
    reached: Number(r.reached),
    promises: Number(r.promises),
    kept: Number(r.kept),
    broken: Number(r.broken),
    promiseKeptRate:
      Number(r.kept) + Number(r.broken) > 0
        ? Math.round((Number(r.kept) / (Number(r.kept) + Number(r.broken))) * 10000) / 10000
        : null,
  }))
}

export function statisticsCsv(s: Awaited<ReturnType<typeof collectionStatistics>>): string {
  const esc = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v)
    return /[",\n]/.test(t) || /^[=+\-@]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
  }
  const lines = [['key', 'label', 'finished', 'inCollection', 'rate', 'recovered'].join(',')]
  for (const i of s.items)
    lines.push([i.key, i.label, i.finished, i.inCollection, i.rate, i.recovered].map(esc).join(','))
  return `\uFEFF${lines.join('\n')}\n`
}

export const OVERDUE_DIMENSIONS = ['product', 'vintage', 'channel', 'region', 'reviewer'] as const
export type OverdueQuery = { from: string; to: string; by: (typeof OVERDUE_DIMENSIONS)[number] }

/**
 * Overdue rate (逾期率, PRODUCT.md §4) = overdue in the period / due in the period, by count and by
 * amount: installments due in [from, to] (up to the business date) and, of those, the ones not paid
 * on time (still unpaid after their due date + grace days, or paid late). Grouped by product,
 * vintage (disbursement month), channel (the application's channel, else the customer's), region
 * (the customer's province) or reviewer (the credit reviewer whose decision passed the application
 * that became the loan: the second-stage reviewer when there was one, else the first). Loans without
 * a value fall under '—' (e.g. a loan booked directly, not through an application, has no reviewer).
 */
export async function overdueRates(tx: Tx, p: StaffPrincipal, q: OverdueQuery) {
  const I = sql`${p.institutionId}::uuid`
  const [key, label] = {
    product: [sql`coalesce(pr.name, x.product_id::text)`, sql`coalesce(pr.name, x.product_id::text)`],
    vintage: [sql`to_char(x.disbursed_on, 'YYYY-MM')`, sql`to_char(x.disbursed_on, 'YYYY-MM')`],
    channel: [sql`coalesce(ap.channel, cu.channel, '—')`, sql`coalesce(ap.channel, cu.channel, '—')`],
    region: [sql`coalesce(cu.address->>'province', '—')`, sql`coalesce(cu.address->>'province', '—')`],
    reviewer: [
      sql`coalesce(ap.reviewer_id::text, '—')`,
      sql`coalesce((select u.display_name from users u where u.id = ap.reviewer_id), '—')`,
    ],
  }[q.by]
  const rows = await queryRows<{
    key: string
    label: string
    due: number
    overdue: number
    due_amount: string
    overdue_amount: string
  }>(
    tx,
    sql`with bd as (select coalesce((select business_date from business_dates where institution_id = ${I}), current_date) as d),
      i as (
        select i.*, l.product_id, l.disbursed_on, l.customer_id, l.grace_days,
          (i.principal_due + i.interest_due + i.fee_due) as amount,
          (i.status <> 'paid' and i.due_date + l.grace_days < (select d from bd))
            or (i.status = 'paid' and i.paid_on > i.due_date + l.grace_days) as late
        from installments i join loans l on l.id = i.loan_id
        where i.institution_id = ${I} and i.due_date between ${q.from}::date and least(${q.to}::date, (select d from bd))
          and l.status <> 'cancelled'),
      ap as (
        select distinct on (a.loan_id) a.loan_id, a.channel, coalesce(a.second_reviewer_id, a.first_reviewer_id) as reviewer_id
        from applications a where a.institution_id = ${I} and a.loan_id is not null
        order by a.loan_id, a.created_at desc)
      select ${key} as key, ${label} as label, count(*)::int as due, count(*) filter (where x.late)::int as overdue,
        sum(x.amount)::text as due_amount,
        coalesce(sum(x.amount) filter (where x.late), 0)::text as overdue_amount
      from i x
      left join products pr on pr.id = x.product_id
      left join customers cu on cu.id = x.customer_id
      left join ap on ap.loan_id = x.loan_id
      group by 1, 2 order by 2, 1`,
  )
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000)
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    items: rows.map((r) => ({
      key: r.key,
      label: r.label,
      due: Number(r.due),
      overdue: Number(r.overdue),
      dueAmount: r.due_amount,
      overdueAmount: r.overdue_amount,
      rateByCount: ratio(Number(r.overdue), Number(r.due)),
      rateByAmount: ratio(Number(r.overdue_amount), Number(r.due_amount)),
    })),
  }
}

export function overdueCsv(r: Awaited<ReturnType<typeof overdueRates>>): string {
  const esc = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v)
    return /[",\n]/.test(t) || /^[=+\-@]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
  }
  const lines = [[r.by, 'due', 'overdue', 'rateByCount', 'dueAmount', 'overdueAmount', 'rateByAmount'].join(',')]
  for (const i of r.items)
    lines.push(
      [i.label, i.due, i.overdue, i.rateByCount, i.dueAmount, i.overdueAmount, i.rateByAmount].map(esc).join(','),
    )
  return `\uFEFF${lines.join('\n')}\n`
}
