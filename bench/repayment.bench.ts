// bench:needs-postgres
/**
 * Repayment posting over HTTP on PostgreSQL: the real server process, N disbursed loans, then
 * repayments with distinct Idempotency-Keys from a bounded pool of concurrent clients. Reports
 * repayments/s and p50/p99 latency, then verifies the ledger (every entry balanced; journal = loan
 * balances = schedules). Target (issue #3): ≥ 1,000 repayments/s with p99 < 50 ms.
 */
import { writeResult } from './lib/results.ts'
import { call, freshPgDatabase, login, startServer } from './lib/server.ts'

const LOANS = Number(process.env.BENCH_LOANS ?? 200)
const REPAYMENTS = Number(process.env.BENCH_REPAYMENTS ?? 6000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

const base = process.env.BENCH_DATABASE_URL
if (!base) {
  console.log('repayment bench: BENCH_DATABASE_URL not set, skipped')
  process.exit(0)
}

const db = await freshPgDatabase(base, 'xindai_bench_repay')
// staff demo: logins and settings, no simulated loan books (the bench makes its own loans)
const server = await startServer({ DATABASE_URL: db.url, XINDAI_DEMO: 'staff' })
const url = server.url
let result: {
  rps: number
  p50: number
  p99: number
  errors: number
  verify: { ok: boolean; entries: number; loans: number }
}
try {
  const owner = await login(url, 'huixin.admin')
  const finance = await login(url, 'huixin.finance')
  const product = await call<{ id: string }>(url, owner, '/api/v1/products', {
    name: '压测产品',
    minAmount: '1000.00',
    maxAmount: '500000.00',
    minTerm: 3,
    maxTerm: 36,
    termUnit: 'month',
    annualRatePercent: '12',
  })
  await call(url, owner, `/api/v1/products/${product.id}/list`, {})
  const loans: string[] = []
  for (let i = 0; i < LOANS; i++) {
    const loan = await call<{ id: string }>(url, finance, '/api/v1/loans', {
      productId: product.id,
      amount: '300000.00',
      term: 36,
      borrowerName: `借款人${i}`,
    })
    await call(url, finance, `/api/v1/loans/${loan.id}/disburse`, {}, { 'idempotency-key': `bench-disburse-${i}` })
    loans.push(loan.id)
  }
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const worker = async () => {
    while (true) {
      const i = next++
      if (i >= REPAYMENTS) return
      const started = performance.now()
      try {
        await call(
          url,
          finance,
          `/api/v1/loans/${loans[i % loans.length]}/repayments`,
          { amount: '10.00', channel: 'online' },
          { 'idempotency-key': `bench-repay-${i}` },
        )
      } catch (err) {
        errors++
        if (errors < 5) console.error(err)
      }
      latencies.push(performance.now() - started)
    }
  }
  // warm-up on the first loans, then the measured run
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!
  const verify = await call<{ ok: boolean; entries: number; loans: number; problems: unknown[] }>(
    url,
    finance,
    '/api/v1/ledger/verify',
    {},
  )
  if (!verify.ok) throw new Error(`ledger verify failed: ${JSON.stringify(verify.problems.slice(0, 5))}`)
  result = { rps: REPAYMENTS / seconds, p50: pct(0.5), p99: pct(0.99), errors, verify }
} finally {
  await server.stop()
  await db.drop()
}

writeResult({
  name: 'repayment-http',
  description: `POST /loans/:id/repayments over HTTP on PostgreSQL, ${REPAYMENTS} repayments over ${LOANS} loans, ${CONCURRENCY} concurrent clients, distinct Idempotency-Keys`,
  target: '≥ 1,000 repayments/s and p99 < 50 ms, every entry balanced afterwards',
  targetMet: result.rps >= 1000 && result.p99 < 50 && result.verify.ok && result.errors === 0,
  metrics: [
    {
      subject: 'repayments over HTTP (PostgreSQL)',
      unit: 'repayments/s',
      value: result.rps,
      extra: { p50_ms: Number(result.p50.toFixed(2)), p99_ms: Number(result.p99.toFixed(2)), errors: result.errors },
    },
    {
      subject: 'ledger verify after the run',
      unit: 'journal entries',
      value: result.verify.entries,
      extra: { ok: result.verify.ok, loans: result.verify.loans },
    },
  ],
})
