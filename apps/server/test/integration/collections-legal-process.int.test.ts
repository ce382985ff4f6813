/**
 * The legal process after an escalation: the escalation opens a legal case (one open per collection
 * case), which moves escalated → lawyer assigned → filed → judgment → enforcement → closed, each move
 * dated and carrying what it needs (firm, court and docket number, judgment amount, outcome); fees add
 * up exactly; a move the process does not allow answers 422, bad input 400 naming the field, and
 * another institution's or another collector's legal case 404.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
let collector: Client
let otherLead: Client
let huixin: string
let D0: string
let today: string
let productId: string
const ids: Record<string, string> = {}
let keySeq = 0
const key = () => `legal-${Date.now()}-${++keySeq}`
const L = '/api/v1/collections/legal'

type Problem = { status: number; code: string; detail?: string; errors?: { field: string; message: string }[] }
type LegalCase = {
  id: string
  caseId: string
  status: string
  feesTotal: string
  claimAmount: string | null
  judgmentAmount: string | null
  events: { kind: string; toStatus: string | null; amount: string | null; documents: unknown[] }[]
}

beforeAll(async () => {
  env = await startTestEnv()
  admin = await env.login('huixin.admin')
  finance = await env.login('huixin.finance')
  lead = await env.login('huixin.collectlead')
  collector = await env.login('huixin.collector1')
  otherLead = await env.login('ruifeng.collectlead')
  await env.platform.db.tx(SYSTEM, async (tx) => {
    huixin = (await tx.select().from(institutions).where(eq(institutions.code, 'huixin')))[0]!.id
    D0 = await getBusinessDate(tx, huixin)
  })
  setCollectionsWallClock({ now: () => new Date('2026-09-01T10:00:00+08:00') })
  const p = await admin.post<{ id: string }>('/api/v1/products', {
    name: `诉讼测试短期贷 ${key()}`,
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
  const loan = await finance.post<{ id: string }>('/api/v1/loans', {
    productId,
    amount: '2000.00',
    term: 7,
    method: 'bullet',
    borrowerName: '诉讼测试人',
  })
  expect(loan.status, loan.text).toBe(201)
  ids.loan = loan.body.id
  const d = await finance.post(
    `/api/v1/loans/${ids.loan}/disburse`,
    { external: { reference: `EXT-${key()}`, valueDate: D0 } },
    { 'idempotency-key': key() },
  )
  expect(d.status, d.text).toBe(200)
  await runCob({ db: env.platform.db, institutionId: huixin, toDate: addDays(D0, 8), trigger: 'test' })
  await env.platform.db.tx(SYSTEM, async (tx) => {
    today = await getBusinessDate(tx, huixin)
    const [c] = await queryRows<{ id: string; loan_no: string }>(
      tx,
      sql`select id, loan_no from collection_cases where loan_id = ${ids.loan!}::uuid and status in ('unassigned', 'assigned')`,
    )
    ids.case = c!.id
    ids.loanNo = c!.loan_no
  })
}, 600_000)
afterAll(async () => {
  setCollectionsWallClock({ now: () => new Date() })
  await env?.close()
})

describe('legal process', () => {
  it('an escalation opens a legal case in the legal list; a second one while it is open is refused', async () => {
    const res = await lead.post<{ legalCaseId: string }>(`/api/v1/collections/cases/${ids.case}/legal`, {
      reason: '失联 60 天，起诉',
      documents: [{ name: '借款合同', fileRef: 'upload://contract-1' }],
    })
    expect(res.status, res.text).toBe(201)
    ids.legal = res.body.legalCaseId
    const again = await lead.post<Problem>(`/api/v1/collections/cases/${ids.case}/legal`, { reason: '再次' })
    expect(again.status).toBe(422)
    expect(again.body.detail).toContain(ids.loanNo!)
    const list = await lead.get<{ items: LegalCase[]; total: number }>(`${L}?status=open&q=${ids.loanNo}`)
    expect(list.status).toBe(200)
    expect(list.body.items.map((l) => l.id)).toEqual([ids.legal])
    expect(list.body.items[0]).toMatchObject({ status: 'escalated', caseId: ids.case })
    expect(Number(list.body.items[0]!.claimAmount)).toBeGreaterThan(2000)
    expect((await lead.get(`${L}?sort=feesTotal&order=asc&status=escalated`)).status).toBe(200)
    expect((await lead.get<Problem>(`${L}?status=bogus`)).status).toBe(400)
    expect((await lead.get<Problem>(`${L}?colour=red`)).status).toBe(400)
  })

  it('a move the process does not allow is 422; missing or bad fields are 400 naming them', async () => {
    const skip = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, {
      to: 'filed',
      date: today,
      court: '某法院',
      docketNo: '1',
    })
    expect(skip.status).toBe(422)
    expect(skip.body.errors![0]!.field).toBe('body.to')
    const noFirm = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, { to: 'lawyer_assigned', date: today })
    expect(noFirm.status).toBe(400)
    expect(noFirm.body.errors).toEqual([{ field: 'body.firm', message: expect.stringContaining('lawyer_assigned') }])
    const future = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, {
      to: 'lawyer_assigned',
      date: addDays(today, 1),
      firm: '律所',
    })
    expect(future.status).toBe(400)
    expect(future.body.errors![0]!.field).toBe('body.date')
    const early = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, {
      to: 'lawyer_assigned',
      date: addDays(today, -30),
      firm: '律所',
    })
    expect(early.status).toBe(400)
    const unknown = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, {
      to: 'lawyer_assigned',
      date: today,
      firm: '律所',
      judge: 'x',
    })
    expect(unknown.status).toBe(400)
    const back = await lead.post<Problem>(`${L}/${ids.legal}/transitions`, { to: 'escalated', date: today })
    expect(back.status).toBe(400)
    expect((await collector.post(`${L}/${ids.legal}/transitions`, { to: 'closed', date: today })).status).toBe(403)
    const [row] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ status: string }>(tx, sql`select status from collection_legal_cases where id = ${ids.legal!}::uuid`),
    )
    expect(row!.status).toBe('escalated')
  })

  it('follows the case to its close with dates, documents and exact fees; every step audited', async () => {
    const move = (body: Record<string, unknown>) =>
      lead.post<LegalCase>(`${L}/${ids.legal}/transitions`, { date: today, ...body })
    const assigned = await move({
      to: 'lawyer_assigned',
      firm: '上海明理律师事务所',
      lawyer: '王律师',
      documents: [{ name: '委托合同', fileRef: 'upload://engagement' }],
    })
    expect(assigned.status, assigned.text).toBe(200)
    const badClaim = await move({
      to: 'filed',
      court: '浦东法院',
      docketNo: '（2026）沪0115民初1号',
      claimAmount: '-1.00',
    })
    expect(badClaim.status).toBe(400)
    expect(badClaim.body as unknown as Problem).toMatchObject({ errors: [{ field: 'body.claimAmount' }] })
    expect(
      (await move({ to: 'filed', court: '浦东法院', docketNo: '（2026）沪0115民初1号', claimAmount: '2100.00' }))
        .status,
    ).toBe(200)
    const negFee = await lead.post<Problem>(`${L}/${ids.legal}/fees`, { kind: 'court', amount: '-50.00', date: today })
    expect(negFee.status).toBe(400)
    expect(negFee.body.errors![0]!.field).toBe('body.amount')
    expect(
      (await lead.post<Problem>(`${L}/${ids.legal}/fees`, { kind: 'court', amount: '0.1', date: today, x: 1 })).status,
    ).toBe(400)
    expect((await lead.post(`${L}/${ids.legal}/fees`, { kind: 'court', amount: '1200.50', date: today })).status).toBe(
      201,
    )
    const fee2 = await lead.post<LegalCase>(`${L}/${ids.legal}/fees`, {
      kind: 'lawyer',
      amount: '300.25',
      date: today,
      notes: '律师费首期',
      documents: [{ name: '发票', fileRef: 'upload://invoice' }],
    })
    expect(fee2.status, fee2.text).toBe(201)
    expect(fee2.body.feesTotal).toBe('1500.75')
    expect((await lead.post(`${L}/${ids.legal}/notes`, { notes: '已开庭，等待判决' })).status).toBe(201)
    expect((await lead.post<Problem>(`${L}/${ids.legal}/notes`, { notes: ' ' })).status).toBe(400)
    expect((await move({ to: 'judgment' })).status).toBe(400) // needs the judgment amount
    expect((await move({ to: 'judgment', judgmentAmount: '2350.00' })).status).toBe(200)
    expect((await move({ to: 'enforcement', notes: '申请强制执行' })).status).toBe(200)
    expect((await move({ to: 'closed' })).status).toBe(400) // needs the outcome
    expect((await move({ to: 'closed', outcome: 'nonsense' })).status).toBe(400)
    const closed = await move({ to: 'closed', outcome: 'recovered' })
    expect(closed.status, closed.text).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', judgmentAmount: '2350.00', feesTotal: '1500.75' })
    expect((await move({ to: 'enforcement' })).status).toBe(422)
    expect((await lead.post(`${L}/${ids.legal}/fees`, { kind: 'court', amount: '1.00', date: today })).status).toBe(422)

    const one = await lead.get<LegalCase>(`${L}/${ids.legal}`)
    expect(one.status).toBe(200)
    expect(one.body.events.map((e) => (e.kind === 'status' ? e.toStatus : e.kind))).toEqual([
      'escalated',
      'lawyer_assigned',
      'filed',
      'fee',
      'fee',
      'note',
      'judgment',
      'enforcement',
      'closed',
    ])
    expect(one.body.events[0]!.documents).toEqual([{ name: '借款合同', fileRef: 'upload://contract-1' }])
    const detail = await lead.get<{ legalCases: LegalCase[] }>(`/api/v1/collections/cases/${ids.case}`)
    expect(detail.body.legalCases.map((l) => l.id)).toEqual([ids.legal])
    expect(detail.body.legalCases[0]!.events).toHaveLength(9)
    const audit = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ operation: string; n: number }>(
        tx,
        sql`select operation, count(*)::int as n from audit_log where object_type = 'collection_legal_case'
          and object_id = ${ids.legal!} group by 1 order by 1`,
      ),
    )
    expect(audit.map((a) => [a.operation, Number(a.n)])).toEqual([
      ['collection.legal.fee', 2],
      ['collection.legal.move', 5],
      ['collection.legal.note', 1],
    ])
    // once closed, the case may go to legal again
    const again = await lead.post(`/api/v1/collections/cases/${ids.case}/legal`, { reason: '新的诉讼' })
    expect(again.status, again.text).toBe(201)
  })

  it("another institution's lead and a collector outside the case see 404", async () => {
    expect((await otherLead.get(`${L}/${ids.legal}`)).status).toBe(404)
    expect((await otherLead.post(`${L}/${ids.legal}/notes`, { notes: '越权' })).status).toBe(404)
    const list = await otherLead.get<{ items: { id: string }[] }>(`${L}?pageSize=200`)
    expect(list.body.items.map((l) => l.id)).not.toContain(ids.legal)
    // an S2 collector (own scope) never holds this S1 case: neither it nor its legal case is visible
    const outsider = await env.login('huixin.collector2')
    expect((await outsider.get(`${L}/${ids.legal}`)).status).toBe(404)
    const mine = await outsider.get<{ items: { id: string }[] }>(`${L}?pageSize=200`)
    expect(mine.body.items.map((l) => l.id)).not.toContain(ids.legal)
  })
})
