import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM } from '../../src/platform/db/open.ts'
import { clearSessionCache } from '../../src/platform/http/session-cache.ts'
import { startTestEnv, type TestEnv } from '../harness.ts'

type Problem = { code: string; title: string; errors?: { field: string; message: string }[] }

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv({ sessionIdleMinutes: 30 })
})
afterAll(() => env?.close())

describe('staff sign-in', () => {
  it('a demo admin signs in and sees their profile and permissions', async () => {
    const c = await env.login('admin')
    const me = await c.get<{ username: string; permissions: string[]; scope: string; institution: { kind: string } }>(
      '/api/v1/me',
    )
    expect(me.status).toBe(200)
    expect(me.body.username).toBe('admin')
    expect(me.body.scope).toBe('platform')
    expect(me.body.institution.kind).toBe('platform')
    expect(me.body.permissions).toContain('user.manage')
  })

  it('a wrong password is refused and the account locks after five failures until an admin unlocks it', async () => {
    const c = env.client()
    for (let i = 0; i < 4; i++)
      expect(
        (await c.post<Problem>('/api/v1/auth/login', { username: 'jinqiao.finance', password: 'wrong-1' })).body.code,
      ).toBe('invalid_credentials')
    const fifth = await c.post<Problem>('/api/v1/auth/login', { username: 'jinqiao.finance', password: 'wrong-1' })
    expect(fifth.body.code).toBe('locked')
    // even the right password is refused while locked
    const locked = await c.post<Problem>('/api/v1/auth/login', { username: 'jinqiao.finance', password: 'demo1234' })
    expect(locked.status).toBe(423)
    const admin = await env.login('jinqiao.admin')
    const list = await admin.get<{ items: { id: string; locked: boolean }[] }>('/api/v1/users?q=jinqiao.finance')
    expect(list.body.items[0]?.locked).toBe(true)
    const unlock = await admin.post(`/api/v1/users/${list.body.items[0]!.id}/unlock`)
    expect(unlock.status).toBe(200)
    expect((await c.post('/api/v1/auth/login', { username: 'jinqiao.finance', password: 'demo1234' })).status).toBe(200)
  })

  it('an unknown user gets the same answer as a wrong password', async () => {
    const res = await env.client().post<Problem>('/api/v1/auth/login', { username: 'nobody-here', password: 'x' })
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_credentials')
  })

  it('freezing a user ends their sessions and refuses new sign-ins; unfreezing lets them back', async () => {
    const user = await env.login('ruifeng.cs')
    expect((await user.get('/api/v1/me')).status).toBe(200)
    const admin = await env.login('ruifeng.admin')
    const { body } = await admin.get<{ items: { id: string }[] }>('/api/v1/users?q=ruifeng.cs')
    const id = body.items[0]!.id
    expect((await admin.post<{ status: string }>(`/api/v1/users/${id}/freeze`)).body.status).toBe('frozen')
    expect((await user.get<Problem>('/api/v1/me')).status).toBe(401)
    expect(
      (await env.client().post<Problem>('/api/v1/auth/login', { username: 'ruifeng.cs', password: 'demo1234' })).body
        .code,
    ).toBe('frozen')
    await admin.post(`/api/v1/users/${id}/unfreeze`)
    expect(
      (await env.client().post('/api/v1/auth/login', { username: 'ruifeng.cs', password: 'demo1234' })).status,
    ).toBe(200)
  })

  it('logout revokes the session on the server', async () => {
    const c = await env.login('huixin.cs')
    const cookie = c.cookies.get('xd_session')!
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204)
    const replay = env.client()
    replay.cookies.set('xd_session', cookie)
    expect((await replay.get<Problem>('/api/v1/me')).body.code).toBe('unauthenticated')
  })

  it('an idle session expires with a clear answer', async () => {
    const c = await env.login('huixin.risk')
    await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(
        sql`update sessions set last_seen_at = now() - interval '31 minutes' where revoked_at is null and user_id = (select id from users where username = 'huixin.risk')`,
      ),
    )
    // the SQL above bypasses this process, like another process would; its cache would serve the
    // session for up to XINDAI_SESSION_CACHE_MS (session-cache.int.test.ts) — here we want the expiry
    clearSessionCache()
    const res = await c.get<Problem>('/api/v1/me')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('session_expired')
  })

  it('changing the password needs the current one and then works for the next sign-in', async () => {
    const c = await env.login('huixin.finance')
    const wrong = await c.post<Problem>('/api/v1/me/password', { currentPassword: 'nope', newPassword: 'newpass123' })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors?.[0]?.field).toBe('body.currentPassword')
    const weak = await c.post<Problem>('/api/v1/me/password', { currentPassword: 'demo1234', newPassword: 'short' })
    expect(weak.body.errors?.[0]?.field).toBe('body.newPassword')
    expect(
      (await c.post('/api/v1/me/password', { currentPassword: 'demo1234', newPassword: 'newpass123' })).status,
    ).toBe(204)
    expect(
      (await env.client().post('/api/v1/auth/login', { username: 'huixin.finance', password: 'newpass123' })).status,
    ).toBe(200)
  })

  it('going online and offline is recorded', async () => {
    const c = await env.login('huixin.review1')
    const on = await c.put<{ online: boolean }>('/api/v1/me/status', { online: true })
    expect(on.body.online).toBe(true)
    expect((await c.get<{ online: boolean }>('/api/v1/me')).body.online).toBe(true)
    const admin = await env.login('huixin.admin')
    const audit = await admin.get<{ items: { operation: string }[] }>('/api/v1/audit?operation=user.online')
    expect(audit.body.items.length).toBeGreaterThan(0)
  })
})

