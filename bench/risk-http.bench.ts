// bench:needs-postgres
/**
 * `POST /api/v1/risk/scenes/pre_review/evaluate` over HTTP on PostgreSQL: the real server process on a
 * fresh database (demo data: the ~22-rule default pre-review strategy, published), data sources on
 * the datasim simulator with their call-cycle cache warmed, every evaluation stored as a risk report.
 * Inputs and device vary per request (customer, IP, fingerprint), so velocity counts stay realistic.
 * Target (issue #4): ≥ 1,500 evaluations/s with p99 < 50 ms.
 */
import autocannon from 'autocannon'
import { startDataSimulator } from '../apps/server/src/modules/risk/datasim.ts'
import { writeResult } from './lib/results.ts'
import { call, freshPgDatabase, login, startServer } from './lib/server.ts'

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

const base = process.env.BENCH_DATABASE_URL
if (!base) {
  console.log('risk-http bench: BENCH_DATABASE_URL not set, skipped')
  process.exit(0)
}

const sim = await startDataSimulator({ port: 0 })
const db = await freshPgDatabase(base, 'xindai_bench_risk')
const server = await startServer({ DATABASE_URL: db.url, XINDAI_DATASIM_URL: sim.url, XINDAI_DEMO: 'staff' })
const url = server.url
type Run = { rps: number; p50: number; p99: number; errors: number; non2xx: number; decisions: Record<string, number> }
let run: Run
try {
  const risk = await login(url, 'huixin.risk')
  const reports = await call<{ items: { customerId: string }[] }>(
    url,
    risk,
    '/api/v1/risk/reports?scene=pre_review&pageSize=200',
  )
  const customers = [...new Set(reports.items.map((r) => r.customerId))]
  if (customers.length === 0) throw new Error('no demo evaluations to take customers from')
  const bodyFor = (i: number) =>
    JSON.stringify({
      customerId: customers[i % customers.length],
      inputs: {
        age: 25 + (i % 30),
        monthly_income: 6000 + (i % 20) * 500,
        debt_ratio: (i % 40) / 100,
        employment_type: 'salaried',
      },
      device: {
        fingerprint: `bench-device-${i % 5000}`,
        ip: `${58 + (i % 100)}.${(i >> 8) % 256}.${i % 251}.${1 + (i % 200)}`,
      },
    })
  // warm: one evaluation per customer fills the bureau and telecom answers (reused for 30 and 7 days)
  for (let i = 0; i < customers.length; i++) {
    await call(url, risk, '/api/v1/risk/scenes/pre_review/evaluate', JSON.parse(bodyFor(i)))
  }
  const paidBefore = (sim.calls.get('/bureau') ?? 0) + (sim.calls.get('/telecom') ?? 0)
  let counter = 0
  const headers = { 'content-type': 'application/json', cookie: risk.cookie, 'x-csrf-token': risk.csrf }
  const options = {
    url: `${url}/api/v1/risk/scenes/pre_review/evaluate`,
    connections: CONNECTIONS,
    method: 'POST',
    headers,
    requests: [{ method: 'POST', setupRequest: (req: { body?: string }) => ({ ...req, body: bodyFor(counter++) }) }],
  }
  await autocannon({ ...options, duration: 2 })
  const r = await autocannon({ ...options, duration: DURATION })
  const summary = await call<{ items: { decision: string }[]; total: number }>(
    url,
    risk,
    '/api/v1/risk/reports?scene=pre_review&pageSize=200',
  )
  const decisions: Record<string, number> = {}
  for (const item of summary.items) decisions[item.decision] = (decisions[item.decision] ?? 0) + 1
  const paidDuring = (sim.calls.get('/bureau') ?? 0) + (sim.calls.get('/telecom') ?? 0) - paidBefore
  run = {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    decisions: { ...decisions, paidCallsDuringRun: paidDuring },
  }
} finally {
  await server.stop()
  await db.drop()
  await sim.close()
}

writeResult({
  name: 'risk-http',
  description: `POST /risk/scenes/pre_review/evaluate (~22 rules, report stored), ${CONNECTIONS} connections, ${DURATION}s, PostgreSQL, sources cached`,
  target: '≥ 1,500 evaluations/s and p99 < 50 ms on PostgreSQL',
  targetMet: run.rps >= 1500 && run.p99 < 50,
  metrics: [
    {
      subject: 'evaluate over HTTP (PostgreSQL)',
      unit: 'evaluations/s',
      value: run.rps,
      extra: { p50_ms: run.p50, p99_ms: run.p99, errors: run.errors, non2xx: run.non2xx, ...run.decisions },
    },
  ],
})
