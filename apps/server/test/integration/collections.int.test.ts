/**
 * Collections end to end: stage-set validation, the case flow through real daily closes (enter S1,
 * move to S2 → unassigned, repay → collected, a later delinquency → a new case, write-off → closed,
 * idempotent per day), assignment rules, "my cases" isolation, records and promises (kept, broken),
 * and enforced contact compliance — with bad input answered 4xx without changing anything.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCaseFlow, setCollectionsWallClock } from '../../src/modules/collections/index.ts'
import { institutions, users } from '../../src/modules/identity/schema.ts'
import { runCob } from '../../src/modules/servicing/cob/index.ts'
import { getBusinessDate } from '../../src/platform/clock.ts'
import { addDays } from '../../src/platform/dates.ts'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let admin: Client
let finance: Client
let manager: Client
let lead: Client
let c1: Client
let c2: Client
let huixin: string
let D0: string
let productId: string
const ids: Record<string, string> = {}
let keySeq = 0
const key = () => `coll-${Date.now()}-${++keySeq}`

type Problem = { status: number; code: string; detail?: string; errors?: { field: string; message: string }[] }
type Case = {
  id: string
  loanId: string
  status: string
  stageCode: string
  collectorId: string | null
  brokenPromises: number
}

const at = (hhmm: string) => setCollectionsWallClock({ now: () => new Date(`2026-09-01T${hhmm}:00+08:00`) })
const closeTo = (date: string) => runCob({ db: env.platform.db, institutionId: huixin, toDate: date, trigger: 'test' })
const caseOf = async (loanId: string | undefined, open = true) =>
  env.platform.db.tx(SYSTEM, async (tx) =>
    queryRows<{ id: string; status: string; stage_code: string; collector_id: string | null; broken_promises: number }>(
      tx,
      sql`select id, status, stage_code, collector_id, broken_promises from collection_cases where loan_id = ${loanId!}::uuid
        ${open ? sql`and status in ('unassigned', 'assigned')` : sql``} order by created_at`,
    ),
  )

async function newLoan(name: string, customerId?: string): Promise<string> {
  const res = await finance.post<{ id: string }>('/api/v1/loans', {
    productId,
    amount: '1000.00',
    term: 7,
    method: 'bullet',
    borrowerName: name,
    ...(customerId ? { customerId } : {}),
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
  manager = await env.login('huixin.manager')
  lead = await env.login('huixin.collectlead')
  c1 = await env.login('huixin.collector1')
  c2 = await env.login('huixin.collector2')
  await env.platform.db.tx(SYSTEM, async (tx) => {
    huixin = (await tx.select().from(institutions).where(eq(institutions.code, 'huixin')))[0]!.id
    for (const u of ['huixin.collector1', 'huixin.collector2', 'ruifeng.collector1'])
      ids[u] = (await tx.select().from(users).where(eq(users.username, u)))[0]!.id
    D0 = await getBusinessDate(tx, huixin)
  })
  const p = await admin.post<{ id: string }>('/api/v1/products', {
    name: `催收测试短期贷 ${key()}`,
    minAmount: '500.00',
    maxAmount: '5000.00',
    minTerm: 7,
    maxTerm: 30,
    termUnit: 'day',
    annualRatePercent: '15',
  })
  expect(p.status, p.text).toBe(201)
  productId = p.body.id
  expect((await admin.post(`/api/v1/products/${productId}/list`, {})).status).toBe(200)
  // the demo switches automatic assignment on in S1; these tests assign by hand
  expect((await lead.patch('/api/v1/collections/pools/S1', { autoAssign: false })).status).toBe(200)
  at('10:00')
})
afterAll(async () => {
  setCollectionsWallClock({ now: () => new Date() })
  await env?.close()
})

describe('stage sets', () => {
  it('a gap or an overlap is refused with 400 naming the ranges; a valid set is saved and audited', async () => {
    const stage = (code: string, fromDay: number, toDay: number | null, position = 'collector_s1') => ({
      code,
      fromDay,
      toDay,
      position,
      opensCases: true,
    })
    const gap = await admin.put<Problem>('/api/v1/collections/stages/short', {
      stages: [stage('S1', 1, 7), stage('S2', 9, 15), stage('S3', 16, null)],
    })
    expect(gap.status).toBe(400)
    expect(gap.body.errors).toEqual([
      { field: 'body.stages.1.fromDay', message: '阶段 S1 (1–7) 与 S2 (9–15) 之间有空档：第 8–8 天不属于任何阶段' },
    ])
    admin.locale = 'en-US'
    const overlap = await admin.put<Problem>('/api/v1/collections/stages/short', {
      stages: [stage('S1', 1, 8), stage('S2', 8, 15), stage('S3', 16, 30)],
    })
    admin.locale = 'zh-CN'
    expect(overlap.status).toBe(400)
    expect(overlap.body.errors!.map((e) => e.message)).toEqual([
      'Stages S1 (1–8) and S2 (8–15) overlap',
      'The last stage must be open-ended (S3 (16–30))',
    ])
    const unknownPos = await admin.put<Problem>('/api/v1/collections/stages/short', {
      stages: [stage('S1', 1, 7, 'no_such_position'), stage('S2', 8, null)],
    })
    expect(unknownPos.status).toBe(400)
    const unknownField = await admin.put<Problem>('/api/v1/collections/stages/short', { stages: [], extra: 1 })
    expect(unknownField.status).toBe(400)
    // nothing changed
    const sets = await admin.get<{ short: { code: string }[] }>('/api/v1/collections/stages')
    expect(sets.body.short.map((s) => s.code)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4'])
    // a collector may read but not change them
    expect((await c1.put('/api/v1/collections/stages/short', { stages: sets.body.short })).status).toBe(403)
    const ok = await admin.put('/api/v1/collections/stages/monthly', {
      stages: [
        { code: 'M0', fromDay: -2, toDay: 0, position: 'collector_s1', opensCases: false },
        stage('M1', 1, 30),
        stage('M2', 31, 60, 'collector_s2'),
        stage('M3', 61, null, 'collector_s2'),
      ],
    })
    expect(ok.status, ok.text).toBe(200)
    const audit = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select 1 from audit_log where operation = 'collection.stages.update' and object_id = 'monthly'`,
      ),
    )
    expect(audit.length).toBe(1)
  })
})

describe('case flow, assignment, records and compliance', () => {
  it('a loan 1 day past due gets an S1 case; the flow is idempotent per day', async () => {
    ids.A = await newLoan('催收甲')
    ids.B = await newLoan('催收乙')
    const [customer] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from customers where institution_id = ${huixin}::uuid order by id limit 1`,
      ),
    )
    ids.C = await newLoan('催收丙', customer!.id)
    await closeTo(addDays(D0, 8)) // due D0+7 → DPD 1
    const [a] = await caseOf(ids.A)
    expect(a).toMatchObject({ status: 'unassigned', stage_code: 'S1', collector_id: null })
    ids.caseA = a!.id
    ids.caseB = (await caseOf(ids.B))[0]!.id
    const again = await env.platform.db.tx(SYSTEM, (tx) =>
      runCaseFlow(tx, { institutionId: huixin, date: addDays(D0, 8) }),
    )
    expect(again).toBeNull()
    expect((await caseOf(ids.A, false)).length).toBe(1)
    const pool = await lead.get<{ items: Case[] }>('/api/v1/collections/cases?stage=S1&status=unassigned&pageSize=200')
    expect(pool.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([ids.caseA, ids.caseB]))
  })

  it("the case detail shows the customer's latest risk reports and third-party data", async () => {
    const caseC = (await caseOf(ids.C))[0]!.id
    const [customer] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ customer_id: string }>(tx, sql`select customer_id from loans where id = ${ids.C!}::uuid`),
    )
    // a report as the risk engine stores it (the engine itself is tested in risk.int.test.ts)
    const [report] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`insert into risk_reports (institution_id, scene_code, variant, customer_id, subject_key, decision, score,
            data_cost, values, report, created_at)
          values (${huixin}::uuid, 'loan_review', 'champion', ${customer!.customer_id}::uuid, ${customer!.customer_id},
            'manual', 612, 0, '{}', '{}', now() + interval '1 day') returning id`,
      ),
    )
    // and a third-party answer the risk engine fetched for the customer (its call-cycle cache)
    await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(sql`insert into risk_source_cache (institution_id, source, subject_key, answer, fetched_at)
        values (${huixin}::uuid, 'telecom_test', ${`customer:${customer!.customer_id}`}, '{"months_on_network": 27}', now())`),
    )
    const detail = await lead.get<{
      riskReports: { id: string; sceneCode: string; decision: string; score: string }[]
      thirdPartyData: { source: string; values: Record<string, unknown> }[]
    }>(`/api/v1/collections/cases/${caseC}`)
    expect(detail.body.thirdPartyData).toContainEqual(
      expect.objectContaining({ source: 'telecom_test', values: { months_on_network: 27 } }),
    )
    expect(detail.status, detail.text).toBe(200)
    expect(detail.body.riskReports.length).toBeGreaterThan(0)
    expect(detail.body.riskReports.length).toBeLessThanOrEqual(5)
    expect(detail.body.riskReports[0]).toMatchObject({ id: report!.id, sceneCode: 'loan_review', decision: 'manual' })
    // a loan without a customer has none
    const noCustomer = await lead.get<{ riskReports: unknown[]; thirdPartyData: unknown[] }>(
      `/api/v1/collections/cases/${ids.caseA}`,
    )
    expect(noCustomer.body.riskReports).toEqual([])
    expect(noCustomer.body.thirdPartyData).toEqual([])
  })

  it('a complaint is recorded on the case with a clear answer for bad input, shown on the detail and resolved once', async () => {
    const caseC = (await caseOf(ids.C))[0]!.id
    const url = `/api/v1/collections/cases/${caseC}/complaints`
    const unknown = await lead.post<Problem>(url, {
      receivedVia: 'phone',
      category: 'harassment',
      description: 'x',
      x: 1,
    })
    expect(unknown.status).toBe(400)
    const bad = await lead.post<Problem>(url, { receivedVia: 'pigeon', category: 'harassment', description: '' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.description', 'body.receivedVia'])
    const made = await lead.post<{ id: string; status: string }>(url, {
      receivedVia: 'regulator',
      category: 'third_party',
      description: '借款人称催收员向其同事透露了欠款',
    })
    expect(made.status, made.text).toBe(201)
    expect(made.body.status).toBe('open')
    const detail = await lead.get<{ complaints: { id: string; category: string; status: string }[] }>(
      `/api/v1/collections/cases/${caseC}`,
    )
    expect(detail.body.complaints).toEqual([
      expect.objectContaining({ id: made.body.id, category: 'third_party', status: 'open' }),
    ])
    const resolved = await lead.post<{ status: string }>(`/api/v1/collections/complaints/${made.body.id}/resolve`, {
      resolution: '已核实并对催收员进行培训',
    })
    expect(resolved.status, resolved.text).toBe(200)
    expect(resolved.body.status).toBe('resolved')
    const again = await lead.post<Problem>(`/api/v1/collections/complaints/${made.body.id}/resolve`, {
      resolution: 'x',
    })
    expect(again.status).toBe(422)
    const audits = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select 1 from audit_log where object_id = ${caseC} and operation like 'collection.complaint.%'`,
      ),
    )
    expect(audits.length).toBe(2)
  })

  it('only collectors of the stage group are offered and accepted', async () => {
    const offered = await lead.get<{ items: { id: string }[] }>('/api/v1/collections/pools/S1/collectors')
    expect(offered.status).toBe(200)
    expect(offered.body.items.map((u) => u.id)).toContain(ids['huixin.collector1'])
    expect(offered.body.items.map((u) => u.id)).not.toContain(ids['huixin.collector2'])
    const wrongStage = await lead.post<Problem>('/api/v1/collections/assignments', {
      caseIds: [ids.caseA],
      collectorId: ids['huixin.collector2'],
    })
    expect(wrongStage.status).toBe(422)
    expect(wrongStage.body.detail).toContain('S1')
    const otherInst = await lead.post<Problem>('/api/v1/collections/assignments', {
      caseIds: [ids.caseA],
      collectorId: ids['ruifeng.collector1'],
    })
    expect(otherInst.status).toBe(400)
    expect(otherInst.body.errors![0]!.field).toBe('body.collectorId')
    expect((await caseOf(ids.A))[0]!.collector_id).toBeNull()
    expect(
      (
        await c1.post('/api/v1/collections/assignments', {
          caseIds: [ids.caseA],
          collectorId: ids['huixin.collector1'],
        })
      ).status,
    ).toBe(403)
    const ok = await lead.post<{ assigned: number }>('/api/v1/collections/assignments', {
      caseIds: [ids.caseA, ids.caseB],
      collectorId: ids['huixin.collector1'],
    })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.assigned).toBe(2)
  })

  it('a collector sees only their own cases; another collector gets 404', async () => {
    const mine = await c1.get<{ items: Case[] }>('/api/v1/collections/my-cases?pageSize=200')
    expect(mine.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([ids.caseA, ids.caseB]))
    const theirs = await c2.get<{ items: Case[] }>('/api/v1/collections/my-cases?pageSize=200')
    expect(theirs.body.items.map((c) => c.id)).not.toContain(ids.caseA)
    expect((await c2.get(`/api/v1/collections/cases/${ids.caseA}`)).status).toBe(404)
    const c2Cases = await c2.get<{ items: Case[] }>('/api/v1/collections/cases?pageSize=200')
    expect(c2Cases.body.items.every((c) => c.collectorId === ids['huixin.collector2'])).toBe(true)
    const detail = await c1.get<{ loan: { loanNo: string }; records: unknown[]; stages: unknown[] }>(
      `/api/v1/collections/cases/${ids.caseA}`,
    )
    expect(detail.status, detail.text).toBe(200)
    expect(detail.body.stages.length).toBe(1)
    const rec = await c2.post(`/api/v1/collections/cases/${ids.caseA}/records`, {
      channel: 'call',
      contact: 'borrower',
      reached: false,
      resultCode: 'no_answer',
    })
    expect(rec.status).toBe(404)
  })

  it('promises in the past or below 0.01 are refused; a valid one is recorded and audited', async () => {
    const today = addDays(D0, 8)
    const body = { channel: 'call', contact: 'borrower', reached: true, resultCode: 'promise_to_pay' }
    const neg = await c1.post<Problem>(`/api/v1/collections/cases/${ids.caseA}/records`, {
      ...body,
      promise: { amount: '-5.00', date: today },
    })
    expect(neg.status).toBe(400)
    expect(neg.body.errors![0]!.field).toBe('body.promise.amount')
    const past = await c1.post<Problem>(`/api/v1/collections/cases/${ids.caseA}/records`, {
      ...body,
      promise: { amount: '100.00', date: addDays(today, -1) },
    })
    expect(past.status).toBe(400)
    expect(past.body.errors![0]!.message).toContain(today)
    const none = await c1.post<Problem>(`/api/v1/collections/cases/${ids.caseA}/records`, body)
    expect(none.status).toBe(400)
    const ok = await c1.post<{ promise: { status: string } }>(`/api/v1/collections/cases/${ids.caseA}/records`, {
      ...body,
      notes: '答应明天还',
      recordingRef: 'rec://1',
      promise: { amount: '500.00', date: addDays(today, 1) },
    })
    expect(ok.status, ok.text).toBe(201)
    expect(ok.body.promise.status).toBe('pending')
    // B promises and will not pay
    const okB = await c1.post(`/api/v1/collections/cases/${ids.caseB}/records`, {
      ...body,
      promise: { amount: '300.00', date: addDays(today, 1) },
    })
    expect(okB.status, okB.text).toBe(201)
    const audit = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(tx, sql`select 1 from audit_log where operation = 'collection.record' and object_id = ${ids.caseA}`),
    )
    expect(audit.length).toBe(1)
  })

  it('contact compliance: outside hours, over the cap, third party while the borrower is reachable → 422 with the rule', async () => {
    const url = `/api/v1/collections/cases/${ids.caseB}/records`
    const count = async () =>
      (
        await env.platform.db.tx(SYSTEM, (tx) =>
          queryRows(tx, sql`select id from collection_records where case_id = ${ids.caseB}::uuid`),
        )
      ).length
    const before = await count()
    at('23:00')
    const late = await c1.post<Problem>(url, {
      channel: 'call',
      contact: 'borrower',
      reached: false,
      resultCode: 'no_answer',
    })
    expect(late.status).toBe(422)
    expect(late.body.detail).toBe('合规限制：当前时间 23:00（Asia/Shanghai）不在允许联系的时段 08:00–22:00 内')
    const letter = await c1.post(url, { channel: 'letter', contact: 'borrower', reached: false, resultCode: 'other' })
    expect(letter.status).toBe(201)
    at('10:00')
    const third = await c1.post<Problem>(url, {
      channel: 'call',
      contact: 'other',
      contactRef: '同事',
      reached: true,
      resultCode: 'callback',
    })
    // the last borrower attempt (the letter) was unanswered → the borrower counts as unreachable
    expect(third.status).toBe(201)
    const reached = await c1.post(url, { channel: 'call', contact: 'borrower', reached: true, resultCode: 'callback' })
    expect(reached.status).toBe(201)
    const thirdNow = await c1.post<Problem>(url, {
      channel: 'call',
      contact: 'other',
      contactRef: '同事',
      reached: true,
      resultCode: 'callback',
    })
    expect(thirdNow.status).toBe(422)
    expect(thirdNow.body.detail).toContain('借款人本人无法联系')
    expect((await admin.put('/api/v1/collections/settings', { maxUnansweredPerDay: 2 })).status).toBe(200)
    const badSettings = await admin.put<Problem>('/api/v1/collections/settings', {
      allowedFrom: '25:00',
      timeZone: 'Mars/Base',
    })
    expect(badSettings.status).toBe(400)
    expect(badSettings.body.errors!.map((e) => e.field)).toEqual(['body.allowedFrom', 'body.timeZone'])
    for (let i = 0; i < 2; i++)
      expect(
        (await c1.post(url, { channel: 'call', contact: 'borrower', reached: false, resultCode: 'no_answer' })).status,
      ).toBe(201)
    const capped = await c1.post<Problem>(url, {
      channel: 'sms',
      contact: 'borrower',
      reached: false,
      resultCode: 'no_answer',
    })
    expect(capped.status).toBe(422)
    expect(capped.body.detail).toContain('2')
    const disclosed = await c1.post<Problem>(url, {
      channel: 'call',
      contact: 'other',
      contactRef: '朋友',
      reached: true,
      resultCode: 'callback',
      debtDisclosed: true,
    })
    expect(disclosed.status).toBe(422)
    const stop = await c1.post(url, {
      channel: 'call',
      contact: 'other',
      contactRef: '朋友',
      reached: true,
      resultCode: 'refused',
      stopRequested: true,
    })
    expect(stop.status).toBe(201)
    const afterStop = await c1.post<Problem>(url, {
      channel: 'call',
      contact: 'other',
      contactRef: '朋友',
      reached: true,
      resultCode: 'callback',
    })
    expect(afterStop.status).toBe(422)
    expect(afterStop.body.detail).toContain('停止联系')
    expect(await count()).toBe(before + 6)
    expect((await admin.put('/api/v1/collections/settings', { maxUnansweredPerDay: 6 })).status).toBe(200)
  })

  it('repaid → collected for good (promise kept); unpaid promise → broken and the collector told', async () => {
    const pay = await finance.post(
      `/api/v1/loans/${ids.A}/repayments`,
      { amount: '2000.00', channel: 'bank_transfer' },
      { 'idempotency-key': key() },
    )
    expect(pay.status, pay.text).toBe(200)
    await closeTo(addDays(D0, 9))
    const [a] = await caseOf(ids.A, false)
    expect(a).toMatchObject({ status: 'collected' })
    const promises = await c1.get<{ items: { caseId: string; status: string }[] }>(
      '/api/v1/collections/promises?pageSize=200',
    )
    expect(promises.body.items.find((p) => p.caseId === ids.caseA)!.status).toBe('kept')
    expect(promises.body.items.find((p) => p.caseId === ids.caseB)!.status).toBe('broken')
    expect((await caseOf(ids.B))[0]!.broken_promises).toBe(1)
    const note = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select 1 from notifications where channel = 'inapp' and template = 'collections.promise_broken'`,
      ),
    )
    expect(note.length).toBeGreaterThan(0)
    const pool = await lead.get<{ items: Case[] }>('/api/v1/collections/cases?status=open&pageSize=200')
    expect(pool.body.items.map((c) => c.id)).not.toContain(ids.caseA)
    const finished = await c1.get<{ items: Case[] }>('/api/v1/collections/my-cases?status=finished&pageSize=200')
    expect(finished.body.items.map((c) => c.id)).toContain(ids.caseA)
    // a finished case cannot be worked
    const rec = await c1.post<Problem>(`/api/v1/collections/cases/${ids.caseA}/records`, {
      channel: 'call',
      contact: 'borrower',
      reached: true,
      resultCode: 'callback',
    })
    expect(rec.status).toBe(422)
    const stats = await lead.get<{ items: { key: string; finished: number; rate: number }[] }>(
      `/api/v1/collections/statistics?groupBy=stage&from=${D0}&to=${addDays(D0, 9)}`,
    )
    expect(stats.status, stats.text).toBe(200)
    expect(stats.body.items.find((i) => i.key === 'S1')!.finished).toBeGreaterThanOrEqual(1)
    const csv = await lead.get<string>(
      `/api/v1/collections/statistics.csv?groupBy=stage&from=${D0}&to=${addDays(D0, 9)}`,
    )
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.text).toContain('S1')
    // overdue rate by product: our product's installments due in the period, two of them late
    const od = await lead.get<{ items: { key: string; due: number; overdue: number; rateByCount: number }[] }>(
      `/api/v1/collections/statistics/overdue?by=product&from=${D0}&to=${addDays(D0, 9)}`,
    )
    expect(od.status, od.text).toBe(200)
    const mine = od.body.items.find((i) => i.key.startsWith('催收测试短期贷'))!
    expect(mine).toMatchObject({ due: 3, overdue: 3 })
    const bad = await lead.get<Problem>('/api/v1/collections/statistics?from=2026-13-01')
    expect(bad.status).toBe(400)
  })

  it('into S2 → unassigned in the new pool with its history; automatic assignment fills it', async () => {
    await closeTo(addDays(D0, 15)) // DPD 8
    const [b] = await caseOf(ids.B)
    expect(b).toMatchObject({ id: ids.caseB, stage_code: 'S2', status: 'unassigned', collector_id: null })
    const detail = await lead.get<{ stages: { stageCode: string; leftOn: string | null }[] }>(
      `/api/v1/collections/cases/${ids.caseB}`,
    )
    expect(detail.body.stages.map((s) => [s.stageCode, s.leftOn])).toEqual([
      ['S1', addDays(D0, 15)],
      ['S2', null],
    ])
    const res = await lead.patch<{ assigned: number }>('/api/v1/collections/pools/S2', {
      autoAssign: true,
      strategy: 'by_load',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.assigned).toBeGreaterThanOrEqual(1)
    expect((await caseOf(ids.B))[0]!.collector_id).toBe(ids['huixin.collector2'])
    expect((await lead.patch('/api/v1/collections/pools/S2', { autoAssign: false })).status).toBe(200)
    expect((await lead.patch('/api/v1/collections/pools/NOPE', { autoAssign: true })).status).toBe(404)
  })

  it('a later delinquency of a collected loan opens a new case; write-off closes a case', async () => {
    const txs = await finance.get<{ id: string; type: string }[]>(`/api/v1/loans/${ids.A}/transactions`)
    const list = Array.isArray(txs.body)
      ? txs.body
      : (txs.body as unknown as { items: { id: string; type: string }[] }).items
    const repayment = list.find((t) => t.type === 'repayment' || t.type === 'settlement')!
    const rev = await finance.post(
      `/api/v1/loans/${ids.A}/transactions/${repayment.id}/reverse`,
      { reason: '退票' },
      { 'idempotency-key': key() },
    )
    expect(rev.status, rev.text).toBe(200)
    // the lead escalates B to legal with its documents, then proposes the write-off (four-eyes)
    expect((await lead.post<Problem>(`/api/v1/collections/cases/${ids.caseB}/legal`, { reason: ' ' })).status).toBe(400)
    const legal = await lead.post(`/api/v1/collections/cases/${ids.caseB}/legal`, {
      reason: '失联超过 15 天',
      documents: [{ name: '借款合同', fileRef: 'upload://contract-b' }],
    })
    expect(legal.status, legal.text).toBe(201)
    const wo = await lead.post<{ approvalId: string }>(`/api/v1/collections/cases/${ids.caseB}/write-off`, {
      reason: '测试核销',
    })
    expect(wo.status, wo.text).toBe(201)
    expect(wo.body.approvalId).toBeTruthy()
    expect((await lead.post(`/api/v1/collections/cases/${ids.caseB}/write-off`, { reason: '再次' })).status).toBe(422)
    expect((await c1.post(`/api/v1/collections/cases/${ids.caseB}/write-off`, { reason: 'x' })).status).toBe(403)
    const detailB = await lead.get<{ legal: { kind: string }[] }>(`/api/v1/collections/cases/${ids.caseB}`)
    expect(detailB.body.legal.map((l) => l.kind).sort()).toEqual(['legal_escalation', 'write_off_proposal'])
    const pending = await manager.get<{ items: { id: string; kind: string }[] }>('/api/v1/approvals?status=pending')
    const req = pending.body.items.find((i) => i.kind === 'loan.write_off')!
    expect((await manager.post(`/api/v1/approvals/${req.id}/approve`, {})).status).toBe(200)
    await closeTo(addDays(D0, 16))
    const casesA = await caseOf(ids.A, false)
    expect(casesA.map((c) => c.status)).toEqual(['collected', 'unassigned'])
    expect(casesA[1]!.stage_code).toBe('S2')
    expect((await caseOf(ids.B, false))[0]!.status).toBe('closed')
  })
})

describe('reminder ladder', () => {
  type Reminder = { loanId: string; stepCode: string; status: string; reason: string | null; dueDate: string }
  const reminders = async (loanId: string) =>
    (await admin.get<{ items: Reminder[] }>(`/api/v1/collections/reminders?loanId=${loanId}&pageSize=200`)).body.items
  it('each step once per loan and due date, through the outbox; a loan without a phone is skipped with the reason', async () => {
    const c = await reminders(ids.C!)
    expect(c.map((r) => [r.stepCode, r.status]).sort()).toEqual(
      [
        ['before_3', 'sent'],
        ['due_day', 'sent'],
        ['overdue_1', 'sent'],
        ['overdue_3', 'sent'],
        ['overdue_7', 'sent'],
      ].sort(),
    )
    expect(c.every((r) => r.dueDate === addDays(D0, 7))).toBe(true)
    const a = await reminders(ids.A!)
    expect(a.find((r) => r.stepCode === 'overdue_1')).toMatchObject({ status: 'skipped', reason: 'no_contact' })
    const sms = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select 1 from notifications where template = 'collections.ladder.overdue_1' and channel = 'sms'`,
      ),
    )
    expect(sms.length).toBeGreaterThanOrEqual(1)
    // a step matching today: queued and sent once; running the day again adds nothing
    expect(
      (
        await admin.put('/api/v1/collections/reminder-steps', {
          steps: [{ code: 'late_day_9', day: 9, action: 'sms' }],
        })
      ).status,
    ).toBe(200)
    const { runReminderLadder } = await import('../../src/modules/collections/reminders.ts')
    const today = addDays(D0, 16)
    const first = await env.platform.db.tx(SYSTEM, (tx) =>
      runReminderLadder(tx, { institutionId: huixin, date: today }),
    )
    expect(first.queued).toBeGreaterThanOrEqual(1)
    const again = await env.platform.db.tx(SYSTEM, (tx) =>
      runReminderLadder(tx, { institutionId: huixin, date: today }),
    )
    expect(again.queued).toBe(0)
    expect((await reminders(ids.C!)).filter((r) => r.stepCode === 'late_day_9').map((r) => r.status)).toEqual(['sent'])
  })
  it('steps are validated; outside the allowed hours borrower reminders wait and are dispatched later', async () => {
    const bad = await admin.put<Problem>('/api/v1/collections/reminder-steps', {
      steps: [
        { code: 'x', day: 1, action: 'sms' },
        { code: 'x', day: 400, action: 'sms' },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors!.map((e) => e.field)).toEqual(['body.steps.1.code', 'body.steps.1.day'])
    const ok = await admin.put('/api/v1/collections/reminder-steps', {
      steps: [{ code: 'late_day_2', day: 2, action: 'sms' }],
    })
    expect(ok.status, ok.text).toBe(200)
    ids.D = await newLoan(
      '催收丁',
      (
        await env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ id: string }>(
            tx,
            sql`select id from customers where institution_id = ${huixin}::uuid order by id limit 1 offset 1`,
          ),
        )
      )[0]!.id,
    )
    // the loan was disbursed on D0 (past); its due date D0+7 is already 9 days behind: DPD 10 at the next close —
    // so set a step for that day instead
    expect(
      (
        await admin.put('/api/v1/collections/reminder-steps', {
          steps: [{ code: 'late_day_10', day: 10, action: 'sms' }],
        })
      ).status,
    ).toBe(200)
    at('23:00')
    await closeTo(addDays(D0, 17))
    expect((await reminders(ids.D!)).map((r) => r.status)).toEqual(['queued'])
    at('10:00')
    const res = await admin.post<{ sent: number }>('/api/v1/collections/reminders/dispatch', {})
    expect(res.status, res.text).toBe(200)
    expect((await reminders(ids.D!)).map((r) => r.status)).toEqual(['sent'])
  })
})
