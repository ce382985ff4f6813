/**
 * One chunk of the daily close: every active/overdue loan of one institution whose id lies in
 * [fromId, toId) and that the close has not yet processed for `date`, in one transaction and a
 * fixed number of set-based statements (no per-loan round trips). See docs/cob.md.
 *
 * Order inside the chunk (all in the caller's transaction, so they commit together):
 *  1. cob_l  ← the chunk's loans still to do (last_cob_date < date)
 *  2. cob_i  ← their installments with today's deltas: interest earned to date, fee due, penalty
 *              for the day, overdue flag and new status
 *  3. cob_n  ← per loan: new DPD, status, overdue amount, the day's accruals
 *  4. UPDATE installments, UPDATE loans (receivable balances interest/fee/penalty_outstanding grow
 *     by the accruals; last_cob_date = date marks the loan done)
 *  5. INSERT events (outbox) and the accrual journal entries (one per kind per chunk: a receivable
 *     debit line per loan carrying loan_id, one income credit line for the chunk)
 */
import { type SQL, sql } from 'drizzle-orm'
import type { IsoDate } from '../../../platform/dates.ts'
import { queryRows, type Tx } from '../../../platform/db/open.ts'
import { ACCOUNTS } from '../accounts.ts'

export type ChunkParams = {
  institutionId: string
  date: IsoDate
  chunkNo: number
  fromId: string
  toId: string | null
  /** days before the due date for 'loan.installment_due_soon' (≥ 1) */
  dueSoonDays: number
}

export type ChunkStats = {
  loans: number
  overdueLoans: number
  becameOverdue: number
  cured: number
  dpdChanged: number
  interestAccrued: string
  feesRecognized: string
  penaltyAccrued: string
  events: number
  journalEntries: number
}

/** The accrual kinds: the journal event type and the receivable / income accounts of each. */
export const ACCRUALS = [
  {
    kind: 'interest',
    eventType: 'interest_accrual',
    column: 'interest_delta',
    dr: ACCOUNTS.interestReceivable,
    cr: ACCOUNTS.interestIncome,
  },
  { kind: 'fee', eventType: 'fee_accrual', column: 'fee_delta', dr: ACCOUNTS.feeReceivable, cr: ACCOUNTS.feeIncome },
  {
    kind: 'penalty',
    eventType: 'penalty_accrual',
    column: 'penalty_delta',
    dr: ACCOUNTS.penaltyReceivable,
    cr: ACCOUNTS.penaltyIncome,
  },
] as const

/** The journal event id of one chunk's accrual entry: stable, so a re-run can never book it twice. */
export function accrualEventId(institutionId: string, date: IsoDate, chunkNo: number): string {
  return `cob:${institutionId}:${date}:${chunkNo}`
}

const PROFILE = process.env.XINDAI_COB_PROFILE === '1'

/** With XINDAI_COB_PROFILE=1, prints the time of each statement of a chunk (for tuning). */
async function timed<T>(label: string, run: Promise<T>): Promise<T> {
  if (!PROFILE) return run
  const t = performance.now()
  const out = await run
  console.log(`[cob profile] ${label.padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(7)} ms`)
  return out
}

