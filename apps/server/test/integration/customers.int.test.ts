/** Customers: validation, encryption at rest, masking and audited unmasking, lookup, 360, tenancy. */
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE } from '../../src/demo/customers.ts'
import { customers } from '../../src/modules/customers/schema.ts'
import { SYSTEM } from '../../src/platform/db/open.ts'
import { auditLog } from '../../src/platform/db/schema.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let admin: Client
let cs: Client
let b: Client

// valid adult ID numbers (checksums computed), a Luhn-valid card
const ID = '110105199003078318'
const CARD = '6222020200112233446'
const base = {
  name: '测试客户',
  idNumber: ID,
  phone: '13600001111',
  otherPhones: ['15900002222'],
  address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '建设路1号' },
  job: { employer: '某公司', position: '工程师', industry: '信息技术', monthlyIncome: '12000.50' },
  contacts: [{ name: '张三', relation: 'spouse', phone: '13700003333' }],
  bankCards: [{ bank: '中国工商银行', cardNumber: CARD }],
  tags: ['新客'],
  channel: 'offline',
}

type Customer = {
  id: string
  idNumber: string
  phone: string
  otherPhones: string[]
  contacts: { name: string; phone: string }[]
  bankCards: { cardNumber: string }[]
  unmasked: boolean
  birthDate: string
  sex: string
}
type Problem = { errors: { field: string; message: string }[] }
let created: Customer

beforeAll(async () => {
  env = await startTestEnv()
  admin = await env.login('huixin.admin')
  cs = await env.login('huixin.cs')
  b = await env.login('ruifeng.admin')
  const res = await admin.post<Customer>('/api/v1/customers', base)
  expect(res.status, res.text).toBe(201)
  created = res.body
})
afterAll(() => env?.close())

const fieldsOf = (r: { body: unknown }) => (r.body as Problem).errors.map((e) => e.field).sort()

describe('creating a customer', () => {
  it('derives date of birth and sex from the ID number, and answers masked', () => {
    expect(created.birthDate).toBe('1990-03-07')
    expect(created.sex).toBe('male')
    expect(created.idNumber).toBe('110***********8318')
    expect(created.phone).toBe('136****1111')
    expect(created.otherPhones).toEqual(['159****2222'])
    expect(created.bankCards[0]!.cardNumber).toBe('6222***********3446')
    expect(created.contacts[0]).toMatchObject({ name: '张*', phone: '137****3333' })
    expect(created.unmasked).toBe(false)
  })

  it('rejects a bad ID checksum, a bad phone, a bad card and a bad amount, naming each field, in both languages', async () => {
    const bad = {
      ...base,
      idNumber: '110105199003078317',
      phone: '12345',
      bankCards: [{ bank: 'x', cardNumber: '6222020200112233441' }],
      job: { monthlyIncome: '12,000' },
    }
    const zh = await admin.post('/api/v1/customers', bad)
    expect(zh.status).toBe(400)
    expect(fieldsOf(zh)).toEqual([
      'body.bankCards.0.cardNumber',
      'body.idNumber',
      'body.job.monthlyIncome',
      'body.phone',
    ])
    expect((zh.body as Problem).errors.find((e) => e.field === 'body.idNumber')!.message).toContain('校验位')
    admin.locale = 'en-US'
    const en = await admin.post('/api/v1/customers', bad)
    admin.locale = 'zh-CN'
    expect((en.body as Problem).errors.find((e) => e.field === 'body.idNumber')!.message).toContain('check digit')
  })

  it('rejects an under-age applicant (by the business date)', async () => {
    const body = '11010520100101001'
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    const check = '10X98765432'[[...body].reduce((t, d, i) => t + Number(d) * W[i]!, 0) % 11]
    const res = await admin.post('/api/v1/customers', { ...base, idNumber: body + check })
    expect(res.status).toBe(400)
    expect((res.body as Problem).errors[0]!.field).toBe('body.idNumber')
    expect((res.body as Problem).errors[0]!.message).toContain('18')
  })

  it('rejects unknown fields and a second customer with the same ID number', async () => {
    const unknown = await admin.post('/api/v1/customers', { ...base, riskLevel: 'A' })
    expect(unknown.status).toBe(400)
    expect(fieldsOf(unknown)).toEqual(['body.riskLevel'])
    const twice = await admin.post('/api/v1/customers', { ...base, phone: '13600009999' })
    expect(twice.status).toBe(409)
    expect(fieldsOf(twice)).toEqual(['body.idNumber'])
  })

  it('a customer-service agent may read but not create', async () => {
    expect((await cs.post('/api/v1/customers', base)).status).toBe(403)
    expect((await cs.get(`/api/v1/customers/${created.id}`)).status).toBe(200)
  })

  it('is audited in the same transaction', async () => {
    const rows = await env.platform.db.tx(SYSTEM, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectId, created.id), eq(auditLog.operation, 'customer.create'))),
    )
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0]!.after)).not.toContain('13600001111')
  })
})

