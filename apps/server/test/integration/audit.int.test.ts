/**
 * The audit trail is append-only and hash-chained per institution: editing, deleting or
 * reordering a row directly in the database is detected, and the row is named.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoStaff } from '../../src/demo/staff.ts'
import { createPlatform } from '../../src/main.ts'
import { verifyAuditChains } from '../../src/platform/audit/verify.ts'
import { type Database, queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { startTestEnv, type TestEnv, testConfig, testDbKind } from '../harness.ts'

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'xindai.mjs')

/** Tampering as a database superuser would: bypassing the append-only trigger. */
async function tamper(db: Database, statement: string) {
  if (db.pglite) {
    await db.pglite.exec(`SET session_replication_role = replica; ${statement}; SET session_replication_role = origin;`)
    return
  }
  const client = await db.ownerClient()
  try {
    await client.query(`SET session_replication_role = replica; ${statement}; SET session_replication_role = origin;`)
  } finally {
    client.release()
  }
}

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv()
})
afterAll(() => env?.close())

describe('audit trail', () => {
  it('every state change writes its record with actor, IP, object and before/after, PII masked', async () => {
    const admin = await env.login('huixin.admin')
    const created = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'audit.probe',
      displayName: '审计探针',
      password: 'abcd1234',
    })
    await admin.patch(`/api/v1/users/${created.body.id}`, { displayName: '审计探针2' })
    const rows = await admin.get<{
      items: {
        operation: string
        actorName: string
        ip: string
        before: { displayName?: string }
        after: { displayName?: string }
      }[]
    }>(`/api/v1/audit?objectId=${created.body.id}`)
    expect(rows.body.items.map((r) => r.operation)).toEqual(['user.update', 'user.create'])
    const update = rows.body.items[0]!
    expect(update.actorName).toBe('huixin.admin')
    expect(update.ip).toBeTruthy()
    expect(update.before.displayName).toBe('审计探针')
    expect(update.after.displayName).toBe('审计探针2')
    const all = JSON.stringify((await admin.get('/api/v1/audit?pageSize=200')).body)
    expect(all).not.toContain('abcd1234')
  })

  it('a failed change leaves no audit record behind (same transaction)', async () => {
    const admin = await env.login('huixin.admin')
    const before = (await admin.get<{ total: number }>('/api/v1/audit?operation=user.create')).body.total
    expect(
      (await admin.post('/api/v1/users', { username: 'huixin.cs', displayName: 'dup', password: 'abcd1234' })).status,
    ).toBe(409)
    expect((await admin.get<{ total: number }>('/api/v1/audit?operation=user.create')).body.total).toBe(before)
  })

  it('the application cannot update or delete audit rows', async () => {
    await expect(
      env.platform.db.tx(SYSTEM, (tx) => tx.execute(sql`update audit_log set operation = 'x' where id = 1`)),
    ).rejects.toThrow()
    await expect(
      env.platform.db.tx(SYSTEM, (tx) => tx.execute(sql`delete from audit_log where id = 1`)),
    ).rejects.toThrow()
  })

  it('verify passes on an untouched trail and names an edited row', async () => {
    const admin = await env.login('admin')
    expect((await admin.post<{ ok: boolean }>('/api/v1/audit/verify', {})).body.ok).toBe(true)
    const [victim] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: number }[][number]>(
        tx,
        sql`select id, chain, seq from audit_log where operation = 'user.create' order by id desc limit 1`,
      ),
    )
    await tamper(env.platform.db, `UPDATE audit_log SET after = '{"username":"someone-else"}' WHERE id = ${victim!.id}`)
    const res = await admin.post<{ ok: boolean; problems: { id: number; kind: string }[] }>('/api/v1/audit/verify', {})
    expect(res.body.ok).toBe(false)
    expect(res.body.problems).toContainEqual(expect.objectContaining({ id: Number(victim!.id), kind: 'edited' }))
  })

  it('verify names deleted and reordered rows', async () => {
    const db = env.platform.db
    const rows = await db.tx(SYSTEM, (tx) =>
      queryRows<{ id: number; chain: string; seq: number }[][number]>(
        tx,
        sql`select id, chain, seq from audit_log where chain <> 'platform' order by chain, seq`,
      ),
    )
    const sizes = new Map<string, number>()
    for (const r of rows) sizes.set(r.chain, (sizes.get(r.chain) ?? 0) + 1)
    const chain = [...sizes].sort((p, q) => q[1] - p[1])[0]![0]
    const inChain = rows.filter((r) => r.chain === chain)
    expect(inChain.length).toBeGreaterThan(3)
    await tamper(db, `DELETE FROM audit_log WHERE id = ${inChain[1]!.id}`)
    let result = await db.tx(SYSTEM, (tx) => verifyAuditChains(tx, { chain }))
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'missing', seq: Number(inChain[1]!.seq) }))
    // swap the sequence numbers of two later rows
    const [x, y] = [inChain[2]!, inChain[3]!]
    await tamper(
      db,
      `UPDATE audit_log SET seq = -1 WHERE id = ${x.id}; UPDATE audit_log SET seq = ${x.seq} WHERE id = ${y.id}; UPDATE audit_log SET seq = ${y.seq} WHERE id = ${x.id}`,
    )
    result = await db.tx(SYSTEM, (tx) => verifyAuditChains(tx, { chain }))
    const kinds = result.problems.filter((p) => p.id === Number(x.id) || p.id === Number(y.id)).map((p) => p.kind)
    expect(kinds).toContain('reordered')
  })
})

