/**
 * Early warning (风险预警) end to end: the daily close raises an underpayment streak and a first
 * payment default on a loan that pays nothing (and nothing on a loan that caught up), the IP-velocity
 * rule flags a burst of applications from one IP as suspected fraud, re-evaluation never doubles a
 * warning; rule settings are validated; acknowledge → resolve / dismiss with the status machine
 * enforced and audited; another institution's warning answers 404.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { institutions } from '../../src/modules/identity/schema.ts'
import { evaluateScene } from '../../src/modules/risk/evaluate-scene.ts'
import { runCob } from '../../src/modules/servicing/cob/index.ts'
import { getBusinessDate } from '../../src/platform/clock.ts'
import { addDays } from '../../src/platform/dates.ts'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let admin: Client
let finance: Client
let risk: Client
let lead: Client
let collector: Client
let otherRisk: Client
let huixin: string
let D0: string
const loans: Record<string, string> = {}
let keySeq = 0
const key = () => `warn-${Date.now()}-${++keySeq}`
const W = '/api/v1/collections/warnings'

type Problem = { status: number; code: string; detail?: string; errors?: { field: string; message: string }[] }
type Warning = {
  id: string
  ruleCode: string
  severity: string
  subjectLabel: string
  loanId: string | null
  customerIds: string[]
  status: string
  ownerId: string | null
  ownerName: string | null
  evidence: Record<string, unknown>
  businessDate: string
  note: string | null
  closedOn: string | null
}
type Page = { items: Warning[]; total: number }

const warningsOf = (loanId: string) =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ id: string; rule_code: string; status: string }>(
      tx,
      sql`select id, rule_code, status from collection_warnings where loan_id = ${loanId}::uuid order by rule_code`,
    ),
  )
const audits = (objectId: string) =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ operation: string }>(
      tx,
      sql`select operation from audit_log where object_id = ${objectId} order by id`,
    ),
  )

async function backdatedLoan(name: string, term: number): Promise<string> {
  const res = await finance.post<{ id: string }>('/api/v1/loans', {
    productId: loans.product,
    amount: '3000.00',
    term,
    borrowerName: name,
  })
  expect(res.status, res.text).toBe(201)
  const d = await finance.post(
    `/api/v1/loans/${res.body.id}/disburse`,
    { external: { reference: `EXT-${key()}`, valueDate: addDays(D0, -100) } },
    { 'idempotency-key': key() },
  )
  expect(d.status, d.text).toBe(200)
  return res.body.id
}

beforeAll(async () => {
  env = await startTestEnv()
  admin = await env.login('huixin.admin')
  finance = await env.login('huixin.finance')
  risk = await env.login('huixin.risk')
  lead = await env.login('huixin.collectlead')
  collector = await env.login('huixin.collector1')
  otherRisk = await env.login('ruifeng.risk')
  await env.platform.db.tx(SYSTEM, async (tx) => {
    huixin = (await tx.select().from(institutions).where(eq(institutions.code, 'huixin')))[0]!.id
    D0 = await getBusinessDate(tx, huixin)
  })
  const p = await admin.post<{ id: string }>('/api/v1/products', {
    name: `预警测试月供贷 ${key()}`,
    minAmount: '1000.00',
    maxAmount: '9000.00',
    minTerm: 3,
    maxTerm: 12,
    termUnit: 'month',
    annualRatePercent: '12',
  })
  expect(p.status, p.text).toBe(201)
  loans.product = p.body.id
  expect((await admin.post(`/api/v1/products/${loans.product}/list`, {})).status).toBe(200)
  // three installments fell due (≈ D0−70, −40, −10); A never pays, B catches up today
  loans.A = await backdatedLoan('预警甲', 6)
  loans.B = await backdatedLoan('预警乙', 6)
  const owed = await env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ owed: string }>(
      tx,
      sql`select sum(principal_due + interest_due + fee_due + penalty_due)::text as owed from installments
        where loan_id = ${loans.B}::uuid and due_date <= ${D0}::date`,
    ),
  )
  const pay = await finance.post(
    `/api/v1/loans/${loans.B}/repayments`,
    { amount: owed[0]!.owed, channel: 'bank_transfer' },
    { 'idempotency-key': key() },
  )
  expect(pay.status, pay.text).toBe(200)
  const cob = await runCob({ db: env.platform.db, institutionId: huixin, toDate: addDays(D0, 1), trigger: 'test' })
  expect(cob).toBeTruthy()
}, 300_000)
afterAll(async () => {
  await env?.close()
})

describe('daily evaluation', () => {
  it("the demo's closes and its IP burst raised warnings through the real flow", async () => {
    const rows = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ rule_code: string; n: number }>(
        tx,
        sql`select rule_code, count(*)::int as n from collection_warnings
          where institution_id = ${huixin}::uuid and business_date <= ${D0}::date group by rule_code order by rule_code`,
      ),
    )
    const counts = Object.fromEntries(rows.map((r) => [r.rule_code, Number(r.n)]))
    console.info('[demo warnings, huixin]', counts)
    expect(counts.first_payment_default).toBeGreaterThan(0)
    expect(counts.underpayment_streak).toBeGreaterThan(0) // the demo's taken-over loan that never paid
    expect(counts.ip_velocity).toBe(1)
    const [burst] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ subject_label: string; n: number }>(
        tx,
        sql`select subject_label, cardinality(customer_ids)::int as n from collection_warnings
          where institution_id = ${huixin}::uuid and rule_code = 'ip_velocity'`,
      ),
    )
    expect(burst).toEqual({ subject_label: '203.0.113.100', n: 10 })
  })

  it('the close raises an underpayment streak and a first payment default on the loan that pays nothing', async () => {
    expect((await warningsOf(loans.A!)).map((w) => [w.rule_code, w.status])).toEqual([
      ['first_payment_default', 'open'],
      ['underpayment_streak', 'open'],
    ])
    expect(await warningsOf(loans.B!)).toEqual([])
    const list = await risk.get<Page>(`${W}?rule=underpayment_streak&status=open&pageSize=200`)
    expect(list.status).toBe(200)
    const streak = list.body.items.find((w) => w.loanId === loans.A)!
    expect(streak).toMatchObject({ severity: 'medium', status: 'open', businessDate: addDays(D0, 1) })
    const ev = streak.evidence as { thresholdPercent: string; periods: { received: string; ratioPercent: string }[] }
    expect(ev.thresholdPercent).toBe('80')
    expect(ev.periods).toHaveLength(3)
    expect(ev.periods.map((x) => x.ratioPercent)).toEqual(['0.00', '0.00', '0.00'])
    // no account manager on the loan → the least-loaded risk manager; the owner is told in-app
    expect(streak.ownerName).toBe('风控经理 王强')
    const told = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select 1 from notifications where channel = 'inapp' and template = 'collections.warning.underpayment_streak'
          and institution_id = ${huixin}::uuid`,
      ),
    )
    expect(told.length).toBeGreaterThan(0)
    const fpd = await lead.get<Page>(`${W}?rule=first_payment_default&pageSize=200`)
    expect(fpd.body.items.find((w) => w.loanId === loans.A)).toMatchObject({
      severity: 'high',
      ownerName: '催收组长 周杰',
      evidence: expect.objectContaining({ threshold: 30 }),
    })
  })

  it('evaluating again (the same day, or by hand) never doubles a warning', async () => {
    const before = (await risk.get<Page>(`${W}?pageSize=1`)).body.total
    const res = await risk.post<{ raised: Record<string, number> }>(`${W}/evaluate`, {})
    expect(res.status, res.text).toBe(200)
    expect(res.body.raised).toMatchObject({ underpayment_streak: 0, first_payment_default: 0 })
    expect((await risk.get<Page>(`${W}?pageSize=1`)).body.total).toBe(before)
    expect((await warningsOf(loans.A!)).length).toBe(2)
  })

  it('ten applications from one IP within the hour → suspected fraud, flagged on the customers; nine do not', async () => {
    const customers = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from customers where institution_id = ${huixin}::uuid order by created_at, id limit 10`,
      ),
    )
    const apply = (ip: string, customerId: string) =>
      env.platform.db.tx({ scope: 'institution', institutionId: huixin }, (tx) =>
        evaluateScene({
          tx,
          pii: env.platform.pii,
          institutionId: huixin,
          sceneCode: 'pre_review',
          subject: { customerId },
          inputs: { age: 30, monthly_income: 9000, debt_ratio: 0.1, employment_type: 'salaried' },
          device: { fingerprint: `fp-${customerId.slice(0, 8)}`, ip },
        }),
      )
    for (const c of customers) await apply('198.51.100.77', c.id)
    for (const c of customers.slice(0, 9)) await apply('198.51.100.78', c.id)
    const res = await risk.post<{ raised: Record<string, number> }>(`${W}/evaluate`, {})
    expect(res.status, res.text).toBe(200)
    expect(res.body.raised.ip_velocity).toBe(1)
    const list = await risk.get<Page>(`${W}?rule=ip_velocity&q=198.51.100&pageSize=50`)
    expect(list.body.items.map((w) => w.subjectLabel)).toEqual(['198.51.100.77'])
    const w = list.body.items[0]!
    expect(w).toMatchObject({ severity: 'high', status: 'open', ownerName: '风控经理 王强' })
    expect(w.evidence).toMatchObject({ applications: 10, threshold: 10, windowMinutes: 60, flag: 'suspected_fraud' })
    expect(new Set(w.customerIds)).toEqual(new Set(customers.map((c) => c.id)))
    const c360 = await risk.get<{ sections: Record<string, { suspectedFraud: boolean }> }>(
      `/api/v1/customers/${customers[0]!.id}/360`,
    )
    expect(c360.status, c360.text).toBe(200)
    expect(JSON.stringify(c360.body)).toContain('"suspectedFraud":true')
    // the same burst is not raised again
    expect((await risk.post<{ raised: Record<string, number> }>(`${W}/evaluate`, {})).body.raised.ip_velocity).toBe(0)
  })
})

describe('rule settings', () => {
  it('bad thresholds, unknown fields and a foreign parameter are refused with the field named', async () => {
    const bad = await risk.put<Problem>(`${W}/rules/underpayment_streak`, {
      params: { thresholdPercent: '0', periods: 1, days: 5 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual([
      'body.params.days',
      'body.params.periods',
      'body.params.thresholdPercent',
    ])
    expect(bad.body.errors!.find((e) => e.field === 'body.params.periods')!.message).toBe('须为 2 到 24 之间的整数')
    const unknown = await risk.put<Problem>(`${W}/rules/ip_velocity`, { enabled: true, colour: 'red' })
    expect(unknown.status).toBe(400)
    const unknownParam = await risk.put<Problem>(`${W}/rules/ip_velocity`, { params: { burst: 3 } })
    expect(unknownParam.status).toBe(400)
    expect((await risk.put(`${W}/rules/no_such_rule`, { enabled: true })).status).toBe(400)
    const position = await risk.put<Problem>(`${W}/rules/ip_velocity`, { ownerPosition: 'nobody' })
    expect(position.status).toBe(400)
    expect(position.body.errors![0]!.field).toBe('body.ownerPosition')
    const pct = await risk.put<Problem>(`${W}/rules/underpayment_streak`, { params: { thresholdPercent: '80.123' } })
    expect(pct.body.errors![0]).toEqual({
      field: 'body.params.thresholdPercent',
      message: '百分比须在 0.01 到 100 之间，最多两位小数',
    })
    // a collection lead may read the rules but not change them
    expect((await lead.get(`${W}/rules`)).status).toBe(200)
    expect((await lead.put(`${W}/rules/ip_velocity`, { enabled: false })).status).toBe(403)
  })

  it('a valid change is saved, shown and audited', async () => {
    const res = await risk.put<{ params: Record<string, unknown>; severity: string }>(
      `${W}/rules/underpayment_streak`,
      {
        severity: 'high',
        params: { thresholdPercent: '75.5', periods: 4 },
      },
    )
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ severity: 'high', params: { thresholdPercent: '75.5', periods: 4 } })
    const rules = await risk.get<{ items: { code: string; severity: string; params: Record<string, unknown> }[] }>(
      `${W}/rules`,
    )
    expect(rules.body.items.find((r) => r.code === 'underpayment_streak')).toMatchObject({
      severity: 'high',
      params: { thresholdPercent: '75.5', periods: 4 },
    })
    expect(rules.body.items.find((r) => r.code === 'ip_velocity')!.params).toEqual({
      applications: 10,
      windowMinutes: 60,
    })
    expect((await audits('underpayment_streak')).map((a) => a.operation)).toContain('collection.warning_rule.update')
    // back to the defaults for the rest of the file
    await risk.put(`${W}/rules/underpayment_streak`, {
      severity: 'medium',
      params: { thresholdPercent: '80', periods: 3 },
    })
  })
})

describe('handling warnings', () => {
  let id: string
  beforeAll(async () => {
    id = (await risk.get<Page>(`${W}?rule=underpayment_streak&status=open&pageSize=200`)).body.items.find(
      (w) => w.loanId === loans.A,
    )!.id
  })

  it('acknowledge then resolve; a second acknowledge or resolve is a 422 problem', async () => {
    const ack = await risk.post<Warning>(`${W}/${id}/acknowledge`, {})
    expect(ack.status, ack.text).toBe(200)
    expect(ack.body.status).toBe('acknowledged')
    const again = await risk.post<Problem>(`${W}/${id}/acknowledge`, {})
    expect(again.status).toBe(422)
    expect(again.headers['content-type']).toContain('application/problem+json')
    expect(again.body.detail).toBe('预警当前状态为 acknowledged，不能执行该操作（acknowledge）')
    const resolved = await risk.post<Warning>(`${W}/${id}/resolve`, { note: '已联系借款人，约定下月足额还款' })
    expect(resolved.status, resolved.text).toBe(200)
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      note: '已联系借款人，约定下月足额还款',
      closedOn: addDays(D0, 1),
    })
    expect((await risk.post(`${W}/${id}/resolve`, {})).status).toBe(422)
    expect((await risk.post(`${W}/${id}/dismiss`, { note: 'x' })).status).toBe(422)
    expect((await audits(id)).map((a) => a.operation)).toEqual([
      'collection.warning.acknowledge',
      'collection.warning.resolve',
    ])
    // resolved: the same streak is not raised again by the next evaluation
    await risk.post(`${W}/evaluate`, {})
    expect((await warningsOf(loans.A!)).filter((w) => w.rule_code === 'underpayment_streak')).toHaveLength(1)
  })

  it('dismissing needs a note; reassigning needs a holder of warning.handle; unknown fields are refused', async () => {
    const fpd = (await warningsOf(loans.A!)).find((w) => w.rule_code === 'first_payment_default')!.id
    const noNote = await lead.post<Problem>(`${W}/${fpd}/dismiss`, {})
    expect(noNote.status).toBe(400)
    expect(noNote.body.errors![0]!.field).toBe('body.note')
    expect((await lead.post(`${W}/${fpd}/acknowledge`, { note: 'x', extra: 1 })).status).toBe(400)
    const owners = await risk.get<{ items: { id: string; username: string }[] }>(`${W}/owners`)
    expect(owners.body.items.map((o) => o.username)).toEqual(['huixin.collectlead', 'huixin.risk'])
    const collectorId = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from users where username = 'huixin.collector1'`),
    )
    const wrong = await risk.post<Problem>(`${W}/${fpd}/reassign`, { ownerId: collectorId[0]!.id })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors![0]!.field).toBe('body.ownerId')
    const riskId = owners.body.items.find((o) => o.username === 'huixin.risk')!.id
    const moved = await risk.post<Warning>(`${W}/${fpd}/reassign`, { ownerId: riskId })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body.ownerName).toBe('风控经理 王强')
    const dismissed = await risk.post<Warning>(`${W}/${fpd}/dismiss`, { note: '借款人已申请展期，误报' })
    expect(dismissed.body.status).toBe('dismissed')
    expect((await audits(fpd)).map((a) => a.operation)).toEqual([
      'collection.warning.reassign',
      'collection.warning.dismiss',
    ])
  })

  it('list: filters, sort and paging; statistics by rule, status, severity and day', async () => {
    const page = await risk.get<Page>(`${W}?status=closed&pageSize=1&sort=severity&order=desc`)
    expect(page.status).toBe(200)
    expect(page.body.items).toHaveLength(1)
    expect(page.body.total).toBeGreaterThanOrEqual(2)
    expect(['resolved', 'dismissed']).toContain(page.body.items[0]!.status)
    expect((await risk.get(`${W}?status=bogus`)).status).toBe(400)
    expect((await risk.get(`${W}?pageSize=500`)).status).toBe(400)
    const stats = await risk.get<{
      byRule: { key: string; total: number }[]
      byStatus: { key: string; total: number }[]
      trend: { day: string; raised: number; closed: number }[]
    }>(`${W}/statistics`)
    expect(stats.status, stats.text).toBe(200)
    expect(stats.body.byRule.map((r) => r.key)).toEqual(
      expect.arrayContaining(['first_payment_default', 'ip_velocity', 'underpayment_streak']),
    )
    expect(stats.body.trend).toHaveLength(30)
    expect(stats.body.trend.at(-1)).toMatchObject({ day: addDays(D0, 1) })
    expect(stats.body.trend.at(-1)!.closed).toBeGreaterThanOrEqual(2)
    expect((await risk.get(`${W}/statistics?from=2026-13-01`)).status).toBe(400)
  })

  it("another institution's warning answers 404; a collector has no access", async () => {
    for (const path of [`${W}/${id}`]) expect((await otherRisk.get(path)).status).toBe(404)
    expect((await otherRisk.post(`${W}/${id}/dismiss`, { note: 'x' })).status).toBe(404)
    const theirs = await otherRisk.get<Page>(`${W}?pageSize=200`)
    expect(theirs.body.items.every((w) => w.loanId !== loans.A)).toBe(true)
    expect((await collector.get(W)).status).toBe(403)
  })
})