describe('personal data at rest and in answers', () => {
  it('the stored row holds no plaintext ID number, phone or card', async () => {
    const raw = await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(sql`select c.*, (select json_agg(k) from customer_bank_cards k where k.customer_id = c.id) cards,
        (select json_agg(t) from customer_contacts t where t.customer_id = c.id) contacts
        from customers c where c.id = ${created.id}`),
    )
    const text = JSON.stringify((raw as unknown as { rows: unknown[] }).rows)
    for (const secret of [ID, '13600001111', '15900002222', CARD, '13700003333', '张三'])
      expect(text).not.toContain(secret)
    expect(text).toContain('测试客户') // names are plain text by design (prefix lookup)
  })

  it('unmasking needs pii.read, and every unmasked read is audited', async () => {
    expect((await cs.get(`/api/v1/customers/${created.id}?unmask=true`)).status).toBe(403)
    const full = await admin.get<Customer>(`/api/v1/customers/${created.id}?unmask=true`)
    expect(full.status).toBe(200)
    expect(full.body).toMatchObject({ idNumber: ID, phone: '13600001111', unmasked: true })
    expect(full.body.bankCards[0]!.cardNumber).toBe(CARD)
    const the360 = await admin.get<{ customer: Customer; timeline: { kind: string }[] }>(
      `/api/v1/customers/${created.id}/360?unmask=true`,
    )
    expect(the360.body.customer.idNumber).toBe(ID)
    // the page that unmasked shows that it did, on its own timeline
    expect(the360.body.timeline.map((e) => e.kind)).toContain('customer.unmask')
    const audits = await env.platform.db.tx(SYSTEM, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectId, created.id), eq(auditLog.operation, 'customer.unmask'))),
    )
    expect(audits).toHaveLength(2)
    expect(audits[0]!.actorName).toBe('huixin.admin')
  })
})

describe('one-step lookup', () => {
  const search = (c: Client, q: string) =>
    c.get<{ items: { type: string; id: string; path: string }[] }>(`/api/v1/search?q=${encodeURIComponent(q)}`)

  it('finds the customer by phone (also a second phone), by ID number and by card, exactly', async () => {
    for (const q of ['13600001111', '159 0000 2222', ID, CARD]) {
      const res = await search(cs, q)
      expect(res.body.items, q).toEqual([
        expect.objectContaining({ type: 'customer', id: created.id, path: `/customers/${created.id}` }),
      ])
    }
  })

  it('finds customers by name prefix', async () => {
    const res = await search(cs, '测试')
    expect(res.body.items.map((i) => i.id)).toContain(created.id)
    expect((await search(cs, '客户')).body.items.map((i) => i.id)).not.toContain(created.id)
  })

  it('a demo customer is found by phone in one step', async () => {
    const res = await search(cs, DEMO_SHOWCASE.huixin!.phone)
    expect(res.body.items).toHaveLength(1)
  })

  it('list filters by phone, ID number, tag and name', async () => {
    const q = (qs: string) => admin.get<{ total: number; items: { id: string }[] }>(`/api/v1/customers?${qs}`)
    expect((await q('phone=13600001111')).body.items.map((i) => i.id)).toEqual([created.id])
    expect((await q(`idNumber=${ID}`)).body.items.map((i) => i.id)).toEqual([created.id])
    expect((await q(`q=${encodeURIComponent('测试客')}`)).body.items.map((i) => i.id)).toEqual([created.id])
    expect((await q(`tag=${encodeURIComponent('新客')}&pageSize=200`)).body.items.map((i) => i.id)).toContain(
      created.id,
    )
    const all = await q('pageSize=5&sort=name&order=asc')
    expect(all.body.total).toBeGreaterThan(100)
    expect((await q('createdFrom=2030-01-01')).body.total).toBe(0)
    expect((await q('createdFrom=bad')).status).toBe(400)
  })

  it("institution B's staff find nothing of A's, and get 404 for A's customer", async () => {
    expect((await search(b, '13600001111')).body.items).toEqual([])
    expect((await search(b, ID)).body.items).toEqual([])
    expect((await b.get(`/api/v1/customers/${created.id}`)).status).toBe(404)
    expect((await b.get(`/api/v1/customers/${created.id}/360`)).status).toBe(404)
    expect((await b.get<{ total: number }>('/api/v1/customers?phone=13600001111')).body.total).toBe(0)
  })
})

