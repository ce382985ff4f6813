/**
 * Servicing end to end over HTTP: products with four-eyes pricing, the calculator, loans disbursed
 * through the simulated bank (failures, retries, a crash between the bank and the books), repayments,
 * prepayments, reversal with replay, waivers, write-off and recovery — with the ledger verified after
 * every scenario, and bad input answered 4xx without changing anything.
 */
import { and, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { institutions } from '../../src/modules/identity/schema.ts'
import { ACCOUNTS } from '../../src/modules/servicing/accounts.ts'
import { type BankSimulator, startBankSimulator } from '../../src/modules/servicing/banksim.ts'
import {
  disbursementFaults,
  httpPaymentGateway,
  setPaymentGateway,
} from '../../src/modules/servicing/payment-gateway.ts'
import { postJournalEntry } from '../../src/modules/servicing/post-journal-entry.ts'
import { installments, journalEntries, loans, loanTransactions } from '../../src/modules/servicing/schema.ts'
import { verifyLedger } from '../../src/modules/servicing/verify-ledger.ts'
import { setBusinessDate } from '../../src/platform/clock.ts'
import { SYSTEM } from '../../src/platform/db/open.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let bank: BankSimulator
let admin: Client
let finance: Client
let manager: Client
let huixin: string
let productId: string
let keySeq = 0
const key = () => `test-key-${Date.now()}-${++keySeq}`

type Loan = {
  id: string
  loanNo: string
  status: string
  principalOutstanding: string
  creditBalance: string
  schedule: Inst[]
}
type Inst = {
  number: number
  dueDate: string
  principalDue: string
  interestDue: string
  principalPaid: string
  status: string
}

const setDate = (d: string) => env.platform.db.tx(SYSTEM, (tx) => setBusinessDate(tx, huixin, d))
const ledgerOk = async () => {
  const r = await env.platform.db.tx(SYSTEM, (tx) => verifyLedger(tx))
  expect(r.problems).toEqual([])
  expect(r.ok).toBe(true)
}
const counts = () =>
  env.platform.db.tx(SYSTEM, async (tx) => ({
    entries: Number((await tx.select({ n: count() }).from(journalEntries))[0]!.n),
    txs: Number((await tx.select({ n: count() }).from(loanTransactions))[0]!.n),
  }))
const repay = (loanId: string, body: Record<string, unknown>, k = key()) =>
  finance.post<Record<string, string>>(
    `/api/v1/loans/${loanId}/repayments`,
    { channel: 'bank_transfer', ...body },
    { 'idempotency-key': k },
  )
const getLoan = async (id: string) => (await finance.get<Loan>(`/api/v1/loans/${id}`)).body

async function newLoan(amount = '12000.00', term = 12, method = 'equal_installment', product = productId) {
  const res = await finance.post<Loan>('/api/v1/loans', {
    productId: product,
    amount,
    term,
    method,
    borrowerName: '张三',
  })
  expect(res.status, res.text).toBe(201)
  return res.body
}
async function disburse(id: string) {
  const res = await finance.post<Loan>(`/api/v1/loans/${id}/disburse`, {}, { 'idempotency-key': key() })
  expect(res.status, res.text).toBe(200)
  return res.body
}
async function approveLatest(kind: string) {
  const list = await manager.get<{ items: { id: string; kind: string; status: string }[] }>(
    `/api/v1/approvals?status=pending&kind=${kind}`,
  )
  const item = list.body.items[0]!
  const res = await manager.post(`/api/v1/approvals/${item.id}/approve`, {})
  expect(res.status, res.text).toBe(200)
}

beforeAll(async () => {
  env = await startTestEnv()
  bank = await startBankSimulator({ port: 0 })
  setPaymentGateway(httpPaymentGateway(bank.url))
  admin = await env.login('huixin.admin')
  finance = await env.login('huixin.finance')
  manager = await env.login('huixin.manager')
  huixin = await env.platform.db.tx(
    SYSTEM,
    async (tx) => (await tx.select().from(institutions).where(eq(institutions.code, 'huixin')))[0]!.id,
  )
  await setDate('2026-09-01')
  const res = await admin.post<{ id: string }>('/api/v1/products', {
    name: '随借随还',
    minAmount: '1000.00',
    maxAmount: '50000.00',
    minTerm: 3,
    maxTerm: 24,
    termUnit: 'month',
    annualRatePercent: '12',
  })
  expect(res.status, res.text).toBe(201)
  productId = res.body.id
  expect((await admin.post(`/api/v1/products/${productId}/list`, {})).status).toBe(200)
})
afterAll(async () => {
  setPaymentGateway(null)
  await bank?.close()
  await env?.close()
})

describe('products', () => {
  it('a product made from five fields gets defaults, and a pricing change of a listed product needs a second person', async () => {
    const p = await admin.get<{ status: string; currentVersion: Record<string, unknown>; versions: unknown[] }>(
      `/api/v1/products/${productId}`,
    )
    expect(p.body.status).toBe('listed')
    expect(p.body.currentVersion).toMatchObject({
      penaltyRatePercent: '18',
      dayCount: 'ACT/360',
      aprCapPercent: '24',
      withinCap: true,
    })
    const edit = await admin.patch<{ approvalId: string; currentVersion: { annualRatePercent: string } }>(
      `/api/v1/products/${productId}`,
      { annualRatePercent: '15' },
    )
    expect(edit.status, edit.text).toBe(200)
    expect(edit.body.approvalId).toBeTruthy()
    expect(edit.body.currentVersion.annualRatePercent).toBe('12') // unchanged until approved
    expect((await admin.post(`/api/v1/approvals/${edit.body.approvalId}/approve`, {})).status).toBe(403) // no product.approve
    await approveLatest('product.pricing')
    const after = await admin.get<{
      currentVersion: { annualRatePercent: string; version: number }
      versions: { status: string }[]
    }>(`/api/v1/products/${productId}`)
    expect(after.body.currentVersion.annualRatePercent).toBe('15')
    expect(after.body.versions.map((v) => v.status)).toEqual(['active', 'superseded'])
    // back to 12 % for the loans below
    await admin.patch(`/api/v1/products/${productId}`, { annualRatePercent: '12' })
    await approveLatest('product.pricing')
  })

  it('the APR cap blocks a pricing change above it, and ranges must be coherent', async () => {
    const high = await admin.patch<{ detail: string }>(`/api/v1/products/${productId}`, { annualRatePercent: '30' })
    expect(high.status).toBe(422)
    const bad = await admin.post<{ errors: { field: string }[] }>('/api/v1/products', {
      name: 'x',
      minAmount: '5000.00',
      maxAmount: '1000.00',
      minTerm: 7,
      maxTerm: 30,
      termUnit: 'day',
      annualRatePercent: '10',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]!.field).toBe('body.minAmount')
    const dayMethods = await admin.post<{ errors: { field: string }[] }>('/api/v1/products', {
      name: 'x',
      minAmount: '100.00',
      maxAmount: '1000.00',
      minTerm: 7,
      maxTerm: 30,
      termUnit: 'day',
      annualRatePercent: '10',
      methods: ['equal_installment'],
    })
    expect(dayMethods.body.errors[0]!.field).toBe('body.methods')
    const draft = await admin.post<{ id: string }>('/api/v1/products', {
      name: '高息',
      minAmount: '100.00',
      maxAmount: '1000.00',
      minTerm: 7,
      maxTerm: 30,
      termUnit: 'day',
      annualRatePercent: '30',
    })
    expect((await admin.post(`/api/v1/products/${draft.body.id}/list`, {})).status).toBe(422)
  })
})

describe('calculator', () => {
  it('needs no sign-in and agrees with the bank figure', async () => {
    const res = await env
      .client()
      .post<{ installments: { total: string }[]; aprPercent: string; totals: { principal: string } }>(
        '/api/v1/calculator/schedule',
        {
          principal: '100000.00',
          annualRatePercent: '4.9',
          term: 12,
          termUnit: 'month',
          method: 'equal_installment',
          startDate: '2024-01-15',
        },
      )
    expect(res.status, res.text).toBe(200)
    expect(res.body.installments[0]!.total).toBe('8556.17')
    expect(res.body.totals.principal).toBe('100000.00')
    const bad = await env.client().post<{ errors: { field: string }[] }>('/api/v1/calculator/schedule', {
      principal: '100.00',
      annualRatePercent: '4.9',
      term: 12,
      termUnit: 'day',
      method: 'equal_installment',
      startDate: '2024-01-15',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]!.field).toBe('body.method')
  })
})

describe('disbursement', () => {
  it('a failed bank answer leaves the loan waiting, and a retry pays exactly once', async () => {
    const loan = await newLoan()
    bank.set({ failureRate: 1 })
    const failed = await finance.post(`/api/v1/loans/${loan.id}/disburse`, {}, { 'idempotency-key': key() })
    expect(failed.status).toBe(422)
    expect((await getLoan(loan.id)).status).toBe('pending_disbursement')
    bank.set({ failureRate: 0 })
    const ok = await disburse(loan.id)
    expect(ok.status).toBe('active')
    expect(ok.schedule).toHaveLength(12)
    const again = await finance.post<Loan>(`/api/v1/loans/${loan.id}/disburse`, {}, { 'idempotency-key': key() })
    expect(again.status).toBe(200)
    const requestId = [...bank.payments.keys()].find((k) => k.includes(loan.loanNo))!
    expect(bank.paidCount(requestId)).toBe(1)
    await ledgerOk()
  })

  it('a crash after the bank paid and before the books recorded it never pays twice', async () => {
    const loan = await newLoan()
    disbursementFaults.afterBankCall = () => {
      throw new Error('simulated crash')
    }
    const crashed = await finance.post(`/api/v1/loans/${loan.id}/disburse`, {}, { 'idempotency-key': key() })
    disbursementFaults.afterBankCall = undefined
    expect(crashed.status).toBe(500)
    expect((await getLoan(loan.id)).status).toBe('pending_disbursement')
    const recovered = await disburse(loan.id)
    expect(recovered.status).toBe('active')
    const requestId = [...bank.payments.keys()].find((k) => k.includes(loan.loanNo))!
    expect(bank.paidCount(requestId)).toBe(1)
    expect(bank.payments.get(requestId)!.attempts).toBe(1)
    await ledgerOk()
  })
})

describe('repayments', () => {
  it('allocates a partial payment, keeps an overpayment as credit and refunds it', async () => {
    const loan = await disburse((await newLoan()).id)
    await setDate('2026-10-01')
    const first = loan.schedule[0]!
    const partial = await repay(loan.id, { amount: '50.00' })
    expect(partial.status, partial.text).toBe(200)
    expect(partial.body).toMatchObject({ interest: '50.00', principal: '0.00' })
    const big = await repay(loan.id, { amount: '20000.00' })
    expect(big.body.loanStatus).toBe('settled')
    expect(Number(big.body.credit)).toBeGreaterThan(0)
    expect(first.status).toBe('pending')
    const refund = await finance.post<{ creditBalance: string }>(
      `/api/v1/loans/${loan.id}/refunds`,
      { amount: big.body.creditBalance!, channel: 'bank_transfer' },
      { 'idempotency-key': key() },
    )
    expect(refund.status, refund.text).toBe(200)
    expect(refund.body.creditBalance).toBe('0.00')
    await ledgerOk()
    await setDate('2026-09-01')
  })

  it('a repayment retried with the same key books once; the same key with another body is refused', async () => {
    const loan = await disburse((await newLoan()).id)
    const k = key()
    const a = await repay(loan.id, { amount: '100.00' }, k)
    const b = await repay(loan.id, { amount: '100.00' }, k)
    expect(b.status).toBe(200)
    expect(b.body.transactionId).toBe(a.body.transactionId)
    const before = await counts()
    expect((await repay(loan.id, { amount: '200.00' }, k)).status).toBe(422)
    expect(await counts()).toEqual(before)
  })

  it('concurrent repayments on one loan serialise', async () => {
    const loan = await disburse((await newLoan()).id)
    const results = await Promise.all(Array.from({ length: 8 }, () => repay(loan.id, { amount: '100.00' })))
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200))
    const after = await getLoan(loan.id)
    const paid = after.schedule.reduce((t, i) => t + Math.round(Number(i.principalPaid) * 100), 0)
    expect(paid + Math.round(Number(after.principalOutstanding) * 100)).toBe(1_200_000)
    await ledgerOk()
  })

  it('a reversal replays the later repayments, and a reversal cannot be reversed', async () => {
    const loan = await disburse((await newLoan()).id)
    const r1 = await repay(loan.id, { amount: '500.00' })
    const r2 = await repay(loan.id, { amount: '700.00' })
    const rev = await finance.post<{ reversalId: string; replayed: string[] }>(
      `/api/v1/loans/${loan.id}/transactions/${r1.body.transactionId}/reverse`,
      { reason: '付款退回' },
      { 'idempotency-key': key() },
    )
    expect(rev.status, rev.text).toBe(200)
    expect(rev.body.replayed).toEqual([r2.body.transactionId])
    const txs = (
      await finance.get<{ id: string; type: string; interestPortion: string; principalPortion: string }[]>(
        `/api/v1/loans/${loan.id}/transactions`,
      )
    ).body
    const replayed = txs.find((t) => t.id === r2.body.transactionId)!
    expect(replayed.interestPortion).toBe(r1.body.interest) // r2 now pays what r1 paid first
    const again = await finance.post(
      `/api/v1/loans/${loan.id}/transactions/${rev.body.reversalId}/reverse`,
      { reason: 'x' },
      { 'idempotency-key': key() },
    )
    expect(again.status).toBe(422)
    const twice = await finance.post(
      `/api/v1/loans/${loan.id}/transactions/${r1.body.transactionId}/reverse`,
      { reason: 'x' },
      { 'idempotency-key': key() },
    )
    expect(twice.status).toBe(422)
    await ledgerOk()
  })

  it('early settlement pays the quote; partial prepayment reduces the term or the installment', async () => {
    const a = await disburse((await newLoan()).id)
    const b = await disburse((await newLoan()).id)
    const c = await disburse((await newLoan()).id)
    await setDate('2026-10-15')
    const quote = await finance.get<{ total: string; interest: string }>(`/api/v1/loans/${a.id}/payoff-quote`)
    expect(quote.status, quote.text).toBe(200)
    const short = await finance.post(
      `/api/v1/loans/${a.id}/prepayments`,
      { type: 'settlement', amount: '1.00', channel: 'online' },
      { 'idempotency-key': key() },
    )
    expect(short.status).toBe(422)
    const done = await finance.post<{ loanStatus: string }>(
      `/api/v1/loans/${a.id}/prepayments`,
      { type: 'settlement', amount: quote.body.total, channel: 'online' },
      { 'idempotency-key': key() },
    )
    expect(done.status, done.text).toBe(200)
    expect(done.body.loanStatus).toBe('settled')
    for (const [loan, choice] of [
      [b, 'reduce_term'],
      [c, 'reduce_installment'],
    ] as const) {
      const res = await finance.post(
        `/api/v1/loans/${loan.id}/prepayments`,
        { type: 'partial', choice, amount: '6000.00', channel: 'online' },
        { 'idempotency-key': key() },
      )
      expect(res.status, res.text).toBe(200)
      const after = await getLoan(loan.id)
      if (choice === 'reduce_term') expect(after.schedule.length).toBeLessThan(12)
      else expect(after.schedule.length).toBe(12)
    }
    await ledgerOk()
    await setDate('2026-09-01')
  })

  it('waiver and write-off take effect only on a second person’s approval; money after write-off is a recovery', async () => {
    const loan = await disburse((await newLoan()).id)
    const w = await finance.post<{ id: string }>(`/api/v1/loans/${loan.id}/waivers`, {
      interest: '10.00',
      reason: '客户投诉',
    })
    expect(w.status, w.text).toBe(202)
    expect((await finance.post(`/api/v1/approvals/${w.body.id}/approve`, {})).status).toBe(403)
    await approveLatest('loan.waiver')
    const wo = await finance.post(`/api/v1/loans/${loan.id}/write-off`, { reason: '无法收回' })
    expect(wo.status, wo.text).toBe(202)
    await approveLatest('loan.write_off')
    expect((await getLoan(loan.id)).status).toBe('written_off')
    const rec = await repay(loan.id, { amount: '300.00' })
    expect(rec.body.type).toBe('recovery')
    await ledgerOk()
  })
})

