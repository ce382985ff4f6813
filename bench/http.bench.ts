// bench:needs-postgres
/**
 * HTTP benchmark of an authenticated read (GET /api/v1/me: session lookup + principal) against the
 * real server process, on PGlite and on PostgreSQL, next to a bare Fastify "hello" route measured in
 * the same run — the ratio is what our platform layer costs.
 * Target (issue #2): ≥ 5,000 req/s with p99 < 20 ms on PostgreSQL.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { writeResult } from './lib/results.ts'
import { freePort, freshPgDatabase, ROOT, startServer, stopProcess, waitFor } from './lib/server.ts'

const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = 16

type Run = { rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function load(url: string, headers: Record<string, string> = {}): Promise<Run> {
  // short warm-up so JIT and connection pools settle, then the measured run
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers })
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx }
}

async function bareFastify(): Promise<Run> {
  const port = await freePort()
  const code = `const f=require('fastify')();f.get('/hello',async()=>({hello:'world'}));f.listen({port:${port},host:'127.0.0.1'})`
  const child = spawn(process.execPath, ['-e', code], { cwd: join(ROOT, 'apps', 'server'), stdio: 'ignore' })
  try {
    await waitFor(`http://127.0.0.1:${port}/hello`, 30_000)
    return await load(`http://127.0.0.1:${port}/hello`)
  } finally {
    await stopProcess(child)
  }
}

async function xindai(env: Record<string, string>): Promise<Run> {
  const server = await startServer({ XINDAI_DEMO: 'staff', ...env })
  try {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'huixin.admin', password: 'demo1234' }),
    })
    if (!res.ok) throw new Error(`login failed: ${res.status}`)
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const run = await load(`${server.url}/api/v1/me`, { cookie })
    if (run.non2xx > 0) throw new Error(`${run.non2xx} non-2xx answers`)
    return run
  } finally {
    await server.stop()
  }
}

const hello = await bareFastify()
const dataDir = mkdtempSync(join(tmpdir(), 'xindai-bench-'))
const onPglite = await xindai({ DATA_DIR: dataDir })
rmSync(dataDir, { recursive: true, force: true })

let onPg: Run | undefined
// the same server with the in-process session cache off: every request resolves the session in the database
let onPgUncached: Run | undefined
const pgBase = process.env.BENCH_DATABASE_URL
if (pgBase) {
  const db = await freshPgDatabase(pgBase, 'xindai_bench_http')
  try {
    onPg = await xindai({ DATABASE_URL: db.url })
    onPgUncached = await xindai({ DATABASE_URL: db.url, XINDAI_SESSION_CACHE_MS: '0' })
  } finally {
    await db.drop()
  }
}

const metric = (subject: string, r: Run) => ({
  subject,
  unit: 'req/s',
  value: r.rps,
  extra: { p50_ms: r.p50, p99_ms: r.p99, errors: r.errors },
})
writeResult({
  name: 'http-auth-read',
  description: `GET /api/v1/me with a staff session, ${CONNECTIONS} connections, ${DURATION}s, server in its own process (session cache at its default 2 s TTL; also with the cache off)`,
  target: '≥ 5,000 req/s and p99 < 20 ms on PostgreSQL',
  targetMet: onPg ? onPg.rps >= 5000 && onPg.p99 < 20 : false,
  metrics: [
    metric('bare Fastify hello', hello),
    metric('xindai GET /me on PGlite', onPglite),
    ...(onPg ? [metric('xindai GET /me on PostgreSQL', onPg)] : []),
    ...(onPgUncached ? [metric('xindai GET /me on PostgreSQL, session cache off', onPgUncached)] : []),
  ],
  ratios: {
    'PGlite / bare': onPglite.rps / hello.rps,
    ...(onPg ? { 'PostgreSQL / bare': onPg.rps / hello.rps } : {}),
    ...(onPg && onPgUncached ? { 'PostgreSQL cache off / on': onPgUncached.rps / onPg.rps } : {}),
  },
})
