/** Borrower sign-up and sign-in by phone and one-time code, read from the Outbox like a demo user would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

type Problem = { code: string; errors?: { field: string }[] }

let env: TestEnv
let admin: Client
beforeAll(async () => {
  env = await startTestEnv({
    otp: { ttlSeconds: 300, resendSeconds: 60, maxPerPhonePerDay: 3, maxPerIpPerHour: 100, maxAttempts: 3 },
  })
  admin = await env.login('admin')
})
afterAll(() => env?.close())

async function latestCode(phone: string): Promise<string> {
  const res = await admin.get<{ items: { body: string; recipient: string }[] }>(
    `/api/v1/notifications?q=${phone}&pageSize=1`,
  )
  const body = res.body.items[0]?.body ?? ''
  return /(\d{6})/.exec(body)?.[1] ?? ''
}

describe('borrower sign-in by one-time code', () => {
  it('a new phone signs up, the code arrives in the outbox (phone masked), and the session works', async () => {
    const b = env.client()
    const sent = await b.post<{ retryAfterSeconds: number }>('/api/v1/borrower/otp', { phone: '13800138001' })
    expect(sent.status).toBe(202)
    const outbox = await admin.get<{ items: { recipient: string; channel: string }[] }>(
      '/api/v1/notifications?q=13800138001',
    )
    expect(outbox.body.items[0]).toMatchObject({ recipient: '138****8001', channel: 'sms' })
    const login = await b.post<{ isNew: boolean; phoneMasked: string }>('/api/v1/borrower/login', {
      phone: '13800138001',
      code: await latestCode('13800138001'),
    })
    expect(login.status).toBe(200)
    expect(login.body).toMatchObject({ isNew: true, phoneMasked: '138****8001' })
    const me = await b.get<{ phoneMasked: string }>('/api/v1/borrower/me')
    expect(me.body.phoneMasked).toBe('138****8001')
    // a borrower session is not a staff session
    expect((await b.get('/api/v1/me')).status).toBe(401)
  })

  it('a code works once; the same phone signs in again as an existing borrower', async () => {
    const b = env.client()
    await b.post('/api/v1/borrower/otp', { phone: '13800138002' })
    const code = await latestCode('13800138002')
    expect((await b.post('/api/v1/borrower/login', { phone: '13800138002', code })).status).toBe(200)
    expect((await env.client().post<Problem>('/api/v1/borrower/login', { phone: '13800138002', code })).body.code).toBe(
      'invalid_code',
    )
  })

  it('wrong codes are limited: after the attempt cap even the right code fails', async () => {
    const b = env.client()
    await b.post('/api/v1/borrower/otp', { phone: '13800138003' })
    const code = await latestCode('13800138003')
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 3; i++)
      expect((await b.post<Problem>('/api/v1/borrower/login', { phone: '13800138003', code: wrong })).status).toBe(401)
    expect((await b.post<Problem>('/api/v1/borrower/login', { phone: '13800138003', code })).body.code).toBe(
      'invalid_code',
    )
  })

  it('requesting codes too often is rate limited with Retry-After', async () => {
    const b = env.client()
    expect((await b.post('/api/v1/borrower/otp', { phone: '13800138004' })).status).toBe(202)
    const again = await b.post<Problem>('/api/v1/borrower/otp', { phone: '13800138004' })
    expect(again.status).toBe(429)
    expect(again.body.code).toBe('rate_limited')
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('a malformed phone or code is a field error', async () => {
    const b = env.client()
    const phone = await b.post<Problem>('/api/v1/borrower/otp', { phone: '12345' })
    expect(phone.status).toBe(400)
    expect(phone.body.errors?.[0]?.field).toBe('body.phone')
    const code = await b.post<Problem>('/api/v1/borrower/login', { phone: '13800138005', code: 'abc' })
    expect(code.body.errors?.[0]?.field).toBe('body.code')
  })

  it('only staff with pii.read may see full phone numbers, and that read is audited', async () => {
    const full = await admin.get<{ items: { recipient: string }[] }>('/api/v1/notifications?q=13800138001&unmask=true')
    expect(full.body.items[0]?.recipient).toBe('13800138001')
    const audit = await admin.get<{ total: number }>('/api/v1/audit?operation=pii.unmask')
    expect(audit.body.total).toBeGreaterThan(0)
    const operator = await env.login('operator')
    const masked = await operator.get<{ items: { recipient: string }[] }>(
      '/api/v1/notifications?q=13800138001&unmask=true',
    )
    expect(masked.body.items[0]?.recipient).toBe('138****8001')
  })
})
