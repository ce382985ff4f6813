/**
 * The case flow (案件流转), run by the daily close for each institution and business date D inside the
 * transaction that completes the day (platform/close-hooks.ts). State-based and set-based: it compares
 * every delinquent loan's position after the close (DPD, or days before the next due date for the
 * reminder group) with the stage sets and the open cases, in a fixed number of statements:
 *
 *   written off → case closed; DPD back to 0 / settled → case collected (已催回, for good);
 *   a loan in another stage's range → the case moves to that pool, unassigned (history kept);
 *   a delinquent loan without an open case → a new case (a later delinquency of a collected loan
 *   opens a new one); promises due are kept or broken; auto-assignment fills the pools switched on.
 *
 * Idempotent per day: a `collection_flow_runs` row per institution and date; a second run is a no-op.
 * Reads servicing's loans, installments and loan_transactions read-only (documented in
 * docs/collections.md: the per-day snapshot needs no event ordering and heals itself).
 */
import { type SQL, sql } from 'drizzle-orm'
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/record.ts'
import type { CloseDay } from '../../platform/close-hooks.ts'
import type { IsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { autoAssignPools } from './auto-assign.ts'
import { loadStageSets } from './config.ts'
import { deps } from './deps.ts'
import { segmentCases } from './strategy-segments.ts'

export type FlowStats = {
  opened: number
  moved: number
  collected: number
  closed: number
  promisesKept: number
  promisesBroken: number
  autoAssigned: number
  segmented: number
}

const OPEN = sql`('unassigned', 'assigned')`

export async function runCaseFlow(tx: Tx, day: CloseDay): Promise<FlowStats | null> {
  const I = sql`${day.institutionId}::uuid`
  const D = sql`${day.date}::date`
  const claimed = await queryRows(
    tx,
    sql`insert into collection_flow_runs (institution_id, business_date) values (${I}, ${D})
      on conflict do nothing returning business_date`,
  )
  if (claimed.length === 0) return null

  const sets = await loadStageSets(tx, day.institutionId)
  const ranges: SQL[] = []
  const addSet = (key: string, stages: typeof sets.short) =>
    stages.forEach((s, rank) => {
      if (s.opensCases)
        ranges.push(
          sql`(${key}::text, ${s.code}::text, ${s.fromDay}::int, ${s.toDay}::int, ${rank}::int, ${s.position}::text)`,
        )
    })
  addSet('short', sets.short)
  addSet('monthly', sets.monthly)
  for (const [pid, stages] of sets.products) addSet(`product:${pid}`, stages)
  if (ranges.length === 0) ranges.push(sql`(null::text, null::text, 0, 0, 0, null::text)`)
  const preDue = [sets.short, sets.monthly, ...sets.products.values()].some((set) =>
    set.some((s) => s.opensCases && s.fromDay <= 0),
  )
  const overrides =
    sets.products.size === 0
      ? sql`(select null::uuid as product_id, null::text as set_key where false)`
      : sql`(values ${sql.join(
          [...sets.products.keys()].map((pid) => sql`(${pid}::uuid, ${`product:${pid}`}::text)`),
          sql`, `,
        )})`

  // 1. where every delinquent (or, with a reminder pool, soon due) loan stands after the close
  await tx.execute(sql`create temp table cf_t on commit drop as
    with l as (
      select l.id as loan_id, l.customer_id, l.product_id, l.loan_no, l.borrower_name, l.dpd,
        coalesce(o.set_key, case when l.term_unit like 'day%' then 'short' else 'monthly' end) as set_key,
        case when l.dpd > 0 then l.dpd
          else ${D} - (select min(i.due_date) from installments i where i.loan_id = l.id and i.status <> 'paid') end as pos
      from loans l left join ${overrides} o(product_id, set_key) on o.product_id = l.product_id
      where l.institution_id = ${I} and l.status in ('active', 'overdue') and ${preDue ? sql`true` : sql`l.dpd > 0`}
    )
    select l.*, r.code as stage_code, r.rnk as stage_rank, r.position as position_code,
      case when l.dpd > 0 then coalesce((select sum(i.principal_due + i.interest_due + i.fee_due + i.penalty_due
          - i.principal_paid - i.interest_paid - i.fee_paid - i.penalty_paid
          - i.interest_waived - i.fee_waived - i.penalty_waived)
        from installments i where i.loan_id = l.loan_id and i.status <> 'paid' and i.due_date < ${D}), 0)
      else 0 end::numeric(20,2) as overdue_amount
    from l join (values ${sql.join(ranges, sql`, `)}) r(set_key, code, from_day, to_day, rnk, position)
      on r.set_key = l.set_key and l.pos >= r.from_day and (r.to_day is null or l.pos <= r.to_day)`)
  await tx.execute(sql`create index on cf_t (loan_id)`)
  await tx.execute(sql`analyze cf_t`)
  await tx.execute(sql`create temp table cf_fin (id uuid, kind text, collector_id uuid) on commit drop`)

  // 2. written off → closed
  await tx.execute(sql`with fin as (
      update collection_cases c set status = 'closed', finish_reason = 'written_off', finished_on = ${D},
        last_flow_date = ${D}, updated_at = now()
      from loans l
      where c.institution_id = ${I} and c.status in ${OPEN} and l.id = c.loan_id and l.status in ('written_off', 'cancelled')
      returning c.id, c.collector_id)
    insert into cf_fin select id, 'closed', collector_id from fin`)

  // 3. no longer delinquent (DPD 0, settled) → collected, for good
  await tx.execute(sql`with fin as (
      update collection_cases c set status = 'collected',
        finish_reason = case when l.status = 'settled' then 'settled' else 'repaid' end,
        finished_on = ${D}, last_flow_date = ${D}, updated_at = now()
      from loans l left join cf_t t on t.loan_id = l.id
      where c.institution_id = ${I} and c.status in ${OPEN} and l.id = c.loan_id
        and l.status not in ('written_off', 'cancelled')
        and (t.loan_id is null or (t.dpd = 0 and c.dpd > 0))
      returning c.id, c.collector_id)
    insert into cf_fin select id, 'collected', collector_id from fin`)
  await tx.execute(sql`update collection_case_stages s set left_on = ${D}, collector_id = f.collector_id
    from cf_fin f where s.case_id = f.id and s.left_on is null`)

  // 4. into another stage's range → the new pool, unassigned; the stage history keeps the old one
  await tx.execute(sql`create temp table cf_mv on commit drop as
    select c.id, c.collector_id, t.stage_code, t.dpd from collection_cases c join cf_t t on t.loan_id = c.loan_id
    where c.institution_id = ${I} and c.status in ${OPEN} and c.stage_code <> t.stage_code`)
  await tx.execute(sql`update collection_case_stages s set left_on = ${D}, collector_id = m.collector_id
    from cf_mv m where s.case_id = m.id and s.left_on is null`)
  await tx.execute(sql`insert into collection_case_stages (institution_id, case_id, stage_code, entered_on, dpd_on_entry)
    select ${I}, id, stage_code, ${D}, dpd from cf_mv`)
  await tx.execute(sql`update collection_cases c set stage_code = t.stage_code, stage_rank = t.stage_rank,
      position_code = t.position_code, set_key = t.set_key, status = 'unassigned', collector_id = null, team_id = null,
      assigned_on = null, stage_entered_on = ${D}
    from cf_t t
    where c.institution_id = ${I} and c.status in ${OPEN} and t.loan_id = c.loan_id and c.stage_code <> t.stage_code`)

  // 5. today's figures on every open case
  await tx.execute(sql`update collection_cases c set dpd = t.dpd, overdue_amount = t.overdue_amount,
      stage_rank = t.stage_rank, last_flow_date = ${D}, updated_at = now()
    from cf_t t where c.institution_id = ${I} and c.status in ${OPEN} and t.loan_id = c.loan_id`)

  // 6. delinquent without an open case → a new case in its stage's pool
  await tx.execute(sql`with ins as (
      insert into collection_cases (institution_id, loan_id, loan_no, customer_id, product_id, borrower_name, status,
        set_key, stage_code, stage_rank, position_code, dpd, overdue_amount, opened_on, stage_entered_on, last_flow_date)
      select ${I}, t.loan_id, t.loan_no, t.customer_id, t.product_id, t.borrower_name, 'unassigned',
        t.set_key, t.stage_code, t.stage_rank, t.position_code, t.dpd, t.overdue_amount, ${D}, ${D}, ${D}
      from cf_t t
      where not exists (select 1 from collection_cases c where c.loan_id = t.loan_id and c.status in ${OPEN})
      returning id, stage_code, dpd)
    insert into collection_case_stages (institution_id, case_id, stage_code, entered_on, dpd_on_entry)
    select ${I}, id, stage_code, ${D}, dpd from ins`)

  // 7. promises: kept when payments since the promise cover it by its date, broken after it
  const promises = await trackPromises(tx, day.institutionId, day.date)

  const [counts] = await queryRows<{ opened: number; moved: number; collected: number; closed: number }>(
    tx,
    sql`select (select count(*)::int from collection_cases where institution_id = ${I} and opened_on = ${D}) as opened,
      (select count(*)::int from cf_mv) as moved,
      (select count(*)::int from cf_fin where kind = 'collected') as collected,
      (select count(*)::int from cf_fin where kind = 'closed') as closed`,
  )
  await tx.execute(sql`drop table cf_t`)
  await tx.execute(sql`drop table cf_fin`)
  await tx.execute(sql`drop table cf_mv`)

  // 8. strategy segments (champion/challenger) on today's figures — nothing to do without a strategy
  const segmented = await segmentCases(tx, day.institutionId, day.date)

  // 9. automatic assignment in the pools where it is switched on
  const autoAssigned = await autoAssignPools(tx, day.institutionId, day.date)

  const stats: FlowStats = {
    opened: Number(counts!.opened),
    moved: Number(counts!.moved),
    collected: Number(counts!.collected),
    closed: Number(counts!.closed),
    promisesKept: promises.kept,
    promisesBroken: promises.broken,
    autoAssigned,
    segmented,
  }
  await tx.execute(sql`update collection_flow_runs set stats = ${JSON.stringify(stats)}::jsonb
    where institution_id = ${I} and business_date = ${D}`)
  await recordAudit(tx, SYSTEM_ACTOR, {
    operation: 'collection.flow',
    objectType: 'collection_flow',
    objectId: day.date,
    institutionId: day.institutionId,
    after: stats,
  })
  return stats
}

async function trackPromises(tx: Tx, institutionId: string, date: IsoDate): Promise<{ kept: number; broken: number }> {
  const I = sql`${institutionId}::uuid`
  const D = sql`${date}::date`
  const resolved = await queryRows<{
    id: string
    case_id: string
    status: string
    amount: string
    promised_date: string
    username: string | null
    loan_no: string
  }>(
    tx,
    sql`with paid as (
        select p.id, coalesce(sum(t.amount), 0) as paid
        from collection_promises p
        left join loan_transactions t on t.loan_id = p.loan_id and t.institution_id = ${I}
          and t.type in ('repayment', 'settlement', 'prepayment', 'recovery')
          and t.reversed_by_id is null and t.value_date >= p.made_on and t.value_date <= p.promised_date
        where p.institution_id = ${I} and p.status = 'pending'
        group by p.id)
      update collection_promises p set
        status = case when paid.paid >= p.amount then 'kept' else 'broken' end,
        paid_amount = paid.paid, resolved_on = ${D}
      from paid
      where paid.id = p.id and (paid.paid >= p.amount or p.promised_date <= ${D})
      returning p.id, p.case_id, p.status, p.amount::text as amount, p.promised_date::text as promised_date,
        (select u.username from users u where u.id = p.collector_id) as username,
        (select c.loan_no from collection_cases c where c.id = p.case_id) as loan_no`,
  )
  const broken = resolved.filter((r) => r.status === 'broken')
  if (broken.length > 0) {
    await tx.execute(sql`update collection_cases c set broken_promises = broken_promises + b.n, updated_at = now()
      from (select case_id, count(*)::int as n from collection_promises
            where institution_id = ${I} and status = 'broken' and resolved_on = ${D} group by case_id) b
      where b.case_id = c.id`)
    if (deps.notifier)
      for (const b of broken)
        if (b.username)
          await deps.notifier.send(tx, {
            institutionId,
            channel: 'inapp',
            recipient: b.username,
            template: 'collections.promise_broken',
            subject: '承诺还款未兑现 / Promise to pay broken',
            body: `借据 ${b.loan_no} 的承诺还款 ¥${b.amount}（${b.promised_date}）未兑现，案件紧急度已提高。 / The promise of ¥${b.amount} on ${b.promised_date} for loan ${b.loan_no} was broken; the case is now more urgent.`,
          })
  }
  return { kept: resolved.length - broken.length, broken: broken.length }
}
