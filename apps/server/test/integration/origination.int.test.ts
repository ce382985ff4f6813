/**
 * Origination and credit review over HTTP: the bad inputs of issue #5, tus resume, the main journey
 * (H5 apply → manual review → first and second review → contract and e-signature → disbursement →
 * repayment plan), approval chains, automatic assignment, SLA, quality inspection and statistics.
 */

import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { Decimal } from '../../src/platform/money.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'
import {
  borrowerClient,
  idNumberFor,
  JPEG,
  PROFILE,
  productOf,
  raw,
  TUS,
  tusMetadata,
  upload,
} from './origination-support.ts'

let env: TestEnv
let lead: Client
let review1: Client
let review2: Client
let manager: Client
let admin: Client
let product: { id: string }

type Problem = { errors?: { field: string; message: string }[]; detail?: string; code: string }
type App = { id: string; appNo: string; status: string; rejectReason: string | null }
type Order = {
  id: string
  applicationId: string
  stage: string
  status: string
  assigneeId: string | null
  slaState: string
}

beforeAll(async () => {
  env = await startTestEnv()
  ;[lead, review1, review2, manager, admin] = (await Promise.all(
    ['huixin.reviewlead', 'huixin.review1', 'huixin.review2', 'huixin.manager', 'huixin.admin'].map((u) =>
      env.login(u),
    ),
  )) as [Client, Client, Client, Client, Client]
  const someone = await borrowerClient(env, '13700000001')
  product = await productOf(someone)
  // every application of this file goes to manual review, whatever the risk sources answer here
  // (with or without a datasim on :3901), so the journeys are deterministic
  const policy = await admin.put('/api/v1/origination/policies', {
    productId: product.id,
    alwaysManual: true,
    tiers: [{ minAmount: '0', maxAmount: null, steps: [] }],
  })
  if (policy.status !== 200) throw new Error(policy.text)
}, 600_000)
afterAll(() => env?.close())

const ordersOf = async (c: Client, applicationId: string) =>
  (await c.get<{ items: Order[] }>('/api/v1/review/orders?pageSize=200')).body.items.filter(
    (o) => o.applicationId === applicationId,
  )

async function applyManual(phone: string, birth: string, amount = '8000.00', seq = '123') {
  const borrower = await borrowerClient(env, phone)
  const photo = await upload(env, borrower, JPEG)
  const res = await borrower.post<App>('/api/v1/borrower/applications', {
    productId: product.id,
    amount,
    term: 6,
    purpose: '装修',
    employmentType: 'salaried',
    monthlyIncome: '15000.00',
    monthlyDebt: '1000.00',
    documents: [{ uploadId: photo }],
    profile: PROFILE('王五', idNumberFor(birth, seq)),
  })
  expect(res.status, res.text).toBe(201)
  return { borrower, app: res.body }
}

async function reviewerId(username: string) {
  const [u] = await env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ id: string }>(tx, sql`select id from users where username = ${username}`),
  )
  return u!.id
}

