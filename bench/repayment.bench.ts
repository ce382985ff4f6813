// bench:needs-postgres
/**
 * Repayment posting over HTTP on PostgreSQL: the real server process, N disbursed loans, then
 * repayments with distinct Idempotency-Keys from a bounded pool of concurrent clients. Reports
 * repayments/s and p50/p99 latency, then verifies the ledger (every entry balanced; journal = loan
 * balances = schedules). Target (issue #3): ≥ 1,000 repayments/s with p99 < 50 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { writeResult } from './lib/results.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(ROOT, 'apps', 'server', 'bin', 'xindai.mjs')
const LOANS = Number(process.env.BENCH_LOANS ?? 200)
const REPAYMENTS = Number(process.env.BENCH_REPAYMENTS ?? 6000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

const base = process.env.BENCH_DATABASE_URL
if (!base) {
  console.log('repayment bench: BENCH_DATABASE_URL not set, skipped')
  process.exit(0)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

async function waitFor(url: string, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not become ready`)
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
  })
}

type Session = { cookie: string; csrf: string }

async function login(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  })
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`)
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
  const csrf = cookies.find((c) => c.startsWith('xd_csrf='))!.slice('xd_csrf='.length)
  return { cookie: cookies.join('; '), csrf }
}

async function call<T>(url: string, s: Session, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

const dbName = `xindai_bench_repay_${Date.now()}`
const admin = new pg.Client({ connectionString: base })
await admin.connect()
await admin.query(`create database ${dbName}`)
await admin.end()
const dbUrl = new URL(base)
dbUrl.pathname = `/${dbName}`

const port = await freePort()
const child = spawn(process.execPath, [CLI, 'start'], {
  env: {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    XINDAI_LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const url = `http://127.0.0.1:${port}`
let result: {
  rps: number
  p50: number
  p99: number
  errors: number
  verify: { ok: boolean; entries: number; loans: number }
}
try {
  await waitFor(`${url}/readyz`)
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
  await stop(child)
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  await c.query(`drop database if exists ${dbName} with (force)`)
  await c.end()
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
