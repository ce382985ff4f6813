/**
 * Collection strategies: segments validated as a whole (overlaps and bad ranges named field by field,
 * in both languages), drafts edited and audited, a champion activated (open cases segmented at once,
 * the segment's priority leading the urgency order), a challenger on a stable share of the cases
 * that the daily close keeps, results per strategy and segment (JSON and CSV), and another
 * institution's strategy answering 404.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { challengerBucket } from '../../src/modules/collections/domain/strategy.ts'
import { setCollectionsWallClock } from '../../src/modules/collections/index.ts'
import { institutions } from '../../src/modules/identity/schema.ts'
import { runCob } from '../../src/modules/servicing/cob/index.ts'
import { getBusinessDate } from '../../src/platform/clock.ts'
import { addDays } from '../../src/platform/dates.ts'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let admin: Client
let finance: Client
let lead: Client
let other: Client
let huixin: string
let D0: string
let productId: string
const ids: Record<string, string> = {}
let keySeq = 0
const key = () => `strat-${Date.now()}-${++keySeq}`
const S = '/api/v1/collections/strategies'

type Problem = { status: number; code: string; detail?: string; errors?: { field: string; message: string }[] }
type Strategy = { id: string; status: string; role: string | null; version: number; casesResegmented?: number }

const seg = (code: string, o: Record<string, unknown> = {}) => ({
  code,
  name: `分群 ${code}`,
  channels: [{ channel: 'call', weight: 100 }],
  priority: 3,
  ...o,
})
const closeTo = (date: string) => runCob({ db: env.platform.db, institutionId: huixin, toDate: date, trigger: 'test' })
const openCases = () =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ id: string; loan_id: string; strategy_id: string | null; segment_code: string | null }>(
      tx,
      sql`select id, loan_id, strategy_id, segment_code from collection_cases where institution_id = ${huixin}::uuid
        and status in ('unassigned', 'assigned')`,
    ),
  )
const caseOfLoan = async (loanId: string) => (await openCases()).find((c) => c.loan_id === loanId)!

async function newLoan(name: string, amount: string): Promise<string> {
  const res = await finance.post<{ id: string }>('/api/v1/loans', {
    productId,
    amount,
    term: 7,
    method: 'bullet',
    borrowerName: name,
  })
  expect(res.status, res.text).toBe(201)
  const d = await finance.post(
    `/api/v1/loans/${res.body.id}/disburse`,
    { external: { reference: `EXT-${key()}`, valueDate: D0 } },
    { 'idempotency-key': key() },
  )
  expect(d.status, d.text).toBe(200)
  return res.body.id
}

beforeAll(async () => {
  env = await startTestEnv()
  admin = await env.login('huixin.admin')
  finance = await env.login('huixin.finance')
  lead = await env.login('huixin.collectlead')
  other = await env.login('ruifeng.admin')
  await env.platform.db.tx(SYSTEM, async (tx) => {
    huixin = (await tx.select().from(institutions).where(eq(institutions.code, 'huixin')))[0]!.id
    D0 = await getBusinessDate(tx, huixin)
  })
  const p = await admin.post<{ id: string }>('/api/v1/products', {
    name: `策略测试短期贷 ${key()}`,
    minAmount: '500.00',
    maxAmount: '9000.00',
    minTerm: 7,
    maxTerm: 30,
    termUnit: 'day',
    annualRatePercent: '15',
  })
  expect(p.status, p.text).toBe(201)
  productId = p.body.id
  expect((await admin.post(`/api/v1/products/${productId}/list`, {})).status).toBe(200)
  setCollectionsWallClock({ now: () => new Date('2026-09-01T10:00:00+08:00') })
  ids.small = await newLoan('策略小额', '1000.00')
  ids.large = await newLoan('策略大额', '3000.00')
  await closeTo(addDays(D0, 8)) // due D0+7 → DPD 1, S1
}, 600_000)
afterAll(async () => {
  setCollectionsWallClock({ now: () => new Date() })
  await env?.close()
})

describe('strategies', () => {
  it('overlapping, inverted or malformed segments are refused with 400 naming the field; nothing is stored', async () => {
    const before = (await admin.get<{ total: number }>(S)).body.total
    const overlap = await admin.post<Problem>(S, {
      name: '重叠',
      segments: [
        seg('a', { stages: ['S1'], maxAmount: '5000.00' }),
        seg('b', { stages: ['S1'], minAmount: '4000.00' }),
      ],
    })
    expect(overlap.status).toBe(400)
    expect(overlap.body.errors).toEqual([
      { field: 'body.segments.1', message: '分群 b 与 a 的条件重叠：同一案件不能同时属于两个分群' },
    ])
    admin.locale = 'en-US'
    const inverted = await admin.post<Problem>(S, {
      name: 'inverted',
      segments: [seg('x', { minAmount: '500.00', maxAmount: '100.00' }), seg('y', { stages: ['S9'] })],
    })
    admin.locale = 'zh-CN'
    expect(inverted.status).toBe(400)
    expect(inverted.body.errors).toEqual([
      {
        field: 'body.segments.0.maxAmount',
        message: 'The range 500.00–100.00 of segment x is invalid: the lower bound must be below the upper bound',
      },
      { field: 'body.segments.1.stages', message: 'The stage S9 does not exist in this institution' },
    ])
    const negative = await admin.post<Problem>(S, { name: '负数', segments: [seg('a', { minAmount: '-5.00' })] })
    expect(negative.status).toBe(400)
    expect(negative.body.errors![0]!.field).toBe('body.segments.0.minAmount')
    const weights = await admin.post<Problem>(S, {
      name: '权重',
      segments: [
        seg('a', {
          channels: [
            { channel: 'sms', weight: 60 },
            { channel: 'call', weight: 30 },
          ],
        }),
      ],
    })
    expect(weights.status).toBe(400)
    expect(weights.body.errors![0]!.message).toContain('100%')
    const unknown = await admin.post<Problem>(S, { name: '未知字段', segments: [seg('a', { colour: 'red' })] })
    expect(unknown.status).toBe(400)
    const unknownTop = await admin.post<Problem>(S, { name: '未知字段', segments: [seg('a')], extra: 1 })
    expect(unknownTop.status).toBe(400)
    const badPriority = await admin.post<Problem>(S, { name: '优先级', segments: [seg('a', { priority: 9 })] })
    expect(badPriority.status).toBe(400)
    expect((await lead.post(S, { name: '无权限', segments: [seg('a')] })).status).toBe(403)
    expect((await admin.get<{ total: number }>(S)).body.total).toBe(before)
  })

  it('a champion segments the open cases at once; its priority leads the urgency order; changes are audited', async () => {
    const created = await admin.post<Strategy>(S, {
      name: '按金额分群',
      segments: [
        seg('small', { stages: ['S1'], maxAmount: '2000.00', priority: 4 }),
        seg('large', { stages: ['S1'], minAmount: '2000.00', priority: 1 }),
        seg('rest', { stages: ['S2', 'S3', 'S4', 'M1', 'M2', 'M3', 'M4+'], priority: 3 }),
      ],
    })
    expect(created.status, created.text).toBe(201)
    expect(created.body).toMatchObject({ status: 'draft', role: null, version: 1 })
    ids.A = created.body.id
    const edited = await admin.put<Strategy>(`${S}/${ids.A}`, {
      name: '按金额分群 A',
      description: '小额短信、大额电话',
      segments: [
        seg('small', {
          stages: ['S1'],
          maxAmount: '2000.00',
          priority: 4,
          channels: [{ channel: 'sms', weight: 100 }],
        }),
        seg('large', { stages: ['S1'], minAmount: '2000.00', priority: 1 }),
        seg('rest', { stages: ['S2', 'S3', 'S4', 'M1', 'M2', 'M3', 'M4+'], priority: 3 }),
      ],
    })
    expect(edited.status, edited.text).toBe(200)
    expect(edited.body.version).toBe(2)
    // the demo's challenger leaves so that every case follows the new champion
    const active = await admin.get<{ items: Strategy[] }>(`${S}?status=active`)
    for (const s of active.body.items.filter((x) => x.role === 'challenger'))
      expect((await admin.post(`${S}/${s.id}/retire`, {})).status).toBe(200)
    const on = await admin.post<Strategy>(`${S}/${ids.A}/activate`, { role: 'champion' })
    expect(on.status, on.text).toBe(200)
    expect(on.body).toMatchObject({ status: 'active', role: 'champion' })
    expect(on.body.casesResegmented).toBeGreaterThan(0)
    const nowActive = await admin.get<{ items: Strategy[] }>(`${S}?status=active`)
    expect(nowActive.body.items.map((s) => s.id)).toEqual([ids.A]) // the demo champion was replaced
    const small = await caseOfLoan(ids.small!)
    const large = await caseOfLoan(ids.large!)
    expect(small).toMatchObject({ strategy_id: ids.A, segment_code: 'small' })
    expect(large).toMatchObject({ strategy_id: ids.A, segment_code: 'large' })
    ids.smallCase = small.id
    ids.largeCase = large.id
    const detail = await admin.get<{ strategy: { name: string; segment: { code: string; channels: unknown[] } } }>(
      `/api/v1/collections/cases/${small.id}`,
    )
    expect(detail.body.strategy).toMatchObject({
      name: '按金额分群 A',
      segment: { code: 'small', channels: [{ channel: 'sms', weight: 100 }] },
    })
    const pool = await admin.get<{ items: { id: string; segmentPriority: number | null }[] }>(
      '/api/v1/collections/cases?status=open&pageSize=200',
    )
    const priorities = pool.body.items.map((c) => c.segmentPriority ?? 99)
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b))
    const order = pool.body.items.map((c) => c.id)
    expect(order.indexOf(large.id)).toBeLessThan(order.indexOf(small.id))
    // an active strategy is not edited (its results are reported by its segments), nor activated twice
    const change = await admin.put<Problem>(`${S}/${ids.A}`, { name: 'x', segments: [seg('a')] })
    expect(change.status).toBe(422)
    expect((await admin.post(`${S}/${ids.A}/activate`, { role: 'champion' })).status).toBe(422)
    const audit = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ operation: string }>(
        tx,
        sql`select operation from audit_log where object_type = 'collection_strategy' and object_id = ${ids.A}
          order by id`,
      ),
    )
    expect(audit.map((a) => a.operation)).toEqual([
      'collection.strategy.create',
      'collection.strategy.update',
      'collection.strategy.activate',
    ])
  })

  it('a challenger takes its share of the cases by a stable bucket, and the close keeps each case in its arm', async () => {
    const b = await admin.post<Strategy>(S, {
      name: '挑战者 B',
      segments: [seg('all', { priority: 2, channels: [{ channel: 'visit', weight: 100 }] })],
    })
    expect(b.status, b.text).toBe(201)
    ids.B = b.body.id
    const noShare = await admin.post<Problem>(`${S}/${ids.B}/activate`, { role: 'challenger' })
    expect(noShare.status).toBe(400)
    expect(noShare.body.errors![0]!.field).toBe('body.challengerPercent')
    expect((await admin.post(`${S}/${ids.B}/activate`, { role: 'challenger', challengerPercent: 80 })).status).toBe(400)
    const on = await admin.post<Strategy>(`${S}/${ids.B}/activate`, { role: 'challenger', challengerPercent: 50 })
    expect(on.status, on.text).toBe(200)
    const arm = (id: string) => (challengerBucket(id) < 50 ? ids.B : ids.A)
    const check = async () => {
      const cases = await openCases()
      expect(cases.length).toBeGreaterThan(10)
      for (const c of cases) expect(c.strategy_id, c.id).toBe(arm(c.id))
      const inB = cases.filter((c) => c.strategy_id === ids.B).length
      expect(inB).toBeGreaterThan(0)
      expect(inB).toBeLessThan(cases.length)
    }
    await check()
    await closeTo(addDays(D0, 9))
    await check()
    const detail = await admin.get<{ openCases: number; openCasesBySegment: Record<string, number> }>(`${S}/${ids.B}`)
    expect(detail.status).toBe(200)
    expect(detail.body.openCases).toBe((await openCases()).filter((c) => c.strategy_id === ids.B).length)
  })

  it('results per strategy and segment count the collected case and what it recovered; CSV too', async () => {
    const pay = await finance.post(
      `/api/v1/loans/${ids.small}/repayments`,
      { amount: '1100.00', channel: 'bank_transfer' },
      { 'idempotency-key': key() },
    )
    expect(pay.status, pay.text).toBe(200)
    await closeTo(addDays(D0, 10))
    const [c] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ status: string }>(tx, sql`select status from collection_cases where id = ${ids.smallCase!}::uuid`),
    )
    expect(c!.status).toBe('collected')
    const from = addDays(D0, 8)
    const to = addDays(D0, 10)
    type Row = {
      segmentCode: string | null
      cases: number
      collected: number
      collectionRate: number | null
      recovered: string
    }
    const report = await admin.get<{ strategies: { strategyId: string; cases: number; segments: Row[] }[] }>(
      `${S}/report?from=${from}&to=${to}`,
    )
    expect(report.status, report.text).toBe(200)
    const smallArm = challengerBucket(ids.smallCase!) < 50 ? ids.B : ids.A
    const arm = report.body.strategies.find((s) => s.strategyId === smallArm)!
    const row = arm.segments.find((g) => g.segmentCode === (smallArm === ids.A ? 'small' : 'all'))!
    expect(row.collected).toBeGreaterThanOrEqual(1)
    expect(row.collectionRate).toBeGreaterThan(0)
    expect(Number(row.recovered)).toBeGreaterThanOrEqual(1000)
    expect(arm.cases).toBe(arm.segments.reduce((n, g) => n + g.cases, 0))
    expect(report.body.strategies.map((s) => s.strategyId)).toEqual(expect.arrayContaining([ids.A, ids.B]))
    const csv = await admin.request('GET', `${S}/report.csv?from=${from}&to=${to}`)
    expect(csv.status).toBe(200)
    expect(csv.text.startsWith('\uFEFFstrategy,role,segment,cases,collected')).toBe(true)
    expect(csv.text).toContain('按金额分群 A')
    expect((await admin.get<Problem>(`${S}/report?from=${to}&to=${from}`)).status).toBe(400)
    expect((await admin.get<Problem>(`${S}/report?from=${from}&extra=1`)).status).toBe(400)
  })

  it("another institution's strategy answers 404 and never shows up", async () => {
    expect((await other.get(`${S}/${ids.A}`)).status).toBe(404)
    expect((await other.put(`${S}/${ids.A}`, { name: 'x', segments: [seg('a')] })).status).toBe(404)
    expect((await other.post(`${S}/${ids.A}/activate`, { role: 'champion' })).status).toBe(404)
    expect((await other.post(`${S}/${ids.B}/retire`, {})).status).toBe(404)
    const list = await other.get<{ items: { id: string }[] }>(`${S}?pageSize=200`)
    expect(list.body.items.map((s) => s.id)).not.toContain(ids.A)
    const report = await other.get<{ strategies: { strategyId: string }[] }>(`${S}/report`)
    expect(report.body.strategies.map((s) => s.strategyId)).not.toContain(ids.A)
  })

  it('retiring the champion leaves the cases outside the challenger without a strategy', async () => {
    const off = await admin.post<Strategy>(`${S}/${ids.A}/retire`, {})
    expect(off.status, off.text).toBe(200)
    expect(off.body.status).toBe('retired')
    for (const c of await openCases()) expect(c.strategy_id, c.id).toBe(challengerBucket(c.id) < 50 ? ids.B : null)
    expect((await admin.post(`${S}/${ids.A}/retire`, {})).status).toBe(422)
  })
})

describe('overdue rate by reviewer and application channel (item 11)', () => {
  type Overdue = { items: { key: string; label: string; due: number; overdue: number; overdueAmount: string }[] }
  const O = '/api/v1/collections/statistics/overdue'
  it('every dimension counts each installment once; reviewers are named; CSV per dimension', async () => {
    const from = addDays(D0, -90)
    const totals: Record<string, number> = {}
    for (const by of ['product', 'vintage', 'channel', 'region', 'reviewer']) {
      const res = await admin.get<Overdue>(`${O}?by=${by}&from=${from}`)
      expect(res.status, res.text).toBe(200)
      totals[by] = res.body.items.reduce((n, i) => n + i.due, 0)
    }
    expect(new Set(Object.values(totals)).size).toBe(1)
    expect(totals.product).toBeGreaterThan(0)
    const reviewers = await admin.get<Overdue>(`${O}?by=reviewer&from=${from}`)
    const [named] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string; name: string }>(
        tx,
        sql`select u.id, u.display_name as name from applications a
          join installments i on i.loan_id = a.loan_id and i.due_date between ${from}::date and ${addDays(D0, 10)}::date
          join users u on u.id = coalesce(a.second_reviewer_id, a.first_reviewer_id)
          where a.institution_id = ${huixin}::uuid limit 1`,
      ),
    )
    // a loan booked directly (these tests) has no application and so no reviewer
    expect(reviewers.body.items.map((i) => i.key)).toContain('—')
    if (named)
      expect(reviewers.body.items).toContainEqual(expect.objectContaining({ key: named.id, label: named.name }))
    const csv = await admin.request('GET', `${O}.csv?by=reviewer&from=${from}`)
    expect(csv.status).toBe(200)
    expect(csv.text.startsWith('\uFEFFreviewer,due,overdue,rateByCount,dueAmount,overdueAmount,rateByAmount')).toBe(
      true,
    )
    expect((await admin.get<Problem>(`${O}?by=teller`)).status).toBe(400)
  })
})
