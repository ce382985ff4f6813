/**
 * kill -9 in the middle of a daily close, then run it again: the result is exactly that of an
 * uninterrupted run (loans, schedule, journal, events, run records). A real child process
 * (`xindai cob`) on a PostgreSQL server is killed with SIGKILL; PGlite has no second process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCob } from '../../src/modules/servicing/cob/run-cob.ts'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { createTestPlatform, type TestPlatform, testDbKind } from '../harness.ts'
import { createCobInstitution, dumpInstitution, randomLoans, seedLoans, unbalancedEntries } from './cob-support.ts'

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'xindai.mjs')
const CODE = 'cobkill'
const START = '2026-09-01'
const TO = '2026-09-06'
const CHUNK = 5
const LOANS = 60 // 12 chunks a day

type Cob = { child: ChildProcess; committed: () => number; exited: Promise<number | null>; output: () => string }

function startCob(databaseUrl: string, extraEnv: Record<string, string> = {}): Cob {
  const child = spawn(process.execPath, [CLI, 'cob', '--to', TO, '--institution', CODE], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      XINDAI_LOG_LEVEL: 'silent',
      XINDAI_SECRET: 'test-secret',
      XINDAI_COB_CHUNK_SIZE: String(CHUNK),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let n = 0
  child.stdout!.on('data', (d: Buffer) => {
    const s = d.toString()
    out += s
    n += s.split('\n').filter((l) => l.includes('committed')).length
  })
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, committed: () => n, exited, output: () => out }
}

async function until(cond: () => boolean, timeoutMs = 90_000) {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

if (testDbKind === 'pg') {
  describe('kill -9 mid-run, then run again = an uninterrupted run (PostgreSQL, real process)', () => {
    let reference: TestPlatform
    let victim: TestPlatform
    let refInst: string
    let victimInst: string

    beforeAll(async () => {
      reference = await createTestPlatform()
      victim = await createTestPlatform()
      const loans = randomLoans(42, LOANS, START)
      refInst = await createCobInstitution(reference.db, CODE, START)
      victimInst = await createCobInstitution(victim.db, CODE, START)
      await seedLoans(reference.db, refInst, loans)
      await seedLoans(victim.db, victimInst, loans)
    }, 180_000)
    afterAll(async () => {
      await reference?.close()
      await victim?.close()
    })

    it('reference: the whole close in one go', async () => {
      const days = await runCob({ db: reference.db, institutionId: refInst, toDate: TO, chunkSize: CHUNK })
      expect(days).toHaveLength(5)
    }, 120_000)

    it('killed twice (between chunks and at a random moment), resumed, ends identical', async () => {
      const url = victim.config.databaseUrl!
      // 1. slow chunks; SIGKILL after the 15th chunk committed (day 2 of 5, chunk 3 of 12)
      const first = startCob(url, { XINDAI_COB_TEST_CHUNK_DELAY_MS: '150' })
      await until(() => first.committed() >= 15)
      first.child.kill('SIGKILL')
      await first.exited
      const mid = await victim.db.tx(SYSTEM, (tx) =>
        queryRows<{ business_date: string; status: string; chunks_done: number; loans_done: number }>(
          tx,
          sql`select business_date::text, status, chunks_done, loans_done from cob_runs
            where institution_id = ${victimInst}::uuid order by business_date`,
        ),
      )
      expect(mid.map((r) => r.status)).toEqual(['completed', 'running'])
      expect(Number(mid[1]!.chunks_done)).toBeGreaterThanOrEqual(3)
      expect(Number(mid[1]!.chunks_done)).toBeLessThan(12)
      const [bd] = await victim.db.tx(SYSTEM, (tx) =>
        queryRows<{ d: string }>(
          tx,
          sql`select business_date::text as d from business_dates where institution_id = ${victimInst}::uuid`,
        ),
      )
      expect(bd!.d).toBe('2026-09-02') // day 2 not finished: the business date did not move
      // loans done so far carry day 2, the rest still day 1 — exactly the committed chunks
      const [split] = await victim.db.tx(SYSTEM, (tx) =>
        queryRows<{ done: number }>(
          tx,
          sql`select count(*) filter (where last_cob_date = '2026-09-03')::int as done from loans
            where institution_id = ${victimInst}::uuid`,
        ),
      )
      expect(Number(split!.done)).toBe(Number(mid[1]!.loans_done))

      // 2. resume at full speed and kill again at a random moment (possibly inside a chunk's transaction)
      const second = startCob(url)
      await until(() => second.committed() >= 1)
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)))
      second.child.kill('SIGKILL')
      await second.exited

      // 3. run to the end
      const third = startCob(url)
      expect(await third.exited).toBe(0)
      expect(third.output()).toContain('daily close done')

      const a = await dumpInstitution(reference.db, refInst)
      const b = await dumpInstitution(victim.db, victimInst)
      expect((a.events as unknown[]).length).toBeGreaterThan(0)
      expect(b).toEqual(a)
      expect(await unbalancedEntries(victim.db, victimInst)).toEqual([])

      // and once more: nothing left to do, nothing changes
      const fourth = startCob(url)
      expect(await fourth.exited).toBe(0)
      expect(await dumpInstitution(victim.db, victimInst)).toEqual(a)
    }, 240_000)
  })
}
