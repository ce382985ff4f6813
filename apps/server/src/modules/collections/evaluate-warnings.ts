/**
 * The daily early-warning evaluation (风险预警), run by the daily close for each institution and
 * business date after the case flow (same close hook, same transaction), and on demand by
 * `POST /collections/warnings/evaluate`. Each enabled rule finds its candidates in set-based SQL;
 * new warnings are inserted with `on conflict do nothing`, so it is idempotent: never two open warnings
 * for one rule and subject (partial unique index), one occurrence never raised twice (unique key).
 * New warnings get their owner (the customer's account manager when the rule says so, else the
 * least-loaded holder of the rule's owner position, else the unassigned pool) and an in-app message.
 * Reads servicing's loans, installments, loan_transactions and risk's risk_reports read-only.
 */
import { sql } from 'drizzle-orm'
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/record.ts'
import type { CloseDay } from '../../platform/close-hooks.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { deps } from './deps.ts'
import { type Period, spreadOwners, underpaymentStreak, type WarningRuleConfig } from './domain/warnings.ts'
import { loadWarningRules } from './warning-rules.ts'

type Candidate = {
  subjectType: 'loan' | 'customer' | 'ip'
  subjectId: string | null
  subjectKey: string
  subjectLabel: string
  loanId: string | null
  customerIds: string[]
  occurrenceKey: string
  evidence: Record<string, unknown>
}

const PAID = sql`('repayment', 'settlement', 'prepayment', 'recovery')`

/** Loans whose repayments were below X % of the amount due in each of the last N elapsed periods. */
async function underpaymentCandidates(tx: Tx, day: CloseDay, rule: WarningRuleConfig): Promise<Candidate[]> {
  const n = rule.params.periods ?? 3
  // a loan paying below the threshold falls behind, so only loans with an installment unpaid after its
  // due date are looked at (read from the installments, not the DPD snapshot of the last close); a period
  // is elapsed once its due date plus grace days has passed; payments count toward the period they fall in
  const rows = await queryRows<{ loan_id: string; loan_no: string; customer_id: string | null; periods: Period[] }>(
    tx,
    sql`with l as (
        select id, loan_no, customer_id, disbursed_on, grace_days from loans
        where institution_id = ${day.institutionId}::uuid and status in ('active', 'overdue')
          and exists (select 1 from installments u where u.loan_id = loans.id and u.status <> 'paid'
            and u.due_date < ${day.date}::date)),
      p as (
        select i.loan_id, i.due_date, l.grace_days, (i.principal_due + i.interest_due + i.fee_due) as due,
          coalesce(lag(i.due_date) over (partition by i.loan_id order by i.due_date), l.disbursed_on - l.grace_days) as prev_due,
          row_number() over (partition by i.loan_id order by i.due_date desc) as rn
        from installments i join l on l.id = i.loan_id
        where i.due_date + l.grace_days < ${day.date}::date)
      select p.loan_id, l.loan_no, l.customer_id,
        json_agg(json_build_object('dueDate', p.due_date::text, 'due', p.due::text,
          'received', (select coalesce(sum(t.amount), 0) from loan_transactions t
            where t.loan_id = p.loan_id and t.type in ${PAID} and t.reversed_by_id is null
              and t.value_date > p.prev_due + p.grace_days and t.value_date <= p.due_date + p.grace_days)::text)
          order by p.due_date) as periods
      from p join l on l.id = p.loan_id
      where p.rn <= ${n}
      group by p.loan_id, l.loan_no, l.customer_id
      having count(*) = ${n}`,
  )
  const out: Candidate[] = []
  for (const r of rows) {
    const streak = underpaymentStreak(r.periods, rule.params.thresholdPercent ?? '80', n)
    if (!streak) continue
    out.push({
      subjectType: 'loan',
      subjectId: r.loan_id,
      subjectKey: r.loan_id,
      subjectLabel: r.loan_no,
      loanId: r.loan_id,
      customerIds: r.customer_id ? [r.customer_id] : [],
      occurrenceKey: streak.periods.at(-1)!.dueDate,
      evidence: { loanNo: r.loan_no, ...streak },
    })
  }
  return out
}