describe('bad requests get a clear 4xx problem in the caller language', () => {
  it('no session → 401 unauthenticated', async () => {
    const res = await env.client().get<Problem>('/api/v1/users')
    expect(res.status).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.body.code).toBe('unauthenticated')
  })

  it('a cookie-authenticated write without the CSRF header → 403 csrf', async () => {
    const c = await env.login('admin')
    const res = await c.request<Problem>('POST', '/api/v1/teams', { name: 'x' }, { 'x-csrf-token': 'forged' })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('csrf')
  })

  it('malformed JSON → 400 malformed_json', async () => {
    const c = await env.login('admin')
    const res = await c.request<Problem>('POST', '/api/v1/teams', '{"name": ')
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('malformed_json')
  })

  it('unknown fields are rejected and named (no mass assignment)', async () => {
    const c = await env.login('admin')
    const res = await c.post<Problem>('/api/v1/users', {
      username: 'mass1',
      displayName: 'M',
      password: 'abcd1234',
      status: 'frozen',
      isAdmin: true,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors?.map((e) => e.field).sort()).toEqual(['body.isAdmin', 'body.status'])
  })

  it('wrong types are named per field, in Chinese and in English', async () => {
    const c = await env.login('admin')
    const zh = await c.post<Problem>('/api/v1/users', { username: 12, displayName: 'M', password: 'abcd1234' })
    expect(zh.body.title).toBe('请求参数有误')
    expect(zh.body.errors?.[0]?.field).toBe('body.username')
    c.locale = 'en-US'
    const en = await c.post<Problem>('/api/v1/users', { displayName: 'M', password: 'abcd1234' })
    expect(en.body.title).toBe('Invalid request')
    expect(en.body.errors?.[0]).toEqual({ field: 'body.username', message: 'Required' })
  })

  it('an oversize body → 413', async () => {
    const c = await env.login('admin')
    const res = await c.request<Problem>('POST', '/api/v1/teams', { name: 'x'.repeat(2_000_000) })
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('payload_too_large')
  })

  it('a non-JSON content type → 415', async () => {
    const c = await env.login('admin')
    const res = await c.request<Problem>('POST', '/api/v1/teams', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(res.status).toBe(415)
  })

  it('a bad id or query value → 400, an unknown route → 404 problem', async () => {
    const c = await env.login('admin')
    expect((await c.get<Problem>('/api/v1/users/not-a-uuid')).status).toBe(400)
    expect((await c.get<Problem>('/api/v1/users?pageSize=100000')).status).toBe(400)
    expect((await c.get<Problem>('/api/v1/users?page=abc')).status).toBe(400)
    const missing = await c.get<Problem>('/api/v1/no-such-thing')
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('not_found')
  })

  it('an operation the caller lacks → 403 forbidden', async () => {
    const c = await env.login('huixin.collector1')
    const res = await c.get<Problem>('/api/v1/users')
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
  })

  it('a duplicate username → 409 naming the field, and nothing is half-written', async () => {
    const c = await env.login('huixin.admin')
    const res = await c.post<Problem>('/api/v1/users', {
      username: 'huixin.cs',
      displayName: 'dup',
      password: 'abcd1234',
    })
    expect(res.status).toBe(409)
    expect(res.body.errors?.[0]?.field).toBe('body.username')
  })
})

describe('organisation lists', () => {
  it('roles, positions, teams and institutions carry real counts', async () => {
    const admin = await env.login('huixin.admin')
    const roles = (await admin.get<{ code: string; positionCount: number }[]>('/api/v1/roles')).body
    expect(roles.find((r) => r.code === 'reviewer')?.positionCount).toBe(3)
    const positions = (await admin.get<{ code: string; userCount: number }[]>('/api/v1/positions')).body
    expect(positions.find((p) => p.code === 'collector_s1')?.userCount).toBe(1)
    const teams = (await admin.get<{ name: string; memberCount: number }[]>('/api/v1/teams')).body
    expect(teams.find((t) => t.name === '信审一组')?.memberCount).toBe(3)
    const inst = (await admin.get<{ items: { userCount: number }[] }>('/api/v1/institutions')).body.items[0]
    expect(inst?.userCount).toBeGreaterThanOrEqual(11)
  })
})

describe('health and API docs', () => {
  it('healthz and readyz answer; the OpenAPI document lists every route with its schemas', async () => {
    const c = env.client()
    expect((await c.get('/healthz')).status).toBe(200)
    expect((await c.get<{ status: string }>('/readyz')).body.status).toBe('ready')
    const doc = await c.get<{
      openapi: string
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>
    }>('/api/openapi.json')
    expect(doc.body.openapi).toBe('3.1.0')
    const routes = env.app.printRoutes({ commonPrefix: false })
    for (const path of [
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/audit',
      '/api/v1/borrower/otp',
      '/api/v1/search',
    ])
      expect(doc.body.paths[path]).toBeDefined()
    expect(doc.body.paths['/api/v1/users']?.post?.requestBody).toBeDefined()
    expect(routes).toContain('/api/v1/users')
  })
})