export async function processChunk(tx: Tx, p: ChunkParams): Promise<ChunkStats> {
  const D = sql`${p.date}::date`
  const inst = sql`${p.institutionId}::uuid`
  const upper = (col: SQL) => (p.toId ? sql` and ${col} < ${p.toId}::uuid` : sql``)

  // sorts and hashes of a chunk stay in memory (the default 4 MB spills a 20,000-loan chunk to disk)
  // and no JIT: compiling these statements costs seconds and saves nothing on per-row index probes;
  // no bitmap scans: a per-loan probe must read one index entry, not the whole schedule
  await tx.execute(sql`select set_config('work_mem', '256MB', true), set_config('jit', 'off', true),
    set_config('enable_bitmapscan', 'off', true)`)
  await timed(
    'create cob_l',
    tx.execute(sql`create temp table cob_l (
    id uuid primary key, customer_id uuid, product_id uuid, status text, dpd integer, grace_days integer,
    penalty_rate numeric, penalty_base text, rounding text, disbursed_on date) on commit drop`),
  )
  await timed(
    'create cob_i',
    tx.execute(sql`create temp table cob_i (
    id uuid, loan_id uuid, number integer, due_date date, rem numeric(20,2), overdue boolean,
    interest_delta numeric(20,2), fee_delta numeric(20,2), penalty_delta numeric(20,2),
    status text, new_status text) on commit drop`),
  )
  await timed(
    'create cob_n',
    tx.execute(sql`create temp table cob_n (
    id uuid primary key, customer_id uuid, product_id uuid, prev_status text, prev_dpd integer, dpd integer,
    overdue boolean, overdue_amount numeric(20,2), penalty numeric(20,2), interest numeric(20,2),
    fee numeric(20,2)) on commit drop`),
  )

  // 1. the loans of the chunk still to do for this date
  await timed(
    'insert cob_l',
    tx.execute(sql`insert into cob_l
    select id, customer_id, product_id, status, dpd, grace_days, penalty_rate, penalty_base, rounding, disbursed_on
    from loans
    where institution_id = ${inst} and id >= ${p.fromId}::uuid${upper(sql`id`)}
      and status in ('active', 'overdue') and disbursed_on is not null and disbursed_on <= ${D}
      and (last_cob_date is null or last_cob_date < ${D})`),
  )

  // 2. installments: today's deltas. Remaining amounts are before today's accruals.
  //    interest earned to date = interest_due × elapsed / period days (rounded), and exactly
  //    interest_due from the due date on. A waiver marks the waived part recognised (booked or not),
  //    and a repayment the part it paid before it accrued, so the target stays interest_due and the
  //    receivable is recognised − paid − waived (docs/servicing-ledger.md)
  await timed(
    'insert cob_i',
    tx.execute(sql`insert into cob_i
    select id, loan_id, number, due_date, rem, overdue, interest_delta, fee_delta, penalty_delta, status, new_status
    from (
      select y.*,
        case when y.overdue and y.penalty_rate > 0 then
          xindai_round_cents((case when y.penalty_base = 'overdue_amount' then y.c_rem else y.p_rem end)
            * y.penalty_rate / 365, y.rounding)
        else 0 end as penalty_delta,
        greatest(0::numeric, (case
            when y.due_date <= ${D} then y.int_cap
            when y.start_date is null or y.start_date >= ${D} or y.due_date <= y.start_date then 0
            else least(y.int_cap, xindai_round_cents(
              y.interest_due * (${D} - y.start_date) / (y.due_date - y.start_date), y.rounding))
          end) - y.interest_recognized) as interest_delta,
        case when y.due_date <= ${D} then greatest(0::numeric, y.fee_cap - y.fee_recognized) else 0 end as fee_delta,
        case
          when y.rem <= 0 then y.status
          when y.overdue then 'overdue'
          when y.status = 'overdue' then (case when y.paid_any > 0 then 'partially_paid' else 'pending' end)
          else y.status
        end as new_status
      from (
        select x.*, x.c_rem + x.pen_rem as rem,
          (x.c_rem + x.pen_rem) > 0 and (${D} - x.due_date) > x.grace_days as overdue
        from (
          select i.id, i.loan_id, i.number, i.due_date, i.status,
            case when i.id = cur.id then coalesce(prev.due_date, l.disbursed_on) end as start_date,
            i.principal_due - i.principal_paid as p_rem,
            (i.principal_due - i.principal_paid) + (i.interest_due - i.interest_paid - i.interest_waived)
              + (i.fee_due - i.fee_paid - i.fee_waived) as c_rem,
            i.penalty_due - i.penalty_paid - i.penalty_waived as pen_rem,
            i.interest_due, i.interest_due as int_cap, i.interest_recognized,
            i.fee_due as fee_cap, i.fee_recognized,
            i.principal_paid + i.interest_paid + i.fee_paid + i.penalty_paid as paid_any,
            l.grace_days, l.penalty_rate, l.penalty_base, l.rounding
          from cob_l l
          -- the current period: the first open installment due after the date (index probe) …
          left join lateral (
            select c.* from installments c
            where c.loan_id = l.id and c.status <> 'paid' and c.due_date > ${D}
            order by c.loan_id, c.due_date limit 1
          ) cur on true
          -- … starts at the due date of the installment before it (or the disbursement)
          left join lateral (
            select p.due_date from installments p where p.loan_id = l.id and p.number = cur.number - 1 limit 1
          ) prev on true
          -- open installments due up to the announcement horizon, plus the current one
          join lateral (
            select o.* from installments o
            where o.loan_id = l.id and o.status <> 'paid' and o.due_date <= ${D} + ${p.dueSoonDays}::int
            union all
            select cur.* where cur.id is not null and cur.due_date > ${D} + ${p.dueSoonDays}::int
          ) i on true
        ) x
      ) y
    ) z
    where (z.rem > 0 and z.due_date <= ${D} + ${p.dueSoonDays}::int)
       or z.interest_delta > 0 or z.fee_delta > 0 or z.status <> z.new_status`),
  )

  // 3. per loan: DPD = date − due date of the oldest unpaid installment (0 if none); the loan is
  //    overdue once DPD exceeds the grace days (PRODUCT.md §4)
  await timed(
    'insert cob_n',
    tx.execute(sql`insert into cob_n
    select l.id, l.customer_id, l.product_id, l.status, l.dpd,
      coalesce(${D} - a.oldest_due, 0),
      coalesce(${D} - a.oldest_due, 0) > l.grace_days,
      coalesce(a.overdue_amount, 0), coalesce(a.penalty, 0), coalesce(a.interest, 0), coalesce(a.fee, 0)
    from cob_l l
    left join (
      select loan_id,
        min(due_date) filter (where rem > 0 and due_date < ${D}) as oldest_due,
        sum(rem + penalty_delta) filter (where overdue) as overdue_amount,
        sum(penalty_delta) as penalty, sum(interest_delta) as interest, sum(fee_delta) as fee
      from cob_i group by loan_id
    ) a on a.loan_id = l.id`),
  )

  // 4. the writes, by primary-key probes (a hash join would read the whole installments table per chunk)
  await tx.execute(sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`)
  await timed(
    'update installments',
    tx.execute(sql`update installments t set
      interest_recognized = t.interest_recognized + c.interest_delta,
      fee_recognized = t.fee_recognized + c.fee_delta,
      penalty_due = t.penalty_due + c.penalty_delta,
      status = c.new_status
    from cob_i c
    where t.id = c.id and (c.interest_delta > 0 or c.fee_delta > 0 or c.penalty_delta > 0 or c.status <> c.new_status)`),
  )
  await timed(
    'update loans',
    tx.execute(sql`update loans t set
      last_cob_date = ${D},
      dpd = n.dpd,
      status = case when n.overdue then 'overdue' else 'active' end,
      overdue_since = case when n.overdue then ${D} - n.dpd else null end,
      interest_outstanding = t.interest_outstanding + n.interest,
      fee_outstanding = t.fee_outstanding + n.fee,
      penalty_outstanding = t.penalty_outstanding + n.penalty,
      revision = t.revision + case when n.dpd <> t.dpd or n.penalty > 0 or n.interest > 0 or n.fee > 0
        or t.status <> (case when n.overdue then 'overdue' else 'active' end) then 1 else 0 end
    from cob_n n
    where t.id = n.id`),
  )
  await tx.execute(sql`select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true)`)

  // 5a. events through the outbox (same transaction), in a deterministic order
  const loanPayload = sql`'loanId', n.id, 'customerId', n.customer_id, 'productId', n.product_id,
    'dpd', n.dpd, 'previousDpd', n.prev_dpd, 'overdueAmount', n.overdue_amount::text, 'businessDate', ${D}`
  const [ev] = await timed(
    'events',
    queryRows<{ n: string }>(
      tx,
      sql`with ins as (insert into events (institution_id, topic, aggregate_type, aggregate_id, payload, business_date)
    select ${inst}, topic, 'loan', aggregate_id, payload, ${D} from (
      select 1 as k, n.id as loan_id, 0 as num, 'loan.overdue' as topic, n.id::text as aggregate_id,
        jsonb_build_object(${loanPayload}, 'overdueSince', ${D} - n.dpd) as payload
      from cob_n n where n.prev_status <> 'overdue' and n.overdue
      union all
      select 2, n.id, 0, 'loan.dpd_changed', n.id::text, jsonb_build_object(${loanPayload})
      from cob_n n where n.dpd <> n.prev_dpd
      union all
      select 3, n.id, 0, 'loan.cured', n.id::text, jsonb_build_object(${loanPayload})
      from cob_n n where n.prev_dpd > 0 and n.dpd = 0
      union all
      select 4, i.loan_id, i.number,
        case when i.due_date = ${D} then 'loan.installment_due' else 'loan.installment_due_soon' end,
        i.loan_id::text,
        jsonb_build_object('loanId', i.loan_id, 'customerId', l.customer_id, 'productId', l.product_id,
          'installmentNumber', i.number, 'dueDate', i.due_date, 'amountDue', i.rem::text,
          'daysBefore', i.due_date - ${D}, 'businessDate', ${D})
      from cob_i i join cob_l l on l.id = i.loan_id
      where i.rem > 0 and (i.due_date = ${D} or i.due_date = ${D} + ${p.dueSoonDays}::int)
      order by k, loan_id, num
    ) e
    returning 1)
    select count(*)::int as n from ins`,
    ),
  )

  // 5b. accruals: one balanced entry per kind for the chunk: a receivable debit per loan (with
  //     loan_id, so the per-loan receivable checks hold) and one income credit for the chunk's total
  const eventId = accrualEventId(p.institutionId, p.date, p.chunkNo)
  const kinds = sql.join(
    ACCRUALS.map((a) => sql`(${a.kind}::text, ${a.eventType}::text, ${a.dr}::text, ${a.cr}::text)`),
    sql`, `,
  )
  const [je] = await timed(
    'journal',
    queryRows<{ n: string }>(
      tx,
      sql`with s as (
      select loan_id, sum(interest_delta) as interest, sum(fee_delta) as fee, sum(penalty_delta) as penalty
      from cob_i group by loan_id
    ), k(kind, event_type, dr, cr) as (values ${kinds}),
    a as (
      select k.kind, k.event_type, k.dr, k.cr, s.loan_id,
        case k.kind when 'interest' then s.interest when 'fee' then s.fee else s.penalty end as amount
      from s cross join k
    ), t as (
      select kind, event_type, cr, sum(amount) as total from a where amount > 0 group by kind, event_type, cr
    ), e as (
      insert into journal_entries (institution_id, entry_date, event_type, event_id, description)
      select ${inst}, ${D}, t.event_type, ${eventId}, 'daily close ' || t.kind || ' accrual (' || t.total::text || ')'
      from t order by t.kind
      returning id, event_type
    ), l as (
      insert into journal_lines (institution_id, entry_id, account_code, debit, credit, loan_id)
      select ${inst}, e.id, x.account, x.debit, x.credit, x.loan_id from (
        select a.event_type, a.loan_id, 0 as side, a.dr as account, a.amount as debit, 0::numeric as credit
        from a where a.amount > 0
        union all
        select t.event_type, null::uuid, 1, t.cr, 0, t.total from t
      ) x join e on e.event_type = x.event_type
      order by x.event_type, x.loan_id, x.side
      returning 1
    )
    select (select count(*) from e)::int as n`,
    ),
  )

  const [s] = await queryRows<{
    loans: number
    overdue: number
    became: number
    cured: number
    changed: number
    interest: string
    fee: string
    penalty: string
  }>(
    tx,
    sql`select
      (select count(*) from cob_n)::int as loans,
      (select count(*) from cob_n where overdue)::int as overdue,
      (select count(*) from cob_n where prev_status <> 'overdue' and overdue)::int as became,
      (select count(*) from cob_n where prev_dpd > 0 and dpd = 0)::int as cured,
      (select count(*) from cob_n where dpd <> prev_dpd)::int as changed,
      (select coalesce(sum(interest_delta), 0)::numeric(20,2)::text from cob_i) as interest,
      (select coalesce(sum(fee_delta), 0)::numeric(20,2)::text from cob_i) as fee,
      (select coalesce(sum(penalty_delta), 0)::numeric(20,2)::text from cob_i) as penalty`,
  )
  // dropped now rather than at commit, so that several chunks can share one transaction
  await tx.execute(sql`drop table cob_l, cob_i, cob_n`)
  return {
    loans: Number(s!.loans),
    overdueLoans: Number(s!.overdue),
    becameOverdue: Number(s!.became),
    cured: Number(s!.cured),
    dpdChanged: Number(s!.changed),
    interestAccrued: s!.interest,
    feesRecognized: s!.fee,
    penaltyAccrued: s!.penalty,
    events: Number(ev!.n),
    journalEntries: Number(je!.n),
  }
}
