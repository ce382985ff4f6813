// bench:needs-postgres
/**
 * Collections inside the daily close (issue #6): a loan book where every loan is overdue, closed one day
 * WITHOUT the collections hook, then the next day WITH it (the case flow opens a case per loan: the
 * heavy day) and a third day (steady state: every case updated) — the added time is reported next to
 * the close without collections, in the same run. Then "my cases" of a collector with 2,000 cases
 * (p50/p99 of the list query through `listCases`).
 * Targets: ≤ 10 s added to the close for 100,000 overdue loans on PostgreSQL; my cases p99 < 30 ms.
 *
 *   BENCH_DATABASE_URL     PostgreSQL server (a fresh database is created and dropped after)
 *   BENCH_COLL_LOANS       overdue loans on PostgreSQL (default 100,000); PGlite gets a tenth (≥ 1,000)
 *   BENCH_COLL_PGLITE      0 to skip PGlite
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { runCob } from '../apps/server/src/modules/servicing/cob/run-cob.ts'
import type { StaffPrincipal } from '../apps/server/src/platform/access/principal.ts'
import { migrate } from '../apps/server/src/platform/db/migrate.ts'
import { type Database, openDatabase, SYSTEM } from '../apps/server/src/platform/db/open.ts'
import { type BenchMetric, writeResult } from './lib/results.ts'

const LOANS = Number(process.env.BENCH_COLL_LOANS ?? 100_000)
const PGLITE_LOANS = Math.max(1_000, Math.round(LOANS / 10))
const INSTALLMENTS = 6
const START = '2026-09-01'
const INST = '0c0c0c0c-0000-4000-8000-000000000001'
const COLLECTOR = '0c0c0c0c-0000-4000-8000-0000000000c1'
const MY_CASES = 2_000

const seconds = (t: number) => (performance.now() - t) / 1000

async function generate(db: Database, loans: number) {
  await db.ownerExec(`
    insert into institutions (id, code, name, kind) values ('${INST}', 'bench_coll', 'Collections benchmark', 'lender');
    insert into business_dates (institution_id, business_date) values ('${INST}', '${START}');
    insert into loans (id, institution_id, loan_no, product_id, product_version_id, customer_id, borrower_name, status,
      principal, annual_rate, term, term_unit, method, day_count, rounding, penalty_rate, penalty_base, grace_days,
      allocation_order, disbursed_on, maturity_date, principal_outstanding, dpd, overdue_since, last_cob_date)
    select gen_random_uuid(), '${INST}', 'C' || g, '0c0c0c0c-0000-4000-8000-000000000002',
      '0c0c0c0c-0000-4000-8000-000000000003', null, 'bench', 'overdue',
      6000, 0.12, ${INSTALLMENTS}, case when g % 3 = 0 then 'day' else 'month' end, 'equal_principal', 'ACT/365',
      'half_up', 0.18, 'overdue_principal', 0, '{penalty,fee,interest,principal}',
      date '${START}' - 31 - (g % 60), null, 6000, 0, null, '${START}'
    from generate_series(1, ${loans}) g;
    insert into installments (institution_id, loan_id, number, due_date, principal_due, interest_due, fee_due, status)
    select '${INST}', l.id, n, (l.disbursed_on + make_interval(months => n))::date, 1000, 10, 0,
      case when (l.disbursed_on + make_interval(months => n))::date < date '${START}' then 'overdue' else 'pending' end
    from loans l cross join generate_series(1, ${INSTALLMENTS}) n where l.institution_id = '${INST}';
    update loans l set dpd = date '${START}' - i.due_date, overdue_since = i.due_date
    from installments i where i.loan_id = l.id and i.number = 1 and l.institution_id = '${INST}';
  `)
  await db.ownerExec('vacuum analyze loans')
  await db.ownerExec('vacuum analyze installments')
}

type Measure = {
  loans: number
  withoutS: number
  openingS: number
  steadyS: number
  cases: number
  p50: number
  p99: number
}

async function measure(db: Database, loans: number): Promise<Measure> {
  let t = performance.now()
  await generate(db, loans)
  console.log(`  generated ${loans.toLocaleString()} overdue loans in ${seconds(t).toFixed(1)} s`)
  // day 1 without collections: the hook is registered only when the module is loaded
  t = performance.now()
  await runCob({ db, institutionId: INST, toDate: '2026-09-02', chunkSize: 50_000, trigger: 'cli' })
  const withoutS = seconds(t)
  console.log(`  close without collections: ${withoutS.toFixed(1)} s`)
  const { listCases } = await import('../apps/server/src/modules/collections/case-queries.ts')
  await import('../apps/server/src/modules/collections/index.ts')
  t = performance.now()
  await runCob({ db, institutionId: INST, toDate: '2026-09-03', chunkSize: 50_000, trigger: 'cli' })
  const openingS = seconds(t)
  console.log(`  close with collections, cases opened: ${openingS.toFixed(1)} s`)
  t = performance.now()
  await runCob({ db, institutionId: INST, toDate: '2026-09-04', chunkSize: 50_000, trigger: 'cli' })
  const steadyS = seconds(t)
  console.log(`  close with collections, steady state: ${steadyS.toFixed(1)} s`)
  const [n] = await db
    .tx(SYSTEM, (tx) =>
      tx.execute(sql`select count(*)::int as n from collection_cases where institution_id = ${INST}::uuid`),
    )
    .then((r) => (r as unknown as { rows: { n: number }[] }).rows)
  // a collector with 2,000 open cases
  await db.tx(SYSTEM, (tx) =>
    tx.execute(sql`update collection_cases set collector_id = ${COLLECTOR}::uuid, status = 'assigned'
      where id in (select id from collection_cases where institution_id = ${INST}::uuid order by id limit ${MY_CASES})`),
  )
  await db.ownerExec('analyze collection_cases')
  const me: StaffPrincipal = {
    kind: 'staff',
    userId: COLLECTOR,
    username: 'bench.collector',
    displayName: 'bench',
    institutionId: INST,
    institutionCode: 'bench_coll',
    institutionName: 'bench',
    institutionKind: 'lender',
    teamId: null,
    permissions: new Set(['collection.work']),
    scope: 'own',
    online: true,
    csrfToken: '',
    businessDate: null,
  }
  const times: number[] = []
  for (let i = 0; i < 220; i++) {
    const s = performance.now()
    await db.tx({ scope: 'own', institutionId: INST }, (tx) =>
      listCases(tx, me, { page: 1 + (i % 5), pageSize: 20, order: 'desc', status: 'open', mine: true }),
    )
    if (i >= 20) times.push(performance.now() - s)
  }
  times.sort((a, b) => a - b)
  const p50 = times[Math.floor(times.length * 0.5)]!
  const p99 = times[Math.floor(times.length * 0.99)]!
  console.log(`  my cases (2,000): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`)
  return { loans, withoutS, openingS, steadyS, cases: Number(n!.n), p50, p99 }
}

function metrics(label: string, m: Measure): BenchMetric[] {
  return [
    { subject: `${label}: close without collections`, unit: 's', value: m.withoutS, extra: { loans: m.loans } },
    {
      subject: `${label}: close with collections (cases opened)`,
      unit: 's',
      value: m.openingS,
      extra: { added: Number((m.openingS - m.withoutS).toFixed(2)), cases: m.cases },
    },
    {
      subject: `${label}: close with collections (steady state)`,
      unit: 's',
      value: m.steadyS,
      extra: { added: Number((m.steadyS - m.withoutS).toFixed(2)) },
    },
    {
      subject: `${label}: my cases list (2,000 cases)`,
      unit: 'ms',
      value: m.p99,
      extra: { p50: Number(m.p50.toFixed(2)), p99: Number(m.p99.toFixed(2)) },
    },
  ]
}

const out: BenchMetric[] = []
const ratios: Record<string, number> = {}
let pgResult: Measure | undefined
const base = process.env.BENCH_DATABASE_URL
if (base) {
  const name = `xindai_bench_coll_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const u = new URL(base)
  u.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 })
  try {
    await migrate(db)
    console.log(`PostgreSQL (${LOANS.toLocaleString()} overdue loans)`)
    pgResult = await measure(db, LOANS)
    out.push(...metrics(`PostgreSQL ${LOANS.toLocaleString()}`, pgResult))
    ratios['PostgreSQL close with / without collections (opening day)'] = pgResult.openingS / pgResult.withoutS
    ratios['PostgreSQL close with / without collections (steady)'] = pgResult.steadyS / pgResult.withoutS
  } finally {
    await db.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
} else console.log('BENCH_DATABASE_URL not set: PostgreSQL part skipped')

if (process.env.BENCH_COLL_PGLITE !== '0' && !pgResult) {
  const db = await openDatabase({ memory: true })
  try {
    await migrate(db)
    console.log(`PGlite (${PGLITE_LOANS.toLocaleString()} overdue loans)`)
    const m = await measure(db, PGLITE_LOANS)
    out.push(...metrics(`PGlite ${PGLITE_LOANS.toLocaleString()}`, m))
  } finally {
    await db.close()
  }
}

writeResult({
  name: 'collections',
  description: 'case flow inside the daily close (all loans overdue) vs the close without it; my-cases list of 2,000',
  target: '≤ 10 s added to the close for 100,000 overdue loans on PostgreSQL; my cases p99 < 30 ms',
  targetMet:
    pgResult && pgResult.loans >= 100_000
      ? Math.max(pgResult.openingS, pgResult.steadyS) - pgResult.withoutS <= 10 && pgResult.p99 < 30
      : undefined,
  metrics: out,
  ratios,
})
