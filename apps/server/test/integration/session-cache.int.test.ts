/**
 * The in-process session cache (platform/http/session-cache.ts): what this process changes takes
 * effect at once; what another process changes arrives within XINDAI_SESSION_CACHE_MS.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setBusinessDate } from '../../src/platform/clock.ts'
import { addDays } from '../../src/platform/dates.ts'
import { SYSTEM } from '../../src/platform/db/open.ts'
import { startTestEnv, type TestEnv } from '../harness.ts'

const TTL_MS = 400
type Me = { institution: { id: string; businessDate: string } }

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv({ sessionCacheMs: TTL_MS })
})
afterAll(() => env?.close())

describe('session cache', () => {
  it('a revocation written by another process reaches this one within the TTL', async () => {
    const c = await env.login('jinqiao.cs')
    expect((await c.get('/api/v1/me')).status).toBe(200)
    // what a logout or freeze in another process does to the shared database
    await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(
        sql`update sessions set revoked_at = now() where revoked_at is null and user_id = (select id from users where username = 'jinqiao.cs')`,
      ),
    )
    await new Promise((r) => setTimeout(r, TTL_MS + 100))
    const res = await c.get<{ code: string }>('/api/v1/me')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('unauthenticated')
  })

  it('a logout in this process ends the session at once', async () => {
    const c = await env.login('jinqiao.risk')
    expect((await c.get('/api/v1/me')).status).toBe(200)
    const cookie = c.cookies.get('xd_session')!
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204)
    const replay = env.client()
    replay.cookies.set('xd_session', cookie)
    expect((await replay.get('/api/v1/me')).status).toBe(401)
  })

  it('a business-date change in this process shows at once', async () => {
    const c = await env.login('jinqiao.finance')
    const before = (await c.get<Me>('/api/v1/me')).body.institution
    const next = addDays(before.businessDate, 1)
    await env.platform.db.tx(SYSTEM, (tx) => setBusinessDate(tx, before.id, next))
    try {
      expect((await c.get<Me>('/api/v1/me')).body.institution.businessDate).toBe(next)
    } finally {
      await env.platform.db.tx(SYSTEM, (tx) => setBusinessDate(tx, before.id, before.businessDate))
    }
  })

  it('taking a position away from a user takes effect on their next request', async () => {
    const user = await env.login('jinqiao.collector2')
    const admin = await env.login('jinqiao.admin')
    const { body } = await admin.get<{ items: { id: string; positions: { id: string }[] }[] }>(
      '/api/v1/users?q=jinqiao.collector2',
    )
    const u = body.items[0]!
    expect((await user.get('/api/v1/collections/my-cases')).status).toBe(200)
    const res = await admin.patch(`/api/v1/users/${u.id}`, { positionIds: [] })
    expect(res.status, res.text).toBe(200)
    try {
      expect((await user.get('/api/v1/collections/my-cases')).status).toBe(403)
    } finally {
      await admin.patch(`/api/v1/users/${u.id}`, { positionIds: u.positions.map((p) => p.id) })
    }
  })
})
