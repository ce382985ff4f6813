/**
 * Fixtures for the daily-close tests: an institution of its own, loans and schedules inserted
 * directly (the close only reads the tables), simple "repayments" that set paid columns, and a
 * full dump of everything the close writes, without generated ids and timestamps, for comparing
 * two databases or one database before and after.
 */
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { setBusinessDate } from '../../src/platform/clock.ts'
import { addMonths, type IsoDate } from '../../src/platform/dates.ts'
import { type Database, queryRows, SYSTEM } from '../../src/platform/db/open.ts'

/** A deterministic uuid from a label, so two databases seeded alike have the same ids. */
export function uuidOf(label: string): string {
  const h = createHash('sha256').update(label).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export type InstallmentSpec = { due: IsoDate; principal: string; interest: string; fee?: string }
export type LoanSpec = {
  id: string
  disbursedOn: IsoDate
  penaltyRate?: string
  penaltyBase?: 'overdue_principal' | 'overdue_amount'
  graceDays?: number
  rounding?: 'half_up' | 'half_even'
  installments: InstallmentSpec[]
}

export async function createCobInstitution(db: Database, code: string, businessDate: IsoDate): Promise<string> {
  return db.tx(SYSTEM, async (tx) => {
    const id = uuidOf(`inst:${code}`)
    await tx.execute(
      sql`insert into institutions (id, code, name, kind) values (${id}::uuid, ${code}, ${`COB test ${code}`}, 'lender')`,
    )
    await setBusinessDate(tx, id, businessDate)
    return id
  })
}

export async function seedLoans(db: Database, institutionId: string, specs: LoanSpec[]): Promise<void> {
  await db.tx(SYSTEM, async (tx) => {
    for (const s of specs) {
      const principal = s.installments.reduce((t, i) => t + Math.round(Number(i.principal) * 100), 0) / 100
      await tx.execute(sql`insert into loans (id, institution_id, loan_no, product_id, product_version_id, borrower_name,
          status, principal, annual_rate, term, term_unit, method, day_count, rounding, penalty_rate, penalty_base,
          grace_days, allocation_order, disbursed_on, maturity_date, principal_outstanding, customer_id)
        values (${s.id}::uuid, ${institutionId}::uuid, ${`L-${s.id.slice(0, 8)}`}, ${uuidOf('product')}::uuid,
          ${uuidOf('product-v1')}::uuid, '测试借款人', 'active', ${principal.toFixed(2)}::numeric, 0.12, ${s.installments.length},
          'months', 'equal_principal', 'ACT/365', ${s.rounding ?? 'half_up'}, ${s.penaltyRate ?? '0.365'}::numeric,
          ${s.penaltyBase ?? 'overdue_principal'}, ${s.graceDays ?? 0}, '{penalty,fee,interest,principal}',
          ${s.disbursedOn}::date, ${s.installments.at(-1)!.due}::date, ${principal.toFixed(2)}::numeric,
          ${uuidOf(`customer:${s.id}`)}::uuid)`)
      let n = 0
      for (const i of s.installments) {
        n++
        await tx.execute(sql`insert into installments (id, institution_id, loan_id, number, due_date, principal_due,
            interest_due, fee_due)
          values (${uuidOf(`${s.id}:${n}`)}::uuid, ${institutionId}::uuid, ${s.id}::uuid, ${n}, ${i.due}::date,
            ${i.principal}::numeric, ${i.interest}::numeric, ${i.fee ?? '0'}::numeric)`)
      }
    }
  })
}

/** A pseudo-random loan book (seeded), monthly schedules, some disbursed before the start date. */
export function randomLoans(seed: number, count: number, start: IsoDate): LoanSpec[] {
  let x = seed >>> 0
  const rnd = () => {
    x = (x + 0x6d2b79f5) >>> 0
    let t = x
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out: LoanSpec[] = []
  for (let k = 0; k < count; k++) {
    const term = 1 + Math.floor(rnd() * 6)
    const back = Math.floor(rnd() * 70) // days disbursed before start
    const disbursedOn = new Date(Date.parse(`${start}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10)
    const per = 100 + Math.floor(rnd() * 900)
    const installments: InstallmentSpec[] = []
    for (let n = 1; n <= term; n++)
      installments.push({
        due: addMonths(disbursedOn, n),
        principal: `${per}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`,
        interest: (per * 0.01 * (term - n + 1)).toFixed(2),
        fee: rnd() < 0.3 ? '3.50' : '0',
      })
    out.push({
      id: uuidOf(`rnd:${seed}:${k}`),
      disbursedOn,
      penaltyRate: rnd() < 0.5 ? '0.365' : '0.18',
      penaltyBase: rnd() < 0.5 ? 'overdue_principal' : 'overdue_amount',
      graceDays: rnd() < 0.3 ? 3 : 0,
      rounding: rnd() < 0.2 ? 'half_even' : 'half_up',
      installments,
    })
  }
  return out
}

/**
 * A stand-in for a repayment (the servicing operations are tested elsewhere): pays the given
 * components of one installment and sets its status the way a repayment would.
 */
export async function payInstallment(
  db: Database,
  loanId: string,
  number: number,
  paid: { principal?: string; interest?: string; fee?: string; penalty?: string },
  on: IsoDate,
): Promise<void> {
  await db.tx(SYSTEM, async (tx) => {
    await tx.execute(sql`update installments set
        principal_paid = principal_paid + ${paid.principal ?? '0'}::numeric,
        interest_paid = interest_paid + ${paid.interest ?? '0'}::numeric,
        fee_paid = fee_paid + ${paid.fee ?? '0'}::numeric,
        penalty_paid = penalty_paid + ${paid.penalty ?? '0'}::numeric
      where loan_id = ${loanId}::uuid and number = ${number}::int`)
    await tx.execute(sql`update installments set
        status = case when principal_due + interest_due + fee_due + penalty_due
          - principal_paid - interest_paid - fee_paid - penalty_paid - interest_waived - fee_waived - penalty_waived <= 0
          then 'paid' else 'partially_paid' end,
        paid_on = ${on}::date,
        interest_recognized = greatest(interest_recognized, interest_paid),
        fee_recognized = greatest(fee_recognized, fee_paid)
      where loan_id = ${loanId}::uuid and number = ${number}::int`)
    await tx.execute(sql`update loans set
        principal_outstanding = principal_outstanding - ${paid.principal ?? '0'}::numeric,
        penalty_outstanding = penalty_outstanding - ${paid.penalty ?? '0'}::numeric,
        interest_outstanding = interest_outstanding - ${paid.interest ?? '0'}::numeric,
        fee_outstanding = fee_outstanding - ${paid.fee ?? '0'}::numeric
      where id = ${loanId}::uuid`)
  })
}

export type Dump = Record<string, unknown[]>

/** Everything the close writes for one institution, in a stable order and without generated values. */
export async function dumpInstitution(db: Database, institutionId: string): Promise<Dump> {
  return db.tx(SYSTEM, async (tx) => {
    const inst = sql`${institutionId}::uuid`
    return {
      businessDate: await queryRows(
        tx,
        sql`select business_date::text from business_dates where institution_id = ${inst}`,
      ),
      loans: await queryRows(
        tx,
        sql`select id, status, dpd, overdue_since::text, last_cob_date::text, principal_outstanding::text,
          penalty_outstanding::text, interest_outstanding::text, fee_outstanding::text, revision from loans where institution_id = ${inst} order by id`,
      ),
      installments: await queryRows(
        tx,
        sql`select loan_id, number, status, penalty_due::text, interest_recognized::text, fee_recognized::text
          from installments where institution_id = ${inst} order by loan_id, number`,
      ),
      journal: await queryRows(
        tx,
        sql`select e.event_type, e.event_id, e.entry_date::text, l.account_code, l.loan_id, l.debit::text, l.credit::text
          from journal_entries e join journal_lines l on l.entry_id = e.id
          where e.institution_id = ${inst} order by e.event_type, e.event_id, l.account_code, l.loan_id, l.debit, l.credit`,
      ),
      events: await queryRows(
        tx,
        sql`select topic, aggregate_id, payload, business_date::text from events where institution_id = ${inst}
          order by business_date, topic, aggregate_id, payload::text`,
      ),
      runs: await queryRows(
        tx,
        sql`select business_date::text, status, step, loans_total, loans_done, chunks_total, chunks_done, stats
          from cob_runs where institution_id = ${inst} order by business_date`,
      ),
    }
  })
}

/** Debits equal credits per entry and in total, for the institution. */
export async function unbalancedEntries(db: Database, institutionId: string): Promise<unknown[]> {
  return db.tx(SYSTEM, (tx) =>
    queryRows(
      tx,
      sql`select entry_id, sum(debit) as d, sum(credit) as c from journal_lines where institution_id = ${institutionId}::uuid
        group by entry_id having sum(debit) <> sum(credit)`,
    ),
  )
}
