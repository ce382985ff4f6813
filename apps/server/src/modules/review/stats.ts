/**
 * Statistics of credit review (PRODUCT.md 3.7). Efficiency: per reviewer per day, orders reviewed,
 * min / max / average handling time from assignment to completion, approvals and rejections, with a
 * total per day. Performance: per reviewer and stage (first and second review are both credited),
 * loans disbursed from their approvals, settled normally (never overdue), installments due in the
 * period and those overdue; overdue rate = overdue / due.
 */
import { sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { efficiency, overdueRate } from './domain/assignment.ts'

export type StatsQuery = { from: string; to: string; stage?: 'first' | 'second' }

/** Team leads see their team's reviewers, institution-wide roles everyone. */
function scopeSql(p: StaffPrincipal) {
  const inst = sql`o.institution_id = ${p.institutionId}::uuid`
  if (p.scope === 'team') return p.teamId ? sql`${inst} and o.team_id = ${p.teamId}::uuid` : sql`false`
  if (p.scope === 'own') return sql`${inst} and o.assignee_id = ${p.userId}::uuid`
  return inst
}

export async function efficiencyStats(tx: Tx, p: StaffPrincipal, q: StatsQuery) {
  const rows = await queryRows<{
    assignee_id: string
    assignee_name: string
    day: string
    minutes: number
    result: 'approved' | 'rejected'
  }>(
    tx,
    sql`select o.assignee_id, o.assignee_name, to_char((o.completed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
        extract(epoch from (o.completed_at - coalesce(o.assigned_at, o.created_at))) / 60.0 as minutes, o.result
      from review_orders o
      where ${scopeSql(p)} and o.status in ('approved', 'rejected') and o.assignee_id is not null
        and (o.completed_at at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date
        ${q.stage ? sql`and o.stage = ${q.stage}` : sql``}`,
  )
  return efficiency(
    rows.map((r) => ({
      reviewerId: r.assignee_id,
      reviewerName: r.assignee_name,
      day: r.day,
      minutes: Math.round(Number(r.minutes) * 10) / 10,
      result: r.result,
    })),
  )
}

export async function performanceStats(tx: Tx, p: StaffPrincipal, q: StatsQuery) {
  const today = await getBusinessDate(tx, p.institutionId)
  const rows = await queryRows<{
    assignee_id: string
    assignee_name: string
    stage: string
    approved: number
    disbursed: number
    settled: number
    due: number
    overdue: number
  }>(
    tx,
    sql`select o.assignee_id, o.assignee_name, o.stage,
        count(distinct o.id)::int as approved,
        count(distinct l.id) filter (where l.disbursed_on is not null)::int as disbursed,
        count(distinct l.id) filter (where l.status = 'settled' and l.overdue_since is null)::int as settled,
        count(i.id) filter (where i.due_date between ${q.from}::date and ${q.to}::date)::int as due,
        count(i.id) filter (where i.due_date between ${q.from}::date and ${q.to}::date
          and (i.status = 'overdue' or (i.status in ('pending', 'partially_paid') and i.due_date < ${today}::date)))::int as overdue
      from review_orders o
      join applications a on a.id = o.application_id
      left join loans l on l.id = a.loan_id
      left join installments i on i.loan_id = l.id
      where ${scopeSql(p)} and o.result = 'approved' and o.assignee_id is not null
        ${q.stage ? sql`and o.stage = ${q.stage}` : sql``}
      group by o.assignee_id, o.assignee_name, o.stage
      order by o.stage, o.assignee_name`,
  )
  return rows.map((r) => ({
    reviewerId: r.assignee_id,
    reviewerName: r.assignee_name,
    stage: r.stage,
    approved: Number(r.approved),
    disbursed: Number(r.disbursed),
    settledNormally: Number(r.settled),
    due: Number(r.due),
    overdue: Number(r.overdue),
    overdueRatePercent: overdueRate(Number(r.overdue), Number(r.due)),
  }))
}