describe('with the daily close’s accruals', () => {
  it('accrued interest and penalty are paid out of receivable, and a penalty waiver reverses income', async () => {
    const loan = await disburse((await newLoan()).id)
    // what the daily close books: interest earned so far and a penalty, as receivables
    await env.platform.db.tx(SYSTEM, async (tx) => {
      await tx
        .update(installments)
        .set({ interestRecognized: '60.00', penaltyDue: '5.00' })
        .where(and(eq(installments.loanId, loan.id), eq(installments.number, 1)))
      await tx
        .update(loans)
        .set({ interestOutstanding: '60.00', penaltyOutstanding: '5.00' })
        .where(eq(loans.id, loan.id))
      await postJournalEntry(tx, {
        institutionId: huixin,
        entryDate: '2026-09-01',
        eventType: 'test_accrual',
        eventId: loan.id,
        loanId: loan.id,
        lines: [
          { account: ACCOUNTS.interestReceivable, debit: '60.00' },
          { account: ACCOUNTS.interestIncome, credit: '60.00' },
          { account: ACCOUNTS.penaltyReceivable, debit: '5.00' },
          { account: ACCOUNTS.penaltyIncome, credit: '5.00' },
        ],
      })
    })
    await ledgerOk()
    const paid = await repay(loan.id, { amount: '50.00' })
    expect(paid.body).toMatchObject({ penalty: '5.00', interest: '45.00' })
    const journal = await finance.get<{ eventType: string; lines: { accountCode: string; credit: string }[] }[]>(
      `/api/v1/loans/${loan.id}/journal`,
    )
    const entry = journal.body.find((e) => e.eventType === 'repayment')!
    expect(entry.lines.find((l) => l.accountCode === ACCOUNTS.interestReceivable)?.credit).toBe('45.00')
    expect((entry.lines[0] as { accountName?: string }).accountName).toBeTruthy()
    const events = await finance.get<{ topic: string }[]>(`/api/v1/loans/${loan.id}/events`)
    expect(events.body.map((e) => e.topic)).toEqual(expect.arrayContaining(['loan.disbursed', 'loan.repayment_posted']))
    const listed = await finance.get<{ items: { id: string; productName: string | null }[] }>(
      '/api/v1/loans?pageSize=200',
    )
    expect(listed.body.items.find((l) => l.id === loan.id)?.productName).toBeTruthy()
    expect(entry.lines.some((l) => l.accountCode === ACCOUNTS.interestIncome)).toBe(false)
    const more = await repay(loan.id, { amount: '100.00' })
    expect(more.body.interest).toBe('75.00') // 15.00 from receivable, 60.00 recognised now
    await ledgerOk()
    await finance.post(`/api/v1/loans/${loan.id}/waivers`, { interest: '20.00', reason: '减免' })
    await approveLatest('loan.waiver')
    await ledgerOk()
    const rev = await finance.post(
      `/api/v1/loans/${loan.id}/transactions/${paid.body.transactionId}/reverse`,
      { reason: '退票' },
      { 'idempotency-key': key() },
    )
    expect(rev.status).toBe(422) // a waiver came after it
    await ledgerOk()
  })
})

