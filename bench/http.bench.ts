// bench:needs-postgres
/**
 * HTTP benchmark of an authenticated read (GET /api/v1/me: session lookup + principal) against the
 * real server process, on PGlite and on PostgreSQL, next to a bare Fastify "hello" route measured in
 * the same run — the ratio is what our platform layer costs.
 * Target (issue #2): ≥ 5,000 req/s with p99 < 20 ms on PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import { writeResult } from './lib/results.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(ROOT, 'apps', 'server', 'bin', 'xindai.mjs')
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = 16

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

async function waitFor(url: string, timeoutMs = 180_000): Promise<void> {
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
    await stop(child)
  }
}

async function xindai(env: Record<string, string>): Promise<Run> {
  const port = await freePort()
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', XINDAI_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    const base = `http://127.0.0.1:${port}`
    await waitFor(`${base}/readyz`)
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'huixin.admin', password: 'demo1234' }),
    })
    if (!res.ok) throw new Error(`login failed: ${res.status}`)
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const run = await load(`${base}/api/v1/me`, { cookie })
    if (run.non2xx > 0) throw new Error(`${run.non2xx} non-2xx answers`)
    return run
  } finally {
    await stop(child)
  }
}

async function freshPgDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xindai_bench_http_${Date.now()}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const u = new URL(base)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

const hello = await bareFastify()
const dataDir = mkdtempSync(join(tmpdir(), 'xindai-bench-'))
const onPglite = await xindai({ DATA_DIR: dataDir })
rmSync(dataDir, { recursive: true, force: true })

let onPg: Run | undefined
const pgBase = process.env.BENCH_DATABASE_URL
if (pgBase) {
  const db = await freshPgDatabase(pgBase)
  try {
    onPg = await xindai({ DATABASE_URL: db.url })
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
  description: `GET /api/v1/me with a staff session, ${CONNECTIONS} connections, ${DURATION}s, server in its own process`,
  target: '≥ 5,000 req/s and p99 < 20 ms on PostgreSQL',
  targetMet: onPg ? onPg.rps >= 5000 && onPg.p99 < 20 : false,
  metrics: [
    metric('bare Fastify hello', hello),
    metric('xindai GET /me on PGlite', onPglite),
    ...(onPg ? [metric('xindai GET /me on PostgreSQL', onPg)] : []),
  ],
  ratios: {
    'PGlite / bare': onPglite.rps / hello.rps,
    ...(onPg ? { 'PostgreSQL / bare': onPg.rps / hello.rps } : {}),
  },
})
