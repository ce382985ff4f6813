/**
 * Integration-test harness. Each test file gets its own database, already migrated and loaded with
 * the demo data, on PGlite (default) or on a PostgreSQL server (`XINDAI_TEST_DB=pg` with
 * `DATABASE_URL`). Templates are built once and copied, because building one takes seconds.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { InjectOptions } from 'fastify'
import pg from 'pg'
import { type Config, loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/load.ts'
import { buildHttp, createPlatform, type Platform } from '../src/main.ts'
import { listMigrations } from '../src/platform/db/migrate.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CACHE_DIR = join(ROOT, '.tmp')

export const testDbKind: 'pglite' | 'pg' = process.env.XINDAI_TEST_DB === 'pg' ? 'pg' : 'pglite'

/** Changes whenever migrations or the demo loader change, so stale templates are never used. */
function templateKey(): string {
  const h = createHash('sha256')
  for (const m of listMigrations()) h.update(m.checksum)
  // everything that shapes the stored demo data: the loaders and the module code they run through
  for (const dir of ['src/demo', 'src/platform', 'src/modules'])
    for (const f of listSources(join(ROOT, dir))) h.update(readFileSync(f))
  return h.digest('hex').slice(0, 16)
}

function listSources(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listSources(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path)
  }
  return out.sort()
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ XINDAI_LOG_LEVEL: 'silent', XINDAI_SECRET: 'test-secret' }), ...overrides }
}

function pgliteTemplateFile(): string {
  return join(CACHE_DIR, `pglite-template-${templateKey()}.tar.gz`)
}

/** Builds the PGlite template (migrated + demo data) once; the integration run's global setup calls this. */
export async function ensurePgliteTemplate(config: Config = testConfig()): Promise<string> {
  const file = pgliteTemplateFile()
  if (!existsSync(file)) {
    const platform = await createPlatform(config, { memory: true })
    await loadDemo(platform)
    const dump = await platform.db.pglite!.dumpDataDir('gzip')
    mkdirSync(CACHE_DIR, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
    renameSync(tmp, file)
    await platform.db.close()
  }
  return file
}

async function pgliteFromTemplate(config: Config): Promise<PGlite> {
  const file = await ensurePgliteTemplate(config)
  return PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) })
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** Builds the PostgreSQL template database once (under an advisory lock); global setup calls this. */
export async function ensurePgTemplate(config: Config = testConfig()): Promise<void> {
  const url = await pgFromTemplate(config)
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`)
  await admin.end()
}

async function pgFromTemplate(config: Config): Promise<string> {
  const baseUrl = process.env.DATABASE_URL
  if (!baseUrl) throw new Error('XINDAI_TEST_DB=pg needs DATABASE_URL')
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  const template = `xindai_tpl_${templateKey()}`
  try {
    await admin.query('select pg_advisory_lock(7242024099)')
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template])
    if (exists.rowCount === 0) {
      await admin.query(`create database ${template}`)
      const platform = await createPlatform({ ...config, databaseUrl: withDatabase(baseUrl, template) })
      await loadDemo(platform)
      await platform.db.close()
    }
    const name = `xindai_t_${randomBytes(6).toString('hex')}`
    await admin.query(`create database ${name} template ${template}`)
    return withDatabase(baseUrl, name)
  } finally {
    await admin.query('select pg_advisory_unlock(7242024099)')
    await admin.end()
  }
}

export type TestPlatform = Platform & { close(): Promise<void> }

/** A migrated database with the demo data, private to the caller. */
export async function createTestPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const config = testConfig(overrides)
  if (testDbKind === 'pg') {
    const url = await pgFromTemplate(config)
    const platform = await createPlatform({ ...config, databaseUrl: url })
    return {
      ...platform,
      close: async () => {
        await platform.db.close()
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await admin.connect()
        await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`)
        await admin.end()
      },
    }
  }
  const pglite = await pgliteFromTemplate(config)
  const platform = await createPlatform({ ...config, databaseUrl: undefined }, { pglite })
  return { ...platform, close: () => platform.db.close() }
}

export type TestResponse<T = unknown> = { status: number; body: T; headers: Record<string, unknown>; text: string }

type App = Awaited<ReturnType<typeof buildHttp>>

/** An HTTP client bound to one cookie jar, sending the CSRF header like the console does. */
export class Client {
  cookies = new Map<string, string>()
  locale = 'zh-CN'
  constructor(readonly app: App) {}

  async request<T = unknown>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const csrf = this.cookies.get('xd_csrf')
    const res = await this.app.inject({
      method,
      url,
      headers: {
        'accept-language': this.locale,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const text = res.body
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {}
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text }
  }
  get<T = unknown>(url: string) {
    return this.request<T>('GET', url)
  }
  post<T = unknown>(url: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers)
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body)
  }
  put<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body)
  }
}

export type TestEnv = {
  platform: TestPlatform
  app: App
  client(): Client
  login(username: string, password?: string): Promise<Client>
  close(): Promise<void>
}

/** Starts a private platform with its HTTP app (in-process injection; e2e tests use real HTTP). */
export async function startTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const platform = await createTestPlatform(overrides)
  const app = await buildHttp(platform, { logger: false })
  await app.ready()
  return {
    platform,
    app,
    client: () => new Client(app),
    async login(username, password = username === 'admin' ? 'admin123' : 'demo1234') {
      const c = new Client(app)
      const res = await c.post('/api/v1/auth/login', { username, password })
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`)
      return c
    },
    async close() {
      await app.close()
      await platform.close()
    },
  }
}
