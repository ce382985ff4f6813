/** Daily close over HTTP: start (202, runs in the background), progress, history, permissions, bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv()
})
afterAll(() => env?.close())

type Run = {
  id: string
  businessDate: string
  status: string
  loansTotal: number
  loansDone: number
  request: { fromDate: string; toDate: string; daysTotal: number; daysDone: number; status: string }
  institutionBusinessDate: string
}

describe('COB routes', () => {
  it('finance starts a close over two days; it answers 202 and the run finishes in the background', async () => {
    const fin = await env.login('huixin.finance')
    const before = (await fin.get<{ businessDate: string; items: unknown[] }>('/api/v1/cob/runs')).body.businessDate
    const next2 = new Date(Date.parse(`${before}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10)
    const res = await fin.post<{ id: string; fromDate: string; toDate: string }>('/api/v1/cob/runs', { toDate: next2 })
    expect(res.status).toBe(202)
    expect(res.body.toDate).toBe(next2)
    let run: Run | undefined
    for (let i = 0; i < 200; i++) {
      run = (await fin.get<Run>(`/api/v1/cob/runs/${res.body.id}`)).body
      if (run.request.status === 'completed') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(run!.request).toMatchObject({ daysTotal: 2, daysDone: 2, status: 'completed', toDate: next2 })
    expect(run!.institutionBusinessDate).toBe(next2)
    const history = await fin.get<{
      items: { businessDate: string; status: string }[]
      total: number
      businessDate: string
    }>(`/api/v1/cob/runs?requestId=${res.body.id}`)
    expect(history.body.items.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(history.body.businessDate).toBe(next2)
    // the start is on the audit trail
    const admin = await env.login('huixin.admin')
    const trail = await admin.get<{ items: { operation: string }[] }>(`/api/v1/audit?objectId=${res.body.id}`)
    expect(trail.body.items.map((i) => i.operation)).toContain('cob.run')
  })

  it('refuses a date that is not later than the business date, bad dates and unknown fields', async () => {
    const fin = await env.login('huixin.finance')
    const bd = (await fin.get<{ businessDate: string }>('/api/v1/cob/runs')).body.businessDate
    expect((await fin.post('/api/v1/cob/runs', { toDate: bd })).status).toBe(422)
    expect((await fin.post('/api/v1/cob/runs', { toDate: '2026-02-30' })).status).toBe(422)
    expect((await fin.post('/api/v1/cob/runs', { toDate: 20261201 })).status).toBe(400)
    expect((await fin.post('/api/v1/cob/runs', { toDate: '2099-01-01' })).status).toBe(422) // too many days
    expect((await fin.post('/api/v1/cob/runs', { to: '2026-12-01' })).status).toBe(400)
    expect((await fin.get('/api/v1/cob/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('needs cob.run: customer service may not start or read the close', async () => {
    const cs = await env.login('huixin.cs')
    expect((await cs.post('/api/v1/cob/runs', {})).status).toBe(403)
    expect((await cs.get('/api/v1/cob/runs')).status).toBe(403)
  })
})