/** IP addresses with at least N application evaluations within the window (suspected fraud). */
async function ipVelocityCandidates(tx: Tx, day: CloseDay, rule: WarningRuleConfig): Promise<Candidate[]> {
  const n = rule.params.applications ?? 10
  const window = `${rule.params.windowMinutes ?? 60} minutes`
  // every application is evaluated by risk (scene pre_review / loan_review) with the applicant's IP;
  // look back a week, and only at applications after the last warning for that IP
  const rows = await queryRows<{
    ip: string
    first_at: string
    last_at: string
    n: number
    customer_ids: string[] | null
    application_ids: string[] | null
  }>(
    tx,
    sql`with r as (
        select rr.id, rr.ip, rr.customer_id, rr.application_id, rr.created_at from risk_reports rr
        where rr.institution_id = ${day.institutionId}::uuid and rr.ip is not null and rr.scene_code <> 'register_login'
          and rr.created_at > now() - interval '7 days'
          and rr.created_at > coalesce((select max(w.raised_at) from collection_warnings w
            where w.institution_id = rr.institution_id and w.rule_code = 'ip_velocity' and w.subject_key = rr.ip), '-infinity')),
      b as (
        select distinct on (r.ip) r.ip, r.created_at as start,
          (select count(*) from r r2 where r2.ip = r.ip and r2.created_at >= r.created_at
            and r2.created_at < r.created_at + ${window}::interval)::int as n
        from r order by r.ip, 3 desc, r.created_at)
      select b.ip, to_char(b.start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as first_at,
        to_char(max(r.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_at, b.n,
        array_agg(distinct r.customer_id) filter (where r.customer_id is not null) as customer_ids,
        array_agg(distinct r.application_id) filter (where r.application_id is not null) as application_ids
      from b join r on r.ip = b.ip and r.created_at >= b.start and r.created_at < b.start + ${window}::interval
      where b.n >= ${n}
      group by b.ip, b.start, b.n`,
  )
  return rows.map((r) => ({
    subjectType: 'ip',
    subjectId: null,
    subjectKey: r.ip,
    subjectLabel: r.ip,
    loanId: null,
    customerIds: r.customer_ids ?? [],
    occurrenceKey: r.first_at,
    evidence: {
      ip: r.ip,
      applications: Number(r.n),
      threshold: n,
      windowMinutes: rule.params.windowMinutes ?? 60,
      firstAt: r.first_at,
      lastAt: r.last_at,
      customerIds: r.customer_ids ?? [],
      applicationIds: r.application_ids ?? [],
      flag: 'suspected_fraud',
    },
  }))
}

/** Loans whose first installment is still unpaid N days after its due date (first payment default). */
async function firstPaymentDefaultCandidates(tx: Tx, day: CloseDay, rule: WarningRuleConfig): Promise<Candidate[]> {
  const days = rule.params.days ?? 30
  const rows = await queryRows<{
    loan_id: string
    loan_no: string
    customer_id: string | null
    due_date: string
    due: string
    paid: string
    days_late: number
  }>(
    tx,
    sql`select l.id as loan_id, l.loan_no, l.customer_id, i.due_date::text as due_date,
        (i.principal_due + i.interest_due + i.fee_due)::text as due,
        (i.principal_paid + i.interest_paid + i.fee_paid)::text as paid,
        (${day.date}::date - i.due_date)::int as days_late
      from loans l join installments i on i.loan_id = l.id and i.number = 1
      where l.institution_id = ${day.institutionId}::uuid and l.status in ('active', 'overdue')
        and i.status <> 'paid' and ${day.date}::date - i.due_date >= ${days}`,
  )
  return rows.map((r) => ({
    subjectType: 'loan',
    subjectId: r.loan_id,
    subjectKey: r.loan_id,
    subjectLabel: r.loan_no,
    loanId: r.loan_id,
    customerIds: r.customer_id ? [r.customer_id] : [],
    occurrenceKey: 'first_installment',
    evidence: {
      loanNo: r.loan_no,
      firstDueDate: r.due_date,
      amountDue: r.due,
      paid: r.paid,
      daysLate: Number(r.days_late),
      threshold: days,
    },
  }))
}

const FINDERS: Record<
  WarningRuleConfig['code'],
  (tx: Tx, day: CloseDay, r: WarningRuleConfig) => Promise<Candidate[]>
> = {
  underpayment_streak: underpaymentCandidates,
  ip_velocity: ipVelocityCandidates,
  first_payment_default: firstPaymentDefaultCandidates,
}

export type WarningRunStats = Record<string, number>

export async function evaluateWarnings(tx: Tx, day: CloseDay): Promise<WarningRunStats> {
  const rules = await loadWarningRules(tx, day.institutionId)
  const stats: WarningRunStats = {}
  for (const rule of rules) {
    if (!rule.enabled) continue
    const found = await FINDERS[rule.code](tx, day, rule)
    stats[rule.code] = found.length === 0 ? 0 : await raise(tx, day, rule, found)
  }
  const raised = Object.values(stats).reduce((a, b) => a + b, 0)
  if (raised > 0)
    await recordAudit(tx, SYSTEM_ACTOR, {
      operation: 'collection.warnings.evaluate',
      objectType: 'collection_warnings',
      objectId: day.date,
      institutionId: day.institutionId,
      after: stats,
    })
  return stats
}