async function passBothStages(applicationId: string) {
  await review1.put('/api/v1/me/status', { online: true })
  await review2.put('/api/v1/me/status', { online: true })
  const [first] = await ordersOf(lead, applicationId)
  expect(
    (
      await lead.post('/api/v1/review/orders/assign', {
        orderIds: [first!.id],
        reviewerId: await reviewerId('huixin.review1'),
      })
    ).status,
  ).toBe(200)
  expect(
    (await review1.post(`/api/v1/review/orders/${first!.id}/decide`, { result: 'approved', notes: 'ok' })).status,
  ).toBe(200)
  const second = (await ordersOf(lead, applicationId)).find((o) => o.stage === 'second')!
  expect(
    (
      await lead.post('/api/v1/review/orders/assign', {
        orderIds: [second.id],
        reviewerId: await reviewerId('huixin.review2'),
      })
    ).status,
  ).toBe(200)
  expect((await review2.post(`/api/v1/review/orders/${second.id}/decide`, { result: 'approved' })).status).toBe(200)
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  let borrower: Client
  beforeAll(async () => {
    borrower = await borrowerClient(env, '13700000002')
  })
  const body = (over: Record<string, unknown> = {}) => ({
    productId: product.id,
    amount: '8000.00',
    term: 6,
    purpose: '消费',
    employmentType: 'salaried',
    monthlyIncome: '9000.00',
    ...over,
  })

  it('an invalid ID number checksum', async () => {
    const bad = idNumberFor('19900307').slice(0, 17) + (idNumberFor('19900307').endsWith('1') ? '2' : '1')
    const res = await borrower.post<Problem>('/api/v1/borrower/applications', body({ profile: PROFILE('赵六', bad) }))
    expect(res.status).toBe(400)
    expect(res.body.errors![0]!.field).toBe('body.profile.idNumber')
    expect(res.body.errors![0]!.message).toContain('校验位')
    borrower.locale = 'en-US'
    const en = await borrower.post<Problem>('/api/v1/borrower/applications', body({ profile: PROFILE('赵六', bad) }))
    expect(en.body.errors![0]!.message).toContain('check digit')
    borrower.locale = 'zh-CN'
  })
  it('an under-age applicant', async () => {
    const res = await borrower.post<Problem>(
      '/api/v1/borrower/applications',
      body({ profile: PROFILE('小明', idNumberFor('20120101')) }),
    )
    expect(res.status).toBe(400)
    expect(res.body.errors![0]).toMatchObject({ field: 'body.profile.idNumber' })
    expect(res.body.errors![0]!.message).toContain('18')
  })
  it('an amount or term outside the product', async () => {
    const res = await borrower.post<Problem>(
      '/api/v1/borrower/applications',
      body({ amount: '999999.00', term: 99, profile: PROFILE('赵六', idNumberFor('19900307')) }),
    )
    expect(res.status).toBe(400)
    expect(res.body.errors!.map((e) => e.field).sort()).toEqual(['body.amount', 'body.term'])
    expect((await borrower.post<Problem>('/api/v1/borrower/applications', body({ amount: '12.345' }))).status).toBe(400)
    expect((await borrower.post<Problem>('/api/v1/borrower/applications', body({ extra: true }))).status).toBe(400)
  })
  it('nothing was created by any of those', async () => {
    expect((await borrower.get<unknown[]>('/api/v1/borrower/applications')).body).toEqual([])
    expect((await borrower.get<{ name: string | null }>('/api/v1/borrower/profile')).body.name).toBeNull()
  })
  it('an upload that is too large, of a disallowed type, or whose name tries path traversal', async () => {
    const create = (length: number, name: string, type: string) =>
      raw(env, borrower, 'POST', '/api/v1/uploads', {
        ...TUS,
        'upload-length': String(length),
        'upload-metadata': tusMetadata(name, type),
      })
    const big = await create(11 * 1024 * 1024, 'big.jpg', 'image/jpeg')
    expect(big.status).toBe(413)
    expect((big.body.errors as { field: string }[])[0]!.field).toBe('headers.upload-length')
    expect((await create(100, 'x.gif', 'image/gif')).status).toBe(415)
    const traversal = await create(100, '../../etc/passwd.jpg', 'image/jpeg')
    expect(traversal.status).toBe(400)
    expect((traversal.body.errors as { message: string }[])[0]!.message).toContain('文件名')
    // declared a JPEG, but the bytes are a Windows program: refused at the first bytes, not kept
    const fake = await create(64, 'photo.jpg', 'image/jpeg')
    expect(fake.status).toBe(201)
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(56)])
    const patched = await raw(
      env,
      borrower,
      'PATCH',
      `/api/v1/uploads/${fake.body.id}`,
      { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      exe,
    )
    expect(patched.status).toBe(415)
    expect((await raw(env, borrower, 'HEAD', `/api/v1/uploads/${fake.body.id}`, TUS)).status).toBe(404)
    // without the tus header, or with JSON, it is refused
    expect((await raw(env, borrower, 'POST', '/api/v1/uploads', { 'upload-length': '10' })).status).toBe(412)
  })
  it('applying twice concurrently for the same product gives one application', async () => {
    const b = await borrowerClient(env, '13700000003')
    const payload = body({ profile: PROFILE('孙七', idNumberFor('19880512', '231')) })
    const [x, y] = await Promise.all([
      b.post('/api/v1/borrower/applications', payload),
      b.post('/api/v1/borrower/applications', payload),
    ])
    expect([x.status, y.status].sort()).toEqual([201, 409])
    const conflict = (x.status === 409 ? x : y).body as Problem
    expect(conflict.detail).toContain('已有一笔')
    expect((await b.get<unknown[]>('/api/v1/borrower/applications')).body.length).toBe(1)
  })
})