describe('xindai audit verify (CLI)', () => {
  it('exits 0 on an intact trail, and fails naming the row after a direct edit', async () => {
    if (testDbKind === 'pg') {
      const t = await startTestEnv()
      const url = t.platform.config.databaseUrl ?? ''
      // PostgreSQL allows the CLI to connect while the test holds its own pool
      await checkCli(
        { DATABASE_URL: url },
        async () => t.platform.db,
        async () => {},
      )
      await t.close()
      return
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'xindai-audit-'))
    // the staff part of the demo is enough to have a trail; the loan books would only add minutes
    const first = await createPlatform({ ...testConfig(), dataDir })
    await first.db.tx(SYSTEM, (tx) => loadDemoStaff(tx))
    await first.db.close()
    // PGlite holds its data directory exclusively: the test closes it whenever the CLI runs
    await checkCli(
      { DATA_DIR: dataDir },
      async () => (await createPlatform({ ...testConfig(), dataDir })).db,
      (db) => db.close(),
    )
    rmSync(dataDir, { recursive: true, force: true })
  }, 240_000)
})

async function checkCli(
  extraEnv: Record<string, string>,
  open: () => Promise<Database>,
  release: (db: Database) => Promise<void>,
) {
  const run = () =>
    spawnSync(process.execPath, [CLI, 'audit', 'verify'], {
      env: { ...process.env, XINDAI_SECRET: 'test-secret', XINDAI_LOG_LEVEL: 'silent', ...extraEnv },
      encoding: 'utf8',
      timeout: 90_000,
    })
  const good = run()
  expect(good.status, good.stderr).toBe(0)
  expect(good.stdout).toContain('audit trail OK')
  const db = await open()
  const [row] = await db.tx(SYSTEM, (tx) =>
    queryRows<{ id: number }[][number]>(tx, sql`select id from audit_log order by id desc limit 1`),
  )
  await tamper(db, `UPDATE audit_log SET actor_name = 'mallory' WHERE id = ${row!.id}`)
  await release(db)
  const bad = run()
  expect(bad.status, bad.stderr).toBe(1)
  expect(bad.stderr).toContain(`id=${row!.id}`)
  expect(bad.stderr).toContain('edited')
}