describe('changes and the 360 view', () => {
  it('edits, contacts, cards and the address book are validated and audited; the 360 shows them with a timeline', async () => {
    const patched = await admin.patch<Customer>(`/api/v1/customers/${created.id}`, {
      phone: '13600004444',
      tags: ['复贷'],
    })
    expect(patched.status).toBe(200)
    expect(patched.body.phone).toBe('136****4444')
    expect((await cs.get<{ items: unknown[] }>('/api/v1/search?q=13600001111')).body.items).toEqual([])
    expect((await admin.patch(`/api/v1/customers/${created.id}`, { idNumber: ID })).status).toBe(400)
    expect(
      (await admin.post(`/api/v1/customers/${created.id}/bank-cards`, { bank: 'x', cardNumber: '1234' })).status,
    ).toBe(400)
    expect(
      (
        await admin.post(`/api/v1/customers/${created.id}/bank-cards`, {
          bank: '招商银行',
          cardNumber: '4111 1111 1111 1111',
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await admin.post(`/api/v1/customers/${created.id}/bank-cards`, {
          bank: '招商银行',
          cardNumber: '4111111111111111',
        })
      ).status,
    ).toBe(409)
    expect(
      (await admin.post(`/api/v1/customers/${created.id}/contacts`, { name: '李四', relation: 'friend', phone: 'abc' }))
        .status,
    ).toBe(400)
    expect(
      (
        await admin.post(`/api/v1/customers/${created.id}/contacts`, {
          name: '李四',
          relation: 'friend',
          phone: '13800005555',
        })
      ).status,
    ).toBe(201)
    const book = await admin.post<{ count: number }>(`/api/v1/customers/${created.id}/address-book`, {
      entries: [
        { name: '王五', phone: '13900006666' },
        { name: '赵六', phone: '010-88886666' },
      ],
    })
    expect(book.body.count).toBe(2)
    const raw = await env.platform.db.tx(SYSTEM, (tx) =>
      tx.select().from(customers).where(eq(customers.id, created.id)),
    )
    expect(raw[0]!.addressBookEnc).not.toContain('13900006666')

    const v = await cs.get<{
      customer: Customer & { addressBook: { count: number } }
      sections: Record<string, { items: unknown[] }>
      timeline: { kind: string }[]
    }>(`/api/v1/customers/${created.id}/360`)
    expect(v.status).toBe(200)
    expect(v.body.customer.bankCards).toHaveLength(2)
    expect(v.body.customer.contacts).toHaveLength(2)
    expect(v.body.customer.addressBook.count).toBe(2)
    expect(v.body.sections.loans).toEqual({ total: 0, items: [] })
    const kinds = v.body.timeline.map((e) => e.kind)
    for (const k of [
      'customer.create',
      'customer.update',
      'customer.bank_card.add',
      'customer.contact.add',
      'customer.address_book.upload',
      'customer.created',
    ])
      expect(kinds).toContain(k)
  })
})

describe('the borrower profile (H5)', () => {
  it('is saved once, validated, and read back masked', async () => {
    const borrower = env.client()
    await borrower.post('/api/v1/borrower/otp', { phone: '13500007777' })
    const code = await env.platform.db.tx(SYSTEM, async (tx) => {
      const r = await tx.execute(sql`select body from notifications order by created_at desc limit 1`)
      return /(\d{6})/.exec((r as unknown as { rows: { body: string }[] }).rows[0]!.body)![1]!
    })
    expect((await borrower.post('/api/v1/borrower/login', { phone: '13500007777', code })).status).toBe(200)
    const empty = await borrower.get<{ missing: string[] }>('/api/v1/borrower/profile')
    expect(empty.body.missing).toContain('idNumber')
    expect((await borrower.put('/api/v1/borrower/profile', { idNumber: '110105199003078317' })).status).toBe(400)
    const saved = await borrower.put<{ idNumber: string; name: string; missing: string[] }>(
      '/api/v1/borrower/profile',
      {
        name: '借款人甲',
        idNumber: '110105199003078318',
      },
    )
    expect(saved.status).toBe(200)
    expect(saved.body.idNumber).toBe('110***********8318')
    expect((await borrower.put('/api/v1/borrower/profile', { extra: 1 })).status).toBe(400)
    expect((await env.client().get('/api/v1/borrower/profile')).status).toBe(401)
  })
})
