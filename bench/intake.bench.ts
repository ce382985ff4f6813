// bench:needs-postgres
/**
 * Application intake over HTTP on PostgreSQL (issue #5): `POST /api/v1/applications` — validation
 * against the product, the application row and its audit record, the automatic checks (ID, bank card,
 * OCR) against the simulated provider over HTTP, the `pre_review` scene (the ~22-rule demo strategy,
 * sources on datasim) and the routing (reject / manual review with a review order / approval chain).
 * Each request is a different customer (one active application per customer and product), so the
 * run sends a fixed number of applications made ready beforehand. Target: ≥ 500 applications/s
 * sustained with p99 < 100 ms.
 */
import autocannon from 'autocannon'
import { withLuhnDigit } from '../apps/server/src/modules/customers/domain/bank-card.ts'
import { idNumberCheckChar } from '../apps/server/src/modules/customers/domain/id-number.ts'
import { startDataSimulator } from '../apps/server/src/modules/risk/datasim.ts'
import { writeResult } from './lib/results.ts'
import { call, freshPgDatabase, login, startServer } from './lib/server.ts'

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 3000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

const CARD = withLuhnDigit('622588013700001')
const base = process.env.BENCH_DATABASE_URL
if (!base) {
  console.log('intake bench: BENCH_DATABASE_URL not set, skipped')
  process.exit(0)
}

const idNumber = (n: number) => {
  const birth = `19${70 + (n % 30)}0${1 + (n % 9)}1${n % 10}`
  const first17 = `440301${birth}${String(n % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckChar(first17)
}

async function pool<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++
        await fn(items[i]!, i)
      }
    }),
  )
}

const sim = await startDataSimulator({ port: 0 })
const db = await freshPgDatabase(base, 'xindai_bench_intake')
const server = await startServer({ DATABASE_URL: db.url, XINDAI_DATASIM_URL: sim.url, XINDAI_CHECKS_URL: sim.url })
const url = server.url
type Run = {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  seconds: number
  routed: Record<string, number>
}
let run: Run
try {
  const admin = await login(url, 'huixin.admin')
  const products = await call<{
    items: { id: string; name: string; status: string; currentVersion: { minAmount: string; minTerm: number } }[]
  }>(url, admin, '/api/v1/products?status=listed&pageSize=50')
  const product = products.items.find(
    (p) => p.currentVersion.minTerm <= 6 && Number(p.currentVersion.minAmount) <= 5000,
  )!
  // customers on file, one per application (created through the API, like a branch would)
  const customerIds: string[] = new Array(APPLICATIONS)
  const started = Date.now()
  await pool(
    Array.from({ length: APPLICATIONS }, (_, i) => i),
    CONNECTIONS,
    async (n) => {
      const c = await call<{ id: string }>(url, admin, '/api/v1/customers', {
        name: `压测客户${n}`,
        idNumber: idNumber(n + 100_000),
        phone: `137${String(10_000_000 + n).slice(-8)}`,
        address: { province: '广东', city: '深圳' },
        job: { employer: '深圳某公司', monthlyIncome: '12000.00' },
      })
      customerIds[n] = c.id
    },
  )
  console.log(`intake bench: ${APPLICATIONS} customers ready in ${Date.now() - started} ms`)
  let counter = 0
  const bodyFor = (i: number) =>
    JSON.stringify({
      customerId: customerIds[i],
      productId: product.id,
      amount: String(5000 + (i % 20) * 500),
      term: 6,
      purpose: '消费',
      employmentType: 'salaried',
      monthlyIncome: String(6000 + (i % 20) * 800),
      monthlyDebt: String((i % 10) * 300),
      bankCard: { bank: '招商银行', cardNumber: CARD },
    })
  const t0 = Date.now()
  const r = await autocannon({
    url: `${url}/api/v1/applications`,
    connections: CONNECTIONS,
    amount: APPLICATIONS,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    requests: [{ method: 'POST', setupRequest: (req: { body?: string }) => ({ ...req, body: bodyFor(counter++) }) }],
  })
  const seconds = (Date.now() - t0) / 1000
  const routed: Record<string, number> = {}
  for (const status of ['manual_review', 'approval', 'approved', 'rejected', 'submitted']) {
    const page = await call<{ total: number }>(
      url,
      admin,
      `/api/v1/applications?status=${status}&pageSize=1&channel=staff`,
    )
    routed[status] = page.total
  }
  run = {
    rps: APPLICATIONS / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    seconds,
    routed,
  }
} finally {
  await server.stop()
  await db.drop()
  await sim.close()
}

writeResult({
  name: 'intake',
  description: `POST /applications (checks over HTTP + pre_review + routing), ${APPLICATIONS} applications, ${CONNECTIONS} connections, PostgreSQL`,
  target: '≥ 500 applications/s sustained and p99 < 100 ms on PostgreSQL',
  targetMet: run.rps >= 500 && run.p99 < 100,
  metrics: [
    {
      subject: 'application intake over HTTP (PostgreSQL)',
      unit: 'applications/s',
      value: run.rps,
      extra: {
        p50_ms: run.p50,
        p99_ms: run.p99,
        errors: run.errors,
        non2xx: run.non2xx,
        seconds: run.seconds,
        ...run.routed,
      },
    },
  ],
})
