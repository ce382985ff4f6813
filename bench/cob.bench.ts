// bench:needs-postgres
/**
 * Daily close (COB) throughput: one full day's close over 1,000,000 active loans (10 % overdue) on
 * PostgreSQL, and over 100,000 on PGlite, each next to a single bare `UPDATE loans SET dpd = dpd` of
 * the same rows in the same run — the physical floor of touching every loan once.
 * Target (issue #3): ≤ 60 s for 1M loans on PostgreSQL on this 2-core machine.
 *
 * The loan book is generated directly with set-based SQL (generate_series), not through the
 * servicing operations: 12 monthly installments per loan, disbursed within the last month, except
 * every tenth loan, which was disbursed 40–59 days ago and has not paid its first installment.
 *
 *   BENCH_DATABASE_URL   PostgreSQL server (a fresh database is created in it and dropped after)
 *   BENCH_COB_LOANS      loans on PostgreSQL (default 1,000,000); PGlite gets a tenth (≥ 1,000)
 *   BENCH_COB_PGLITE     0 to skip PGlite
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { runCob } from '../apps/server/src/modules/servicing/cob/run-cob.ts'
import { migrate } from '../apps/server/src/platform/db/migrate.ts'
import { type Database, openDatabase, SYSTEM } from '../apps/server/src/platform/db/open.ts'
import { type BenchMetric, writeResult } from './lib/results.ts'

const LOANS = Number(process.env.BENCH_COB_LOANS ?? 1_000_000)
const PGLITE_LOANS = Math.max(1_000, Math.round(LOANS / 10))
const INSTALLMENTS = 12
const START = '2026-09-01'
const NEXT = '2026-09-02'
const INST = '0b0b0b0b-0000-4000-8000-000000000001'

const seconds = (t: number) => (performance.now() - t) / 1000

async function generate(db: Database, loans: number): Promise<number> {
  const t = performance.now()
  await db.ownerExec(`
    insert into institutions (id, code, name, kind) values ('${INST}', 'bench', 'COB benchmark', 'lender');
    insert into business_dates (institution_id, business_date) values ('${INST}', '${START}');
    insert into loans (id, institution_id, loan_no, product_id, product_version_id, customer_id, borrower_name, status,
      principal, annual_rate, term, term_unit, method, day_count, rounding, penalty_rate, penalty_base, grace_days,
      allocation_order, disbursed_on, maturity_date, principal_outstanding, dpd, overdue_since, last_cob_date)
    select gen_random_uuid(), '${INST}', 'B' || g, '0b0b0b0b-0000-4000-8000-000000000002',
      '0b0b0b0b-0000-4000-8000-000000000003', gen_random_uuid(), 'bench', 'active',
      12000, 0.12, ${INSTALLMENTS}, 'months', 'equal_principal', 'ACT/365', 'half_up', 0.18,
      case when g % 2 = 0 then 'overdue_principal' else 'overdue_amount' end, case when g % 3 = 0 then 3 else 0 end,
      '{penalty,fee,interest,principal}',
      case when g % 10 = 0 then date '${START}' - 40 - (g % 20) else date '${START}' - (g % 28) end,
      null, 12000, 0, null, '${START}'
    from generate_series(1, ${loans}) g;
    insert into installments (institution_id, loan_id, number, due_date, principal_due, interest_due, fee_due)
    select '${INST}', l.id, n, (l.disbursed_on + make_interval(months => n))::date, 1000,
      round(1000 * (${INSTALLMENTS} - n + 1) * 0.01, 2), case when n % 2 = 0 then 2.50 else 0 end
    from loans l cross join generate_series(1, ${INSTALLMENTS}) n where l.institution_id = '${INST}';
    -- the overdue tenth: first installment unpaid past its due date
    update loans l set status = 'overdue', dpd = date '${START}' - i.due_date, overdue_since = i.due_date
    from installments i where i.loan_id = l.id and i.number = 1 and i.due_date < date '${START}'
      and l.institution_id = '${INST}';
    update installments set status = 'overdue' where number = 1 and due_date < date '${START}' and institution_id = '${INST}';
    -- income recognised up to the start date, as earlier closes would have left it (steady state)
    update installments i set
      interest_recognized = case when i.due_date <= date '${START}' then i.interest_due
        else round(i.interest_due * (date '${START}' - p.start_date) / (i.due_date - p.start_date), 2) end,
      fee_recognized = case when i.due_date <= date '${START}' then i.fee_due else 0 end
    from (select i2.id, coalesce(lag(i2.due_date) over (partition by i2.loan_id order by i2.number), l.disbursed_on) as start_date
          from installments i2 join loans l on l.id = i2.loan_id where l.institution_id = '${INST}') p
    where p.id = i.id and p.start_date < date '${START}';
    update loans l set interest_outstanding = r.i, fee_outstanding = r.f
    from (select loan_id, sum(interest_recognized) as i, sum(fee_recognized) as f from installments
          where institution_id = '${INST}' group by loan_id) r where r.loan_id = l.id;
  `)
  await db.ownerExec('vacuum analyze loans')
  await db.ownerExec('vacuum analyze installments')
  return seconds(t)
}

type Measure = { loans: number; generateS: number; cobS: number; updateS: number; overdue: number; events: number }

async function measure(db: Database, loans: number, chunkSize: number): Promise<Measure> {
  const generateS = await generate(db, loans)
  console.log(`  generated ${loans.toLocaleString()} loans × ${INSTALLMENTS} installments in ${generateS.toFixed(1)} s`)
  let t = performance.now()
  const [day] = await runCob({ db, institutionId: INST, toDate: NEXT, chunkSize, trigger: 'cli' })
  const cobS = seconds(t)
  if (!day || day.stats.loans !== loans) throw new Error(`close touched ${day?.stats.loans} loans, expected ${loans}`)
  console.log(`  daily close: ${cobS.toFixed(1)} s  ${JSON.stringify(day.stats)}`)
  await db.ownerExec('vacuum loans')
  t = performance.now()
  await db.tx(SYSTEM, (tx) =>
    tx.execute(
      sql`update loans set dpd = dpd where institution_id = ${INST}::uuid and status in ('active', 'overdue')`,
    ),
  )
  const updateS = seconds(t)
  console.log(`  bare UPDATE of the same rows: ${updateS.toFixed(1)} s`)
  return { loans, generateS, cobS, updateS, overdue: day.stats.overdueLoans, events: day.stats.events }
}

function metrics(label: string, m: Measure): BenchMetric[] {
  return [
    {
      subject: `${label}: daily close`,
      unit: 'loans/s',
      value: m.loans / m.cobS,
      extra: { loans: m.loans, seconds: Number(m.cobS.toFixed(2)), overdue: m.overdue, events: m.events },
    },
    {
      subject: `${label}: bare UPDATE (floor)`,
      unit: 'loans/s',
      value: m.loans / m.updateS,
      extra: { seconds: Number(m.updateS.toFixed(2)) },
    },
  ]
}

const out: BenchMetric[] = []
const ratios: Record<string, number> = {}
const environment: Record<string, string | number> = { installmentsPerLoan: INSTALLMENTS }
let pgResult: Measure | undefined

const base = process.env.BENCH_DATABASE_URL
if (base) {
  const name = `xindai_bench_cob_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const u = new URL(base)
  u.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 })
  try {
    await migrate(db)
    console.log(`PostgreSQL (${LOANS.toLocaleString()} loans)`)
    pgResult = await measure(db, LOANS, 50_000)
    out.push(...metrics(`PostgreSQL ${LOANS.toLocaleString()}`, pgResult))
    ratios['PostgreSQL close / bare UPDATE (time)'] = pgResult.cobS / pgResult.updateS
    const [version] = await db.ownerQuery<{ server_version: string }>('show server_version')
    environment.postgres = version?.server_version ?? 'unknown'
  } finally {
    await db.close()
    if (process.env.BENCH_COB_KEEP === '1') console.log(`  kept database ${name}`)
    else await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
} else console.log('BENCH_DATABASE_URL not set: PostgreSQL part skipped')

if (process.env.BENCH_COB_PGLITE !== '0') {
  const db = await openDatabase({ memory: true })
  try {
    await migrate(db)
    console.log(`PGlite (${PGLITE_LOANS.toLocaleString()} loans)`)
    const m = await measure(db, PGLITE_LOANS, 50_000)
    out.push(...metrics(`PGlite ${PGLITE_LOANS.toLocaleString()}`, m))
    ratios['PGlite close / bare UPDATE (time)'] = m.cobS / m.updateS
  } finally {
    await db.close()
  }
}

writeResult({
  name: 'cob',
  description: 'daily close of every active loan (10 % overdue), one business day, vs a bare UPDATE of the same rows',
  target: '≤ 60 s for 1,000,000 loans on PostgreSQL',
  targetMet: pgResult && pgResult.loans >= 1_000_000 ? pgResult.cobS <= 60 : undefined,
  metrics: out,
  ratios,
  environment,
})