describe('tus resumable upload', () => {
  it('resumes after a HEAD: two PATCHes, the second from the offset the server reports', async () => {
    const borrower = await borrowerClient(env, '13700000004')
    const options = await raw(env, borrower, 'OPTIONS', '/api/v1/uploads', {})
    expect(options.status).toBe(204)
    expect(options.headers['tus-version']).toBe('1.0.0')
    const bytes = Buffer.concat([JPEG, Buffer.alloc(4000, 7)])
    const created = await raw(env, borrower, 'POST', '/api/v1/uploads', {
      ...TUS,
      'upload-length': String(bytes.length),
      'upload-metadata': tusMetadata('身份证正面.jpg', 'image/jpeg'),
    })
    expect(created.status).toBe(201)
    const url = created.headers.location as string
    expect(url).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/)
    const patch = (offset: number, chunk: Buffer) =>
      raw(
        env,
        borrower,
        'PATCH',
        url,
        { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        chunk,
      )
    expect((await patch(0, bytes.subarray(0, 1500))).status).toBe(204)
    // the connection dropped; the client asks where to continue
    const head = await raw(env, borrower, 'HEAD', url, TUS)
    expect(head.status).toBe(200)
    expect(head.headers['upload-offset']).toBe('1500')
    expect(head.headers['upload-length']).toBe(String(bytes.length))
    expect((await patch(1000, bytes.subarray(1000))).status).toBe(409)
    const done = await patch(1500, bytes.subarray(1500))
    expect(done.status).toBe(204)
    expect(done.headers['upload-offset']).toBe(String(bytes.length))
    // someone else cannot see it
    const other = await borrowerClient(env, '13700000005')
    expect((await raw(env, other, 'HEAD', url, TUS)).status).toBe(404)
    // JSON is not accepted by PATCH
    const json = await raw(
      env,
      borrower,
      'PATCH',
      url,
      { ...TUS, 'upload-offset': String(bytes.length), 'content-type': 'application/json' },
      Buffer.from('{}'),
    )
    expect(json.status).toBe(415)
  })
})

