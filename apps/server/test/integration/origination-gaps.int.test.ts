/**
 * The closed gaps of issue #5: a staff-entered application reaches signing and disbursement (the
 * borrower signs in the H5 when an account has the customer's phone, else staff record an in-branch
 * signature); a reviewer who goes online gets the waiting orders of automatic pools; the reject-reason
 * catalog is the institution's own, edited over HTTP, and its texts reach the borrower.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'
import { borrowerClient, idNumberFor, JPEG, PROFILE, productOf, upload } from './origination-support.ts'

let env: TestEnv
let lead: Client
let review1: Client
let review2: Client
let admin: Client
let product: { id: string }

type Problem = { errors?: { field: string; message: string }[]; detail?: string; code: string }
type Detail = {
  id: string
  status: string
  borrowerId: string | null
  loanId: string | null
  contract: {
    status: string
    sha256: string
    signedAt: string | null
    signedIp: string | null
    signedDevice: string | null
    signMethod: string
    signedByStaffName: string | null
    identityChecked: boolean
  } | null
}
type Order = { id: string; applicationId: string; stage: string; status: string; assigneeId: string | null }

beforeAll(async () => {
  env = await startTestEnv()
  ;[lead, review1, review2, admin] = (await Promise.all(
    ['huixin.reviewlead', 'huixin.review1', 'huixin.review2', 'huixin.admin'].map((u) => env.login(u)),
  )) as [Client, Client, Client, Client]
  product = await productOf(await borrowerClient(env, '13700009001'))
  // every application here goes to manual review, whatever the risk sources answer
  const policy = await admin.put('/api/v1/origination/policies', {
    productId: product.id,
    alwaysManual: true,
    tiers: [{ minAmount: '0', maxAmount: null, steps: [] }],
  })
  if (policy.status !== 200) throw new Error(policy.text)
}, 600_000)
afterAll(() => env?.close())

const userId = async (username: string) => {
  const [u] = await env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ id: string }>(tx, sql`select id from users where username = ${username}`),
  )
  return u!.id
}
const ordersOf = async (applicationId: string) =>
  (await lead.get<{ items: Order[] }>('/api/v1/review/orders?pageSize=200')).body.items.filter(
    (o) => o.applicationId === applicationId,
  )
const auditOf = (objectId: string) =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ operation: string; after: Record<string, unknown> | null }>(
      tx,
      sql`select operation, after from audit_log where object_id = ${objectId} order by id`,
    ),
  )

async function staffCustomer(name: string, phone: string, birth: string, seq: string) {
  const res = await admin.post<{ id: string }>('/api/v1/customers', {
    name,
    idNumber: idNumberFor(birth, seq),
    phone,
    otherPhones: [],
    address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '建设路1号' },
    job: { employer: '某公司', position: '工程师', industry: '信息技术', monthlyIncome: '12000.00' },
    contacts: [{ name: '张三', relation: 'spouse', phone: '13700003333' }],
    bankCards: [],
    tags: [],
    channel: 'offline',
  })
  expect(res.status, res.text).toBe(201)
  return res.body.id
}

async function staffApply(customerId: string, amount = '6000.00') {
  const res = await admin.post<Detail>('/api/v1/applications', {
    customerId,
    productId: product.id,
    amount,
    term: 6,
    purpose: '装修',
    employmentType: 'salaried',
    monthlyIncome: '12000.00',
  })
  expect(res.status, res.text).toBe(201)
  expect(res.body.status).toBe('manual_review')
  return res.body
}

async function passBothStages(applicationId: string) {
  await review1.put('/api/v1/me/status', { online: true })
  await review2.put('/api/v1/me/status', { online: true })
  for (const [stage, reviewer, username] of [
    ['first', review1, 'huixin.review1'],
    ['second', review2, 'huixin.review2'],
  ] as const) {
    const order = (await ordersOf(applicationId)).find((o) => o.stage === stage)!
    if (order.status === 'awaiting_assignment')
      expect(
        (await lead.post('/api/v1/review/orders/assign', { orderIds: [order.id], reviewerId: await userId(username) }))
          .status,
      ).toBe(200)
    const res = await reviewer.post(`/api/v1/review/orders/${order.id}/decide`, { result: 'approved' })
    expect(res.status, res.text).toBe(200)
  }
}

describe('a staff-entered application reaches signing and disbursement', () => {
  let appId: string

  it('without a borrower account, staff record the in-branch signature and the money is disbursed', async () => {
    const customerId = await staffCustomer('柜面客户', '13600007701', '19880808', '401')
    const app = await staffApply(customerId)
    expect(app.borrowerId).toBeNull()
    appId = app.id
    await passBothStages(app.id)
    const approved = await admin.get<Detail>(`/api/v1/applications/${app.id}`)
    expect(approved.body.status).toBe('approved')
    expect(approved.body.contract!.status).toBe('pending_signature')

    const url = `/api/v1/applications/${app.id}/sign-in-branch`
    const key = { 'idempotency-key': 'branch-sign-0001' }
    const noConsent = await admin.post<Problem>(url, { consent: false, identityChecked: true }, key)
    expect(noConsent.status).toBe(400)
    expect(noConsent.body.errors![0]!.field).toBe('body.consent')
    const noIdCheck = await admin.post<Problem>(
      url,
      { consent: true, identityChecked: false },
      { 'idempotency-key': 'branch-sign-0002' },
    )
    expect(noIdCheck.status).toBe(400)
    expect(noIdCheck.body.errors![0]!.field).toBe('body.identityChecked')
    expect(noIdCheck.body.errors![0]!.message).toContain('身份证原件')
    expect((await admin.post(url, { consent: true, identityChecked: true })).status).toBe(400)
    expect((await admin.post(url, { consent: true, identityChecked: true, pen: 'x' }, key)).status).toBe(400)
    expect((await admin.get<Detail>(`/api/v1/applications/${app.id}`)).body.contract!.status).toBe('pending_signature')

    const body = { consent: true, identityChecked: true, device: '网点 3 号柜台 / 签字板 SP-200' }
    const signed = await admin.post<Detail & { signature: { sha256: string }; disbursementError: string | null }>(
      url,
      body,
      { 'idempotency-key': 'branch-sign-0003' },
    )
    expect(signed.status, signed.text).toBe(200)
    expect(signed.body.disbursementError).toBeNull()
    expect(signed.body.status).toBe('disbursed')
    expect(signed.body.loanId).toBeTruthy()
    const c = signed.body.contract!
    expect(c.status).toBe('signed')
    expect(c.signMethod).toBe('in_branch')
    expect(c.signedByStaffName).toBeTruthy()
    expect(c.identityChecked).toBe(true)
    expect(c.signedDevice).toBe('网点 3 号柜台 / 签字板 SP-200')
    expect(c.signedIp).toBeTruthy()
    expect(c.signedAt).toBeTruthy()
    expect(c.sha256).toBe(signed.body.signature.sha256)
    const pdf = await admin.request('GET', `/api/v1/applications/${app.id}/contract.pdf`)
    expect(pdf.headers['x-content-sha256']).toBe(c.sha256)

    // the same key replays; a second signature is refused
    expect((await admin.post(url, body, { 'idempotency-key': 'branch-sign-0003' })).status).toBe(200)
    const twice = await admin.post<Problem>(url, body, { 'idempotency-key': 'branch-sign-0004' })
    expect(twice.status).toBe(409)
    expect(twice.body.detail).toContain('已签署')

    const audit = await auditOf(app.id)
    const sign = audit.find((a) => a.operation === 'contract.sign_in_branch')
    expect(sign?.after).toMatchObject({ method: 'in_branch', identityChecked: true, sha256: c.sha256 })
    expect(audit.map((a) => a.operation)).toEqual(
      expect.arrayContaining(['application.disbursing', 'application.disbursed']),
    )
  })

  it('an application not yet approved cannot be signed in branch (422, in both languages)', async () => {
    const customerId = await staffCustomer('待审客户', '13600007702', '19890909', '402')
    const app = await staffApply(customerId)
    const res = await admin.post<Problem>(
      `/api/v1/applications/${app.id}/sign-in-branch`,
      { consent: true, identityChecked: true },
      { 'idempotency-key': 'branch-sign-0101' },
    )
    expect(res.status).toBe(422)
    admin.locale = 'en-US'
    const en = await admin.post<Problem>(
      `/api/v1/applications/${app.id}/sign-in-branch`,
      { consent: true, identityChecked: true },
      { 'idempotency-key': 'branch-sign-0102' },
    )
    admin.locale = 'zh-CN'
    expect(en.body.detail).toContain('manual_review')
    expect((await admin.get<Detail>(`/api/v1/applications/${appId}`)).body.status).toBe('disbursed')
  })

  it('an H5 application is signed by the borrower only: staff cannot sign it in branch', async () => {
    const borrower = await borrowerClient(env, '13700009011')
    const photo = await upload(env, borrower, JPEG)
    const res = await borrower.post<{ id: string }>('/api/v1/borrower/applications', {
      productId: product.id,
      amount: '5000.00',
      term: 6,
      purpose: '消费',
      employmentType: 'salaried',
      monthlyIncome: '15000.00',
      documents: [{ uploadId: photo }],
      profile: PROFILE('H5 客户', idNumberFor('19870707', '403')),
    })
    expect(res.status, res.text).toBe(201)
    const refused = await admin.post<Problem>(
      `/api/v1/applications/${res.body.id}/sign-in-branch`,
      { consent: true, identityChecked: true },
      { 'idempotency-key': 'branch-sign-0201' },
    )
    expect(refused.status).toBe(422)
    expect(refused.body.detail).toContain('H5')
  })

  it('with a borrower account on the customer’s phone, the borrower finds it in the H5 and signs it there', async () => {
    const borrower = await borrowerClient(env, '13600007703')
    const customerId = await staffCustomer('有账户客户', '13600007703', '19860606', '404')
    const app = await staffApply(customerId)
    expect(app.borrowerId).toBeTruthy()
    const mine = await borrower.get<{ id: string; status: string }[]>('/api/v1/borrower/applications')
    expect(mine.body.map((a) => a.id)).toContain(app.id)
    await passBothStages(app.id)
    const signed = await borrower.post<{ status: string; disbursementError: string | null }>(
      `/api/v1/borrower/applications/${app.id}/sign`,
      { consent: true, device: 'Android / Chrome' },
      { 'idempotency-key': 'h5-sign-staff-0001' },
    )
    expect(signed.status, signed.text).toBe(200)
    expect(signed.body.status).toBe('disbursed')
    const detail = await admin.get<Detail>(`/api/v1/applications/${app.id}`)
    expect(detail.body.contract!.signMethod).toBe('h5')
    expect((await auditOf(customerId)).map((a) => a.operation)).toContain('customer.link_borrower')
  })
})

describe('a reviewer going online gets the waiting orders of automatic pools', () => {
  const firstStage = async (status: string) =>
    (await lead.get<{ items: Order[] }>(`/api/v1/review/orders?stage=first&status=${status}&pageSize=200`)).body.items

  it('manual pool: nothing moves; automatic pool: waiting orders go to the reviewer up to the cap', async () => {
    await review1.put('/api/v1/me/status', { online: false })
    await review2.put('/api/v1/me/status', { online: false })
    const a1 = await staffApply(await staffCustomer('上线一', '13600007711', '19850505', '411'))
    const a2 = await staffApply(await staffCustomer('上线二', '13600007712', '19850506', '412'))
    const waiting = (await firstStage('awaiting_assignment')).map((o) => o.id)
    expect(waiting.length).toBeGreaterThanOrEqual(2)

    // the pool is manual: going online changes nothing
    expect((await lead.patch('/api/v1/review/pools/first', { autoMode: 'manual' })).status).toBe(200)
    await review1.put('/api/v1/me/status', { online: true })
    expect((await firstStage('awaiting_assignment')).length).toBe(waiting.length)
    await review1.put('/api/v1/me/status', { online: false })

    // automatic, with a cap one above what review1 holds: exactly one waiting order comes to them
    const r1 = await userId('huixin.review1')
    const reviewers = await lead.get<{ id: string; open: number }[]>('/api/v1/review/reviewers?stage=first')
    const held = reviewers.body.find((r) => r.id === r1)!.open
    expect((await lead.patch('/api/v1/review/pools/first', { autoMode: 'round_robin', cap: held + 1 })).status).toBe(
      200,
    )
    // someone who is not a reviewer of the pool going online assigns nothing
    await lead.put('/api/v1/me/status', { online: true })
    expect((await firstStage('awaiting_assignment')).length).toBe(waiting.length)

    const online = await review1.put<{ online: boolean }>('/api/v1/me/status', { online: true })
    expect(online.status).toBe(200)
    expect(online.body.online).toBe(true)
    expect((await firstStage('awaiting_assignment')).length).toBe(waiting.length - 1)
    const given = (await firstStage('awaiting_review')).filter((o) => o.assigneeId === r1 && waiting.includes(o.id))
    expect(given.length).toBe(1)
    const audit = await auditOf(given[0]!.id)
    expect(audit.find((a) => a.operation === 'review.order.assign')?.after).toMatchObject({
      assigneeId: r1,
      mode: 'round_robin',
    })

    // a larger cap: going online again hands over the rest, the newest ones included
    await lead.patch('/api/v1/review/pools/first', { cap: held + waiting.length + 1 })
    await review1.put('/api/v1/me/status', { online: true })
    expect((await firstStage('awaiting_assignment')).length).toBe(0)
    for (const a of [a1, a2]) expect((await ordersOf(a.id))[0]!.assigneeId).toBe(r1)
    await lead.patch('/api/v1/review/pools/first', { autoMode: 'manual' })
  })
})

describe('the reject-reason catalog is the institution’s own', () => {
  type Reason = {
    id: string
    code: string
    'zh-CN': string
    'en-US': string
    borrowerText: { 'zh-CN': string; 'en-US': string }
    active: boolean
  }
  const newReason = {
    code: 'address_unverified',
    label: { 'zh-CN': '居住地址无法核实', 'en-US': 'Home address could not be verified' },
    borrowerText: {
      'zh-CN': '很抱歉，您的居住地址未能核实，请更新后再申请',
      'en-US': 'Sorry, your home address could not be verified; please update it and apply again',
    },
  }
  let added: Reason

  it('starts from the built-in reasons; reviewers read it, only leads and admins change it', async () => {
    const list = await review1.get<Reason[]>('/api/v1/review/reject-reasons')
    expect(list.status).toBe(200)
    expect(list.body.map((r) => r.code)).toEqual(expect.arrayContaining(['debt_too_high', 'fraud_suspected', 'other']))
    expect(list.body.find((r) => r.code === 'debt_too_high')!.borrowerText['zh-CN']).toContain('负债过高')
    expect((await review1.post('/api/v1/review/reject-reasons', newReason)).status).toBe(403)
  })

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...newReason, severity: 'high' }, 'body.severity'],
      [{ ...newReason, code: 'Bad Code' }, 'body.code'],
      [{ ...newReason, label: { 'zh-CN': '只有中文' } }, 'body.label.en-US'],
      [{ ...newReason, borrowerText: { ...newReason.borrowerText, 'fr-FR': 'x' } }, 'body.borrowerText.fr-FR'],
      [{ ...newReason, label: { 'zh-CN': ' ', 'en-US': 'x' } }, 'body.label.zh-CN'],
    ]
    for (const [body, field] of cases) {
      const res = await lead.post<Problem>('/api/v1/review/reject-reasons', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.body.errors!.map((e) => e.field).join(',')).toContain(field)
    }
    const taken = await lead.post<Problem>('/api/v1/review/reject-reasons', { ...newReason, code: 'debt_too_high' })
    expect(taken.status).toBe(409)
    expect(taken.headers['content-type']).toContain('application/problem+json')
    expect(taken.body.detail).toContain('debt_too_high')
    expect(taken.body.detail).toContain('已存在')
    lead.locale = 'en-US'
    const takenEn = await lead.post<Problem>('/api/v1/review/reject-reasons', { ...newReason, code: 'debt_too_high' })
    lead.locale = 'zh-CN'
    expect(takenEn.body.detail).toContain('already exists')
    const list = await lead.get<Reason[]>('/api/v1/review/reject-reasons?all=true')
    expect(list.body.filter((r) => r.code === 'debt_too_high').length).toBe(1)
    expect(list.body.some((r) => r.code === 'address_unverified')).toBe(false)
    const first = list.body[0]!
    expect((await lead.patch(`/api/v1/review/reject-reasons/${first.id}`, {})).status).toBe(400)
    expect((await lead.patch(`/api/v1/review/reject-reasons/${first.id}`, { code: 'renamed' })).status).toBe(400)
    expect(
      (await lead.patch('/api/v1/review/reject-reasons/00000000-0000-4000-8000-000000000000', { active: false }))
        .status,
    ).toBe(404)
  })

  it('a reason is added and another disabled, both audited; reviewers pick from the active ones', async () => {
    const res = await lead.post<Reason>('/api/v1/review/reject-reasons', newReason)
    expect(res.status, res.text).toBe(201)
    added = res.body
    expect(added).toMatchObject({ code: 'address_unverified', active: true, 'en-US': newReason.label['en-US'] })
    const other = (await lead.get<Reason[]>('/api/v1/review/reject-reasons')).body.find((r) => r.code === 'other')!
    const disabled = await lead.patch<Reason>(`/api/v1/review/reject-reasons/${other.id}`, { active: false })
    expect(disabled.status).toBe(200)
    expect(disabled.body.active).toBe(false)
    const active = (await review1.get<Reason[]>('/api/v1/review/reject-reasons')).body.map((r) => r.code)
    expect(active).toContain('address_unverified')
    expect(active).not.toContain('other')
    expect((await lead.get<Reason[]>('/api/v1/review/reject-reasons?all=true')).body.map((r) => r.code)).toContain(
      'other',
    )
    expect((await auditOf(added.id)).map((a) => a.operation)).toEqual(['review.reject_reason.add'])
    const upd = await auditOf(other.id)
    expect(upd.map((a) => a.operation)).toEqual(['review.reject_reason.update'])
    expect(upd[0]!.after).toMatchObject({ active: false })
  })

  it('a rejection with the new reason shows its text to the borrower, in their language', async () => {
    const borrower = await borrowerClient(env, '13700009021')
    const photo = await upload(env, borrower, JPEG)
    const res = await borrower.post<{ id: string }>('/api/v1/borrower/applications', {
      productId: product.id,
      amount: '4000.00',
      term: 6,
      purpose: '消费',
      employmentType: 'salaried',
      monthlyIncome: '15000.00',
      documents: [{ uploadId: photo }],
      profile: PROFILE('拒绝客户', idNumberFor('19840404', '421')),
    })
    expect(res.status, res.text).toBe(201)
    await review1.put('/api/v1/me/status', { online: true })
    const [order] = await ordersOf(res.body.id)
    if (order!.status === 'awaiting_assignment')
      await lead.post('/api/v1/review/orders/assign', {
        orderIds: [order!.id],
        reviewerId: await userId('huixin.review1'),
      })
    const page = await review1.get<{ rejectReasons: Reason[] }>(`/api/v1/review/orders/${order!.id}`)
    expect(page.body.rejectReasons.map((r) => r.code)).toContain('address_unverified')
    expect(page.body.rejectReasons.map((r) => r.code)).not.toContain('other')
    const disabled = await review1.post<Problem>(`/api/v1/review/orders/${order!.id}/decide`, {
      result: 'rejected',
      rejectReasonCode: 'other',
    })
    expect(disabled.status).toBe(400)
    expect(disabled.body.errors![0]!.field).toBe('body.rejectReasonCode')
    const done = await review1.post(`/api/v1/review/orders/${order!.id}/decide`, {
      result: 'rejected',
      rejectReasonCode: 'address_unverified',
    })
    expect(done.status, done.text).toBe(200)
    const zh = await borrower.get<{ status: string; rejectReason: string }>(
      `/api/v1/borrower/applications/${res.body.id}`,
    )
    expect(zh.body.status).toBe('rejected')
    expect(zh.body.rejectReason).toBe(newReason.borrowerText['zh-CN'])
    borrower.locale = 'en-US'
    const en = await borrower.get<{ rejectReason: string }>(`/api/v1/borrower/applications/${res.body.id}`)
    expect(en.body.rejectReason).toBe(newReason.borrowerText['en-US'])
    // editing the catalog later does not rewrite what the borrower was told
    await lead.patch(`/api/v1/review/reject-reasons/${added.id}`, {
      borrowerText: { 'zh-CN': '新的说明', 'en-US': 'New text' },
    })
    expect(
      (await borrower.get<{ rejectReason: string }>(`/api/v1/borrower/applications/${res.body.id}`)).body.rejectReason,
    ).toBe(newReason.borrowerText['en-US'])
  })
})