describe('bad input changes nothing', () => {
  let loanId: string
  let pendingId: string
  beforeAll(async () => {
    loanId = (await disburse((await newLoan()).id)).id
    pendingId = (await newLoan()).id
  })
  const amounts: unknown[] = ['-1.00', '0', '0.00', '1.001', 'abc', '1e3', '9007199254740993', 100, '', ' 1.00']
  for (const amount of amounts)
    it(`amount ${JSON.stringify(amount)} → 400`, async () => {
      const before = await counts()
      const res = await repay(loanId, { amount })
      expect(res.status).toBe(400)
      expect(await counts()).toEqual(before)
    })
  it('loans that cannot take a repayment, and value dates outside the window', async () => {
    const before = await counts()
    expect((await repay('00000000-0000-4000-8000-000000000000', { amount: '1.00' })).status).toBe(404)
    expect((await repay(pendingId, { amount: '1.00' })).status).toBe(422)
    expect((await repay(loanId, { amount: '1.00', valueDate: '2026-08-31' })).status).toBe(400)
    expect((await repay(loanId, { amount: '1.00', valueDate: '2026-09-02' })).status).toBe(400)
    expect((await repay(loanId, { amount: '1.00', valueDate: '2026-02-30' })).status).toBe(400)
    expect(
      (await finance.post(`/api/v1/loans/${loanId}/repayments`, { amount: '1.00', channel: 'online' })).status,
    ).toBe(400)
    const ruifeng = await env.login('ruifeng.finance')
    expect(
      (
        await ruifeng.post(
          `/api/v1/loans/${loanId}/repayments`,
          { amount: '1.00', channel: 'online' },
          { 'idempotency-key': key() },
        )
      ).status,
    ).toBe(404)
    const out = await finance.post<{ errors: { field: string }[] }>('/api/v1/loans', {
      productId,
      amount: '60000.00',
      term: 12,
      borrowerName: 'x',
    })
    expect(out.body.errors[0]!.field).toBe('body.amount')
    expect(
      (await finance.post('/api/v1/loans', { productId, amount: '5000.00', term: 36, borrowerName: 'x' })).status,
    ).toBe(400)
    expect(await counts()).toEqual(before)
  })
  it('a settled loan takes no repayment', async () => {
    const loan = await disburse((await newLoan('1000.00', 3)).id)
    await repay(loan.id, { amount: '2000.00' })
    const before = await counts()
    expect((await repay(loan.id, { amount: '1.00' })).status).toBe(422)
    expect(await counts()).toEqual(before)
    await ledgerOk()
  })
  it('the header search finds a loan by number', async () => {
    const loan = await getLoan(loanId)
    const res = await finance.get<{ items: { type: string; id: string }[] }>(`/api/v1/search?q=${loan.loanNo}`)
    expect(res.body.items.some((i) => i.type === 'loan' && i.id === loanId)).toBe(true)
    const tb = await finance.get<{ accounts: { accountCode: string; balance: string }[] }>(
      '/api/v1/ledger/trial-balance',
    )
    expect(tb.body.accounts.length).toBe(12)
    const v = await finance.post<{ ok: boolean }>('/api/v1/ledger/verify', {})
    expect(v.body.ok).toBe(true)
  })
})