describe('the main journey', () => {
  let borrower: Client
  let app: App
  it('a borrower applies on the H5 and the application goes to manual review', async () => {
    ;({ borrower, app } = await applyManual('13700000010', '19900307'))
    expect(app.status).toBe('under_review')
    const staff = await admin.get<{
      status: string
      checks: { check: string; status: string }[]
      sceneCode: string
      riskReportId: string
    }>(`/api/v1/applications/${app.id}`)
    expect(staff.body.status).toBe('manual_review')
    expect(staff.body.sceneCode).toBe('pre_review')
    expect(staff.body.checks.map((c) => c.check).sort()).toEqual(['bank_card', 'id_ocr', 'id_verification'])
    const orders = await ordersOf(lead, app.id)
    expect(orders.map((o) => [o.stage, o.status])).toEqual([['first', 'awaiting_assignment']])
  })
  it('only online reviewers of the pool group and institution can be assigned', async () => {
    const [order] = await ordersOf(lead, app.id)
    const r1 = await reviewerId('huixin.review1')
    await review1.put('/api/v1/me/status', { online: false })
    const offline = await lead.post<Problem>('/api/v1/review/orders/assign', { orderIds: [order!.id], reviewerId: r1 })
    expect(offline.status).toBe(400)
    expect(offline.body.errors![0]!.message).toContain('不在线')
    const wrongGroup = await lead.post<Problem>('/api/v1/review/orders/assign', {
      orderIds: [order!.id],
      reviewerId: await reviewerId('huixin.review2'),
    })
    expect(wrongGroup.status).toBe(400)
    expect(wrongGroup.body.errors![0]!.message).toContain('审核组')
    const otherInst = await lead.post<Problem>('/api/v1/review/orders/assign', {
      orderIds: [order!.id],
      reviewerId: await reviewerId('ruifeng.review1'),
    })
    expect(otherInst.status).toBe(400)
    expect(otherInst.body.errors![0]!.field).toBe('body.reviewerId')
    const reviewers = await lead.get<{ id: string; online: boolean }[]>('/api/v1/review/reviewers?stage=first')
    expect(reviewers.body.map((r) => r.id)).toEqual([r1])
    await review1.put('/api/v1/me/status', { online: true })
    expect((await lead.post('/api/v1/review/orders/assign', { orderIds: [order!.id], reviewerId: r1 })).status).toBe(
      200,
    )
    const after = await ordersOf(lead, app.id)
    expect(after[0]!.status).toBe('awaiting_review')
  })
  it('a reviewer sees only their own orders; nobody else can decide it', async () => {
    const [order] = await ordersOf(lead, app.id)
    const mine = await review1.get<{ items: Order[] }>('/api/v1/review/my-orders')
    expect(mine.body.items.some((o) => o.id === order!.id)).toBe(true)
    expect(
      (await review2.get<{ items: Order[] }>('/api/v1/review/orders?pageSize=200')).body.items.some(
        (o) => o.id === order!.id,
      ),
    ).toBe(false)
    expect((await review2.post(`/api/v1/review/orders/${order!.id}/decide`, { result: 'approved' })).status).toBe(404)
    const byLead = await lead.post<Problem>(`/api/v1/review/orders/${order!.id}/decide`, { result: 'approved' })
    expect(byLead.status).toBe(403)
    expect(byLead.body.detail).toContain('其他审核员')
  })
  it('the review page has everything on one screen; the first reviewer records a call and approves', async () => {
    const [order] = await ordersOf(review1, app.id)
    const page = await review1.get<{
      application: { appNo: string }
      customer: { idNumber: string; phone: string }
      riskReport: { scene: string } | null
      documents: { url: string; kind: string }[]
      checklist: { code: string }[]
      rejectReasons: { code: string }[]
      canDecide: boolean
    }>(`/api/v1/review/orders/${order!.id}`)
    expect(page.status).toBe(200)
    expect(page.body.application.appNo).toBe(app.appNo)
    expect(page.body.customer.idNumber).toMatch(/\*{4}/)
    expect(page.body.riskReport?.scene).toBe('pre_review')
    expect(page.body.documents[0]!.kind).toBe('id_front')
    expect(page.body.checklist.length).toBeGreaterThan(3)
    expect(page.body.rejectReasons.length).toBeGreaterThan(3)
    expect(page.body.canDecide).toBe(true)
    const doc = await review1.request('GET', page.body.documents[0]!.url)
    expect(doc.status).toBe(200)
    expect(doc.headers['content-type']).toBe('image/jpeg')
    expect((await review1.post(`/api/v1/review/orders/${order!.id}/start`)).status).toBe(204)
    const call = await review1.post(`/api/v1/review/orders/${order!.id}/calls`, {
      callee: '李四（父亲）',
      phone: '13900001111',
      outcome: 'connected',
      content: '确认申请人在职',
      recordingRef: 'rec://2026/11/0001.wav',
      durationSeconds: 95,
    })
    expect(call.status).toBe(201)
    expect(
      (await review1.post<Problem>(`/api/v1/review/orders/${order!.id}/decide`, { result: 'rejected' })).status,
    ).toBe(400)
    const decided = await review1.post(`/api/v1/review/orders/${order!.id}/decide`, {
      result: 'approved',
      notes: '资料齐全，电话核实通过',
      checklist: [{ code: 'basic_info', ok: true }],
    })
    expect(decided.status).toBe(200)
    // processed orders leave the pool
    const pool = await lead.get<{ items: Order[] }>('/api/v1/review/orders?open=true&stage=first&pageSize=200')
    expect(pool.body.items.some((o) => o.id === order!.id)).toBe(false)
    expect((await review1.post(`/api/v1/review/orders/${order!.id}/decide`, { result: 'approved' })).status).toBe(422)
  })
  it('the team lead batch-assigns the second review; the second reviewer approves', async () => {
    const second = (await ordersOf(lead, app.id)).find((o) => o.stage === 'second')!
    expect(second.status).toBe('awaiting_assignment')
    // a first-stage reviewer is not in the second pool's position
    const wrong = await lead.post<Problem>('/api/v1/review/orders/assign', {
      orderIds: [second.id],
      reviewerId: await reviewerId('huixin.review1'),
    })
    expect(wrong.status).toBe(400)
    await review2.put('/api/v1/me/status', { online: true })
    expect(
      (
        await lead.post('/api/v1/review/orders/assign', {
          orderIds: [second.id],
          reviewerId: await reviewerId('huixin.review2'),
        })
      ).status,
    ).toBe(200)
    expect(
      (await review2.post(`/api/v1/review/orders/${second.id}/decide`, { result: 'approved', notes: '同意' })).status,
    ).toBe(200)
    const staff = await admin.get<{ status: string; contract: { status: string; sha256: string } }>(
      `/api/v1/applications/${app.id}`,
    )
    // 8,000 is below the first approval tier: approved automatically, contract waiting for signature
    expect(staff.body.status).toBe('approved')
    expect(staff.body.contract.status).toBe('pending_signature')
  })
  it('the borrower reads and signs the contract; money is disbursed; the plan is shown', async () => {
    const view = await borrower.get<{ status: string; contract: { status: string } }>(
      `/api/v1/borrower/applications/${app.id}`,
    )
    expect(view.body.status).toBe('approved')
    const pdf = await borrower.request('GET', `/api/v1/borrower/applications/${app.id}/contract.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.text.startsWith('%PDF-1.4')).toBe(true)
    expect(pdf.text).toContain('STSong-Light')
    const key = { 'idempotency-key': 'sign-journey-0001' }
    expect(
      (await borrower.post<Problem>(`/api/v1/borrower/applications/${app.id}/sign`, { consent: false }, key)).status,
    ).toBe(400)
    expect(
      (await borrower.post<Problem>(`/api/v1/borrower/applications/${app.id}/sign`, { consent: true })).status,
    ).toBe(400)
    const signed = await borrower.post<{
      status: string
      signature: { sha256: string }
      disbursementError: string | null
    }>(`/api/v1/borrower/applications/${app.id}/sign`, { consent: true, device: 'iPhone 15 / Safari' }, key)
    expect(signed.status, signed.text).toBe(200)
    expect(signed.body.disbursementError).toBeNull()
    expect(signed.body.status).toBe('disbursed')
    expect(signed.body.signature.sha256).toMatch(/^[0-9a-f]{64}$/)
    // the same key replays; a new attempt is refused
    expect(
      (
        await borrower.post(
          `/api/v1/borrower/applications/${app.id}/sign`,
          { consent: true, device: 'iPhone 15 / Safari' },
          key,
        )
      ).status,
    ).toBe(200)
    const twice = await borrower.post<Problem>(
      `/api/v1/borrower/applications/${app.id}/sign`,
      { consent: true },
      { 'idempotency-key': 'sign-journey-0002' },
    )
    expect(twice.status).toBe(409)
    expect(twice.body.detail).toContain('已签署')
    const plan = await borrower.get<{ status: string; plan: { installments: { number: number; total: string }[] } }>(
      `/api/v1/borrower/applications/${app.id}`,
    )
    expect(plan.body.status).toBe('disbursed')
    expect(plan.body.plan.installments.length).toBe(6)
    const staff = await admin.get<{
      status: string
      loanId: string
      contract: { signedIp: string; signedDevice: string }
    }>(`/api/v1/applications/${app.id}`)
    expect(staff.body.contract.signedDevice).toBe('iPhone 15 / Safari')
    const staffPdf = await admin.request('GET', `/api/v1/applications/${app.id}/contract.pdf`)
    expect(staffPdf.status).toBe(200)
    const audit = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ operation: string }>(
        tx,
        sql`select operation from audit_log where object_type = 'application' and object_id = ${app.id} order by id`,
      ),
    )
    expect(audit.map((a) => a.operation)).toEqual(
      expect.arrayContaining([
        'application.submit',
        'application.manual_review',
        'application.approved',
        'contract.generate',
        'contract.sign',
        'application.disbursed',
      ]),
    )
  })
  it('the customer 360 shows the application with its review history; search finds it by number', async () => {
    const detail = await admin.get<{ customerId: string }>(`/api/v1/applications/${app.id}`)
    const c360 = await admin.get<{ sections: { applications: { items: { appNo: string; reviews: unknown[] }[] } } }>(
      `/api/v1/customers/${detail.body.customerId}/360`,
    )
    expect(c360.body.sections.applications.items[0]!.appNo).toBe(app.appNo)
    expect(c360.body.sections.applications.items[0]!.reviews.length).toBe(2)
    const search = await admin.get<{ items: { type: string; id: string }[] }>(`/api/v1/search?q=${app.appNo}`)
    expect(search.body.items.some((i) => i.type === 'application' && i.id === app.id)).toBe(true)
    const line = await admin.get<{ amount: string; available: string }>(
      `/api/v1/credit-lines/${detail.body.customerId}`,
    )
    // the line is the pre_review quota when the strategy grants one, else the approved amount;
    // either way the 8,000.00 loan is drawn from it
    const used = new Decimal('8000.00')
    expect(new Decimal(line.body.amount).gte(used)).toBe(true)
    expect(line.body.available).toBe(new Decimal(line.body.amount).minus(used).toFixed(2))
  })
})

describe('approval chains by amount', () => {
  it('steps are recorded; no one approves two steps; a reviewer cannot approve', async () => {
    const policy = await admin.put('/api/v1/origination/policies', {
      productId: product.id,
      alwaysManual: true,
      tiers: [
        { minAmount: '0', maxAmount: '10000', steps: [] },
        {
          minAmount: '10000',
          maxAmount: null,
          steps: [
            { code: 'regional_manager', name: '区域经理' },
            { code: 'department_head', name: '部门负责人' },
          ],
        },
      ],
    })
    expect(policy.status, policy.text).toBe(200)
    const bad = await admin.put<Problem>('/api/v1/origination/policies', {
      productId: null,
      tiers: [{ minAmount: '10', maxAmount: '5', steps: [] }],
    })
    expect(bad.status).toBe(400)
    const { app } = await applyManual('13700000020', '19850101', '20000.00', '456')
    await passBothStages(app.id)
    const steps = await manager.get<{ applicationId: string; stepNo: number }[]>('/api/v1/approval-steps')
    expect(steps.body.filter((s) => s.applicationId === app.id).map((s) => s.stepNo)).toEqual([1])
    expect(
      (await review1.post(`/api/v1/applications/${app.id}/approval-steps/1/decide`, { decision: 'approve' })).status,
    ).toBe(403)
    expect(
      (
        await manager.post(`/api/v1/applications/${app.id}/approval-steps/1/decide`, {
          decision: 'approve',
          comment: '同意',
        })
      ).status,
    ).toBe(200)
    const twice = await manager.post<Problem>(`/api/v1/applications/${app.id}/approval-steps/2/decide`, {
      decision: 'approve',
    })
    expect(twice.status).toBe(409)
    expect(twice.body.detail).toContain('同一人')
    const done = await admin.post<{ status: string; approvals: { status: string; decidedByName: string }[] }>(
      `/api/v1/applications/${app.id}/approval-steps/2/decide`,
      { decision: 'approve' },
    )
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('approved')
    expect(done.body.approvals.map((s) => s.status)).toEqual(['approved', 'approved'])
    await admin.put('/api/v1/origination/policies', {
      productId: product.id,
      alwaysManual: true,
      tiers: [{ minAmount: '0', maxAmount: null, steps: [] }],
    })
  })
})

describe('rejection, automatic assignment, SLA, quality inspection, statistics', () => {
  it('a rejection in review gives the borrower a readable reason', async () => {
    const { borrower, app } = await applyManual('13700000030', '19920202', '5000.00', '789')
    await review1.put('/api/v1/me/status', { online: true })
    const [order] = await ordersOf(lead, app.id)
    await lead.post('/api/v1/review/orders/assign', {
      orderIds: [order!.id],
      reviewerId: await reviewerId('huixin.review1'),
    })
    const unknown = await review1.post<Problem>(`/api/v1/review/orders/${order!.id}/decide`, {
      result: 'rejected',
      rejectReasonCode: 'nope',
    })
    expect(unknown.status).toBe(400)
    expect(
      (
        await review1.post(`/api/v1/review/orders/${order!.id}/decide`, {
          result: 'rejected',
          rejectReasonCode: 'debt_too_high',
        })
      ).status,
    ).toBe(200)
    const view = await borrower.get<{ status: string; rejectReason: string; progress: { state: string }[] }>(
      `/api/v1/borrower/applications/${app.id}`,
    )
    expect(view.body.status).toBe('rejected')
    expect(view.body.rejectReason).toContain('负债过高')
  })
  it('automatic assignment gives new orders to online reviewers (least loaded, under the cap)', async () => {
    expect(
      (await lead.patch('/api/v1/review/pools/first', { autoMode: 'least_loaded', cap: 50, slaMinutes: 60 })).status,
    ).toBe(200)
    await review1.put('/api/v1/me/status', { online: true })
    const { app } = await applyManual('13700000040', '19930303', '3000.00', '111')
    const [order] = await ordersOf(lead, app.id)
    expect(order!.status).toBe('awaiting_review')
    expect(order!.assigneeId).toBe(await reviewerId('huixin.review1'))
    await lead.patch('/api/v1/review/pools/first', { autoMode: 'manual' })
    // reassignment of an unprocessed order is allowed
    expect(
      (
        await lead.post('/api/v1/review/orders/assign', {
          orderIds: [order!.id],
          reviewerId: await reviewerId('huixin.review1'),
        })
      ).status,
    ).toBe(200)
    // SLA: an order past its due time shows in the overdue filter
    await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(sql`update review_orders set due_at = now() - interval '1 minute' where id = ${order!.id}::uuid`),
    )
    const overdue = await lead.get<{ items: Order[] }>('/api/v1/review/orders?overdue=true')
    expect(overdue.body.items.map((o) => o.id)).toContain(order!.id)
    expect(overdue.body.items.find((o) => o.id === order!.id)!.slaState).toBe('overdue')
  })
  it('quality inspection samples processed orders and scores them', async () => {
    const sampled = await lead.post<{ sampled: number }>('/api/v1/review/qi/sample', { size: 3 })
    expect(sampled.status).toBe(200)
    expect(sampled.body.sampled).toBeGreaterThan(0)
    const list = await lead.get<{ id: string; status: string; order: { status: string } }[]>(
      '/api/v1/review/qi?status=pending',
    )
    expect(list.body.every((i) => ['approved', 'rejected'].includes(i.order.status))).toBe(true)
    expect((await lead.put(`/api/v1/review/qi/${list.body[0]!.id}`, { score: 92, comment: '记录完整' })).status).toBe(
      204,
    )
    expect((await lead.put(`/api/v1/review/qi/${list.body[0]!.id}`, { score: 92, comment: 'again' })).status).toBe(422)
    expect((await lead.put(`/api/v1/review/qi/${list.body[0]!.id}`, { score: 101, comment: 'x' })).status).toBe(400)
    expect((await review1.get('/api/v1/review/qi')).status).toBe(403)
  })
  it('efficiency and performance per reviewer, with CSV export', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const eff = await lead.get<{ reviewerName: string; reviewerId: string | null; count: number; approved: number }[]>(
      `/api/v1/review/stats/efficiency?from=2000-01-01&to=${today}`,
    )
    expect(eff.status).toBe(200)
    const r1 = eff.body.find((r) => r.reviewerId === null)!
    expect(r1.count).toBeGreaterThanOrEqual(3)
    const csv = await lead.request('GET', `/api/v1/review/stats/efficiency?from=2000-01-01&to=${today}&format=csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.text).toContain('avg_minutes')
    const perf = await manager.get<{ stage: string; disbursed: number }[]>(
      `/api/v1/review/stats/performance?from=2000-01-01&to=2099-12-31`,
    )
    expect(perf.status).toBe(200)
    expect(perf.body.some((r) => r.stage === 'first' && r.disbursed >= 1)).toBe(true)
    expect((await review1.get(`/api/v1/review/stats/performance?from=2000-01-01&to=2099-12-31`)).status).toBe(403)
    expect((await lead.get<Problem>('/api/v1/review/stats/efficiency?from=x&to=y')).status).toBe(400)
  })
})