async function raise(tx: Tx, day: CloseDay, rule: WarningRuleConfig, found: Candidate[]): Promise<number> {
  const inserted = await queryRows<{ id: string; subject_label: string; manager_id: string | null }>(
    tx,
    sql`insert into collection_warnings (institution_id, rule_code, severity, subject_type, subject_id, subject_key,
        subject_label, loan_id, customer_ids, occurrence_key, status, evidence, business_date)
      select ${day.institutionId}::uuid, ${rule.code}, ${rule.severity}, c.subject_type, c.subject_id, c.subject_key,
        c.subject_label, c.loan_id, c.customer_ids, c.occurrence_key, 'open', c.evidence, ${day.date}::date
      from jsonb_to_recordset(${JSON.stringify(found)}::jsonb) as x("subjectType" text, "subjectId" uuid,
        "subjectKey" text, "subjectLabel" text, "loanId" uuid, "customerIds" uuid[], "occurrenceKey" text, evidence jsonb)
      cross join lateral (select x."subjectType" as subject_type, x."subjectId" as subject_id, x."subjectKey" as subject_key,
        x."subjectLabel" as subject_label, x."loanId" as loan_id, coalesce(x."customerIds", '{}') as customer_ids,
        x."occurrenceKey" as occurrence_key, x.evidence) c
      on conflict do nothing
      returning id, subject_label,
        (select u.id from customers cu join users u on u.id = cu.manager_id and u.status = 'active'
          where cu.id = collection_warnings.customer_ids[1]
            and cu.institution_id = collection_warnings.institution_id) as manager_id`,
  )
  if (inserted.length === 0) return 0
  const owners = new Map<string, string>()
  if (rule.toAccountManager) for (const w of inserted) if (w.manager_id) owners.set(w.id, w.manager_id)
  const holders = await queryRows<{ id: string; open: number }>(
    tx,
    sql`select u.id, (select count(*)::int from collection_warnings w where w.owner_id = u.id
        and w.status in ('open', 'acknowledged')) as open
      from users u where u.institution_id = ${day.institutionId}::uuid and u.status = 'active'
        and exists (select 1 from user_positions up join positions p on p.id = up.position_id
          where up.user_id = u.id and p.code = ${rule.ownerPosition})`,
  )
  const rest = inserted.filter((w) => !owners.has(w.id)).map((w) => w.id)
  for (const [w, u] of spreadOwners(rest, holders)) owners.set(w, u)
  if (owners.size > 0)
    await tx.execute(sql`update collection_warnings w set owner_id = o.value::uuid,
        owner_team_id = (select u.team_id from users u where u.id = o.value::uuid)
      from jsonb_each_text(${JSON.stringify(Object.fromEntries(owners))}::jsonb) as o
      where w.id = o.key::uuid`)
  await notifyOwners(tx, day.institutionId, rule, inserted, owners)
  return inserted.length
}

const RULE_NAMES: Record<WarningRuleConfig['code'], string> = {
  underpayment_streak: '连续还款不足 / Underpayment streak',
  ip_velocity: '同一 IP 频繁申请（疑似欺诈） / Many applications from one IP (suspected fraud)',
  first_payment_default: '首期逾期 / First payment default',
}

async function notifyOwners(
  tx: Tx,
  institutionId: string,
  rule: WarningRuleConfig,
  inserted: { id: string; subject_label: string }[],
  owners: Map<string, string>,
) {
  const notifier = deps.notifier
  if (!notifier || owners.size === 0) return
  const names = new Map(
    (
      await queryRows<{ id: string; username: string }>(
        tx,
        sql`select id, username from users
          where id::text in (select jsonb_array_elements_text(${JSON.stringify([...new Set(owners.values())])}::jsonb))`,
      )
    ).map((u) => [u.id, u.username]),
  )
  // one message per owner and rule per run (a first close over a large book may raise thousands)
  const byOwner = new Map<string, string[]>()
  for (const w of inserted) {
    const owner = owners.get(w.id)
    if (!owner) continue
    const list = byOwner.get(owner) ?? []
    list.push(w.subject_label)
    byOwner.set(owner, list)
  }
  for (const [owner, labels] of byOwner) {
    const username = names.get(owner)
    if (!username) continue
    const shown = labels.slice(0, 5).join('、') + (labels.length > 5 ? ' …' : '')
    await notifier.send(tx, {
      institutionId,
      channel: 'inapp',
      recipient: username,
      template: `collections.warning.${rule.code}`,
      subject: `风险预警 / Early warning: ${RULE_NAMES[rule.code]}`,
      body: `${RULE_NAMES[rule.code]}：新增 ${labels.length} 条（${shown}），请在“风险预警”页面处理。 / ${labels.length} new warning(s) (${shown}); please handle them on the Early warning page.`,
    })
  }
}
