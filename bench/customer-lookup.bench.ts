// bench:needs-postgres
/**
 * One-step customer lookup with 1,000,000 customers on PostgreSQL (issue #5): p50/p99 latency of the
 * exact lookup by phone and by ID number (blind index) and of the name-prefix lookup, each through
 * the same code the search provider runs (`lookupCustomers`, in a scoped transaction under RLS).
 * Target: p99 < 20 ms.
 *
 * The customer rows are generated directly for the benchmark (set-based multi-row INSERTs from Node,
 * not through the createCustomer operation, which would take hours for a million); their ciphertexts,
 * blind indexes and masks are made with the app's own `seal` so lookups hash exactly as in production.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { type DemoCustomer, demoCustomer, idNumberOf, prng, REGIONS } from '../apps/server/src/demo/customer-data.ts'
import { lookupCustomers } from '../apps/server/src/modules/customers/lookup.ts'
import { seal } from '../apps/server/src/modules/customers/sealed.ts'
import { dbContextOf, type StaffPrincipal } from '../apps/server/src/platform/access/principal.ts'
import { migrate } from '../apps/server/src/platform/db/migrate.ts'
import { openDatabase } from '../apps/server/src/platform/db/open.ts'
import { createPiiCipher } from '../apps/server/src/platform/pii.ts'
import { writeResult } from './lib/results.ts'

const TOTAL = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const BATCH = 5000
const PHONE_PREFIXES = [
  '130',
  '131',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '159',
  '186',
  '187',
  '188',
]

const baseUrl = process.env.BENCH_DATABASE_URL
if (!baseUrl) throw new Error('BENCH_DATABASE_URL is required')
const dbName = `xindai_bench_lookup_${randomBytes(4).toString('hex')}`
const url = new URL(baseUrl)
url.pathname = `/${dbName}`

/** Unique by construction: the index picks region, birthday and sequence; the phone encodes it. */
function nthCustomer(i: number, rnd: () => number): { name: string; idNumber: string; phone: string } {
  const region = REGIONS[i % REGIONS.length]!.code
  const day = Math.floor(i / REGIONS.length) % 14_600
  const seq = Math.floor(i / (REGIONS.length * 14_600))
  const birth = new Date(Date.UTC(2007, 11, 31) - day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
  const phone =
    PHONE_PREFIXES[i % PHONE_PREFIXES.length] + String(Math.floor(i / PHONE_PREFIXES.length)).padStart(8, '0')
  const person: DemoCustomer = demoCustomer(rnd)
  return { name: person.name, idNumber: idNumberOf(region, birth, seq), phone }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function main() {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`create database ${dbName}`)
  const db = await openDatabase({ databaseUrl: url.toString() })
  try {
    await migrate(db)
    const pii = createPiiCipher({ key: randomBytes(32), keyId: 'bench', hmacKey: randomBytes(32) })
    const [inst] = await db.ownerQuery<{ id: string }>(
      `insert into institutions (code, name, kind) values ('bench', '基准测试机构', 'lender') returning id`,
    )
    const institutionId = inst!.id
    const owner = await db.ownerClient()
    const rnd = prng(20_260_901)
    const samples: { phone: string; idNumber: string; name: string }[] = []
    const started = Date.now()
    for (let from = 0; from < TOTAL; from += BATCH) {
      const cols: unknown[][] = Array.from({ length: 11 }, () => [])
      const keys: unknown[][] = [[], [], []]
      for (let i = from; i < Math.min(TOTAL, from + BATCH); i++) {
        const c = nthCustomer(i, rnd)
        const id = randomUUID()
        const idn = seal(pii, 'id_number', c.idNumber)
        const phone = seal(pii, 'phone', c.phone)
        const birth = `${c.idNumber.slice(6, 10)}-${c.idNumber.slice(10, 12)}-${c.idNumber.slice(12, 14)}`
        const sex = Number(c.idNumber[16]) % 2 === 1 ? 'male' : 'female'
        const row = [
          id,
          c.name,
          idn.enc,
          idn.hash,
          idn.masked,
          birth,
          sex,
          phone.enc,
          phone.hash,
          phone.masked,
          'bench',
        ]
        for (const [k, v] of row.entries()) cols[k]!.push(v)
        keys[0]!.push(id, id)
        keys[1]!.push('id_number', 'phone')
        keys[2]!.push(idn.hash, phone.hash)
        if (rnd() < SAMPLES / TOTAL || samples.length < 10)
          samples.push({ phone: c.phone, idNumber: c.idNumber, name: c.name })
      }
      await owner.query(
        `insert into customers (id, institution_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, sex,
           phone_enc, phone_hash, phone_masked, channel)
         select u.id, $1, u.name, u.ie, u.ih, u.im, u.bd, u.sx, u.pe, u.ph, u.pm, u.ch
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[]) as u(id, name, ie, ih, im, bd, sx, pe, ph, pm, ch)`,
        [institutionId, ...cols],
      )
      await owner.query(
        `insert into customer_lookup_keys (institution_id, customer_id, kind, hash)
         select $1, k.c, k.k, k.h from unnest($2::uuid[], $3::text[], $4::text[]) as k(c, k, h)`,
        [institutionId, ...keys],
      )
    }
    await owner.query('analyze customers; analyze customer_lookup_keys')
    owner.release()
    const loadSeconds = (Date.now() - started) / 1000
    console.log(`generated ${TOTAL.toLocaleString('en-US')} customers in ${loadSeconds.toFixed(1)} s`)

    const principal: StaffPrincipal = {
      kind: 'staff',
      userId: randomUUID(),
      username: 'bench.cs',
      displayName: 'bench',
      institutionId,
      institutionCode: 'bench',
      institutionName: 'bench',
      institutionKind: 'lender',
      teamId: null,
      permissions: new Set(['customer.read']),
      scope: 'institution',
      online: true,
      csrfToken: '',
      businessDate: null,
    }
    const ctx = dbContextOf(principal)
    const measure = async (label: string, queries: string[], expectHit: boolean) => {
      for (const q of queries.slice(0, 50)) await db.tx(ctx, (tx) => lookupCustomers(tx, principal, pii, q)) // warm-up
      const times: number[] = []
      let misses = 0
      for (const q of queries) {
        const t0 = performance.now()
        const rows = await db.tx(ctx, (tx) => lookupCustomers(tx, principal, pii, q))
        times.push(performance.now() - t0)
        if (expectHit && rows.length === 0) misses++
      }
      times.sort((a, b) => a - b)
      return {
        subject: label,
        unit: 'ms p99',
        value: percentile(times, 99),
        extra: {
          p50: Number(percentile(times, 50).toFixed(3)),
          p99: Number(percentile(times, 99).toFixed(3)),
          n: times.length,
          misses,
        },
      }
    }
    const n = (xs: string[]) => Array.from({ length: SAMPLES }, (_, i) => xs[i % xs.length]!)
    const metrics = [
      await measure('phone (blind index)', n(samples.map((s) => s.phone)), true),
      await measure('ID number (blind index)', n(samples.map((s) => s.idNumber)), true),
      await measure('name prefix, 2 characters', n(samples.map((s) => [...s.name].slice(0, 2).join(''))), true),
      await measure('name prefix, surname only', n(samples.map((s) => [...s.name][0]!)), true),
    ]
    const worst = Math.max(...metrics.map((m) => m.value))
    writeResult({
      name: 'customer-lookup',
      description: `one-step customer lookup, ${TOTAL.toLocaleString('en-US')} customers (rows generated directly for the benchmark), PostgreSQL, RLS on`,
      target:
        'p99 < 20 ms for phone, ID number and name prefix (application number: origination module not built yet — not measured)',
      targetMet: worst < 20,
      metrics,
      environment: { customers: TOTAL, samplesPerKind: SAMPLES, loadSeconds: Number(loadSeconds.toFixed(1)) },
    })
  } finally {
    await db.close()
    await admin.query(`drop database if exists ${dbName} with (force)`)
    await admin.end()
  }
}

await main()
