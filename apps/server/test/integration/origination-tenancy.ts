/**
 * The origination and credit-review rows of tenancy.int.test.ts: an application, a review order, an
 * inspection and an upload of institution B (written directly), which A's admin and A's review lead can
 * neither see nor change through any route.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

type Case = { method: string; path: string; run: () => Promise<void> }
type Ctx = { env: TestEnv; a: Client; B: Record<string, string> }

/** Routes with no institution data: the borrower's own and the tus capabilities. */
export const ORIGINATION_NOT_TENANT = [
  'get /api/v1/borrower/products',
  'post /api/v1/borrower/applications',
  'get /api/v1/borrower/applications',
  'get /api/v1/borrower/applications/{id}',
  'get /api/v1/borrower/applications/{id}/contract.pdf',
  'post /api/v1/borrower/applications/{id}/sign',
  'options /api/v1/uploads',
  'post /api/v1/uploads',
  'head /api/v1/uploads/{id}',
  'patch /api/v1/uploads/{id}',
  'options /api/v1/staff/uploads',
]

export function originationTenancyCases(ctx: () => Ctx): Case[] {
  let b: { app: string; order: string; qi: string; upload: string; reason: string } | undefined
  let lead: Client | undefined
  const setup = async () => {
    const { env, B } = ctx()
    lead ??= await env.login('huixin.reviewlead')
    b ??= await env.platform.db.tx(SYSTEM, async (tx) => {
      const [app] = await queryRows<{ id: string }>(
        tx,
        sql`insert into applications (institution_id, app_no, customer_id, product_id, product_version_id, product_name, amount, term,
            term_unit, method, purpose, applicant, status, channel)
          values (${B.institution}::uuid, 'APB0000001', ${B.customer}::uuid, ${B.product}::uuid, gen_random_uuid(), 'B 的产品', 5000, 6,
            'month', 'equal_installment', 'x', '{"name":"B 的客户"}'::jsonb, 'approval', 'staff') returning id`,
      )
      await tx.execute(sql`insert into application_approvals (institution_id, application_id, step_no, step_code, step_name, status)
        values (${B.institution}::uuid, ${app!.id}::uuid, 1, 'regional_manager', 'x', 'pending')`)
      const [order] = await queryRows<{ id: string }>(
        tx,
        sql`insert into review_orders (institution_id, application_id, app_no, customer_id, customer_name, amount, stage, status, due_at, result)
          values (${B.institution}::uuid, ${app!.id}::uuid, 'APB0000001', ${B.customer}::uuid, 'B', '5000.00', 'first', 'approved', now(), 'approved')
          returning id`,
      )
      const [qi] = await queryRows<{ id: string }>(
        tx,
        sql`insert into review_inspections (institution_id, order_id, status, inspector_id, inspector_name)
          values (${B.institution}::uuid, ${order!.id}::uuid, 'pending', ${B.user}::uuid, 'B') returning id`,
      )
      const [upload] = await queryRows<{ id: string }>(
        tx,
        sql`insert into uploads (institution_id, owner_kind, owner_id, filename, declared_type, kind, length, storage_name)
          values (${B.institution}::uuid, 'staff', ${B.user}::uuid, 'b.jpg', 'image/jpeg', 'id_front', 10, 'none.bin') returning id`,
      )
      const [reason] = await queryRows<{ id: string }>(
        tx,
        sql`insert into review_reject_reasons (institution_id, code, label_zh, label_en, borrower_text_zh, borrower_text_en)
          values (${B.institution}::uuid, 'b_only', 'B 的原因', 'B reason', 'B 的说明', 'B text') returning id`,
      )
      return { app: app!.id, order: order!.id, qi: qi!.id, upload: upload!.id, reason: reason!.id }
    })
    return { ...ctx(), lead: lead!, b: b! }
  }
  const is = (status: number) => async (res: Promise<{ status: number }>) => expect((await res).status).toBe(status)
  const notFound = is(404)
  const noB = (items: { institutionId?: string; applicationId?: string }[], B: Record<string, string>, app: string) => {
    for (const i of items) {
      expect(i.institutionId).not.toBe(B.institution)
      expect(i.applicationId).not.toBe(app)
    }
  }
  const key = { 'idempotency-key': 'tenancy-orig-0001' }
  const tus = { 'tus-resumable': '1.0.0' }
  return [
    {
      method: 'get',
      path: '/api/v1/applications',
      run: async () => {
        const { a, B, b } = await setup()
        const res = await a.get<{ items: { id: string; institutionId: string }[] }>('/api/v1/applications?pageSize=200')
        expect(res.status).toBe(200)
        expect(res.body.items.some((i) => i.id === b.app || i.institutionId === B.institution)).toBe(false)
        expect((await a.get<{ total: number }>(`/api/v1/applications?customerId=${B.customer}`)).body.total).toBe(0)
      },
    },
    {
      method: 'post',
      path: '/api/v1/applications',
      run: async () => {
        const { a, B } = await setup()
        const res = await a.post<{ errors: { field: string }[] }>('/api/v1/applications', {
          customerId: B.customer,
          productId: B.product,
          amount: '5000.00',
          term: 6,
          purpose: 'x',
          employmentType: 'salaried',
        })
        expect(res.status).toBe(400)
        expect(res.body.errors.map((e) => e.field).sort()).toEqual(['body.customerId', 'body.productId'])
      },
    },
    {
      method: 'get',
      path: '/api/v1/applications/{id}',
      run: async () => notFound((await setup()).a.get(`/api/v1/applications/${b!.app}`)),
    },
    {
      method: 'get',
      path: '/api/v1/applications/{id}/contract.pdf',
      run: async () => notFound((await setup()).a.get(`/api/v1/applications/${b!.app}/contract.pdf`)),
    },
    {
      method: 'post',
      path: '/api/v1/applications/{id}/disburse',
      run: async () => notFound((await setup()).a.post(`/api/v1/applications/${b!.app}/disburse`, {}, key)),
    },
    {
      method: 'post',
      path: '/api/v1/applications/{id}/sign-in-branch',
      run: async () =>
        notFound(
          (await setup()).a.post(
            `/api/v1/applications/${b!.app}/sign-in-branch`,
            { consent: true, identityChecked: true },
            { 'idempotency-key': 'tenancy-orig-sign-0001' },
          ),
        ),
    },
    {
      method: 'get',
      path: '/api/v1/review/reject-reasons',
      run: async () => {
        const { lead, b } = await setup()
        const res = await lead.get<{ id: string; code: string }[]>('/api/v1/review/reject-reasons?all=true')
        expect(res.status).toBe(200)
        expect(res.body.some((r) => r.id === b.reason || r.code === 'b_only')).toBe(false)
      },
    },
    {
      method: 'post',
      path: '/api/v1/review/reject-reasons',
      run: async () => {
        // codes are per institution: B's code is free in A, and B's reason is untouched
        const { lead, env, b } = await setup()
        const res = await lead.post<{ code: string }>('/api/v1/review/reject-reasons', {
          code: 'b_only',
          label: { 'zh-CN': 'A 的原因', 'en-US': 'A reason' },
          borrowerText: { 'zh-CN': 'A 的说明', 'en-US': 'A text' },
        })
        expect(res.status).toBe(201)
        const [row] = await env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ label_zh: string }>(
            tx,
            sql`select label_zh from review_reject_reasons where id = ${b.reason}::uuid`,
          ),
        )
        expect(row!.label_zh).toBe('B 的原因')
      },
    },
    {
      method: 'patch',
      path: '/api/v1/review/reject-reasons/{id}',
      run: async () =>
        notFound((await setup()).lead.patch(`/api/v1/review/reject-reasons/${b!.reason}`, { active: false })),
    },
    {
      method: 'get',
      path: '/api/v1/approval-steps',
      run: async () => {
        const { a, B, b } = await setup()
        noB((await a.get<{ applicationId: string }[]>('/api/v1/approval-steps')).body, B, b.app)
      },
    },
    {
      method: 'post',
      path: '/api/v1/applications/{id}/approval-steps/{stepNo}/decide',
      run: async () =>
        notFound(
          (await setup()).a.post(`/api/v1/applications/${b!.app}/approval-steps/1/decide`, { decision: 'approve' }),
        ),
    },
    {
      method: 'get',
      path: '/api/v1/origination/policies',
      run: async () => {
        const { a, B } = await setup()
        for (const p of (await a.get<{ productId: string | null }[]>('/api/v1/origination/policies')).body)
          expect(p.productId).not.toBe(B.product)
      },
    },
    {
      method: 'put',
      path: '/api/v1/origination/policies',
      run: async () => {
        const { a, B } = await setup()
        await is(400)(
          a.put('/api/v1/origination/policies', {
            productId: B.product,
            tiers: [{ minAmount: '0', maxAmount: null, steps: [] }],
          }),
        )
      },
    },
    {
      method: 'get',
      path: '/api/v1/contract-templates',
      run: async () => {
        const { a, B } = await setup()
        const res = await a.get<{ productId: string | null }>(`/api/v1/contract-templates?productId=${B.product}`)
        expect(res.body.productId).not.toBe(B.product)
      },
    },
    {
      method: 'put',
      path: '/api/v1/contract-templates',
      run: async () => {
        const { a, B } = await setup()
        await is(400)(
          a.put('/api/v1/contract-templates', {
            productId: B.product,
            name: 'x',
            body: '借款合同 {{amount}} 元，借款人 {{borrowerName}}',
          }),
        )
      },
    },
    {
      method: 'get',
      path: '/api/v1/credit-lines/{customerId}',
      run: async () => {
        const { a, B } = await setup()
        expect((await a.get(`/api/v1/credit-lines/${B.customer}`)).body).toBeNull()
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/pools',
      run: async () => {
        const { a, B } = await setup()
        for (const p of (await a.get<{ teamId: string | null; reviewers: { id: string }[] }[]>('/api/v1/review/pools'))
          .body) {
          expect(p.teamId).not.toBe(B.team)
          expect(p.reviewers.some((r) => r.id === B.user)).toBe(false)
        }
      },
    },
    {
      method: 'patch',
      path: '/api/v1/review/pools/{stage}',
      run: async () => {
        const { a, B } = await setup()
        await is(400)(a.patch('/api/v1/review/pools/first', { teamId: B.team }))
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/reviewers',
      run: async () => {
        const { a, B } = await setup()
        expect(
          (await a.get<{ id: string }[]>('/api/v1/review/reviewers?stage=first')).body.some((r) => r.id === B.user),
        ).toBe(false)
      },
    },
    {
      method: 'post',
      path: '/api/v1/review/pools/{stage}/auto-assign',
      run: async () => {
        const { a } = await setup()
        // automatic assignment works on the caller's own pool only (422 while it is switched off)
        expect([200, 422]).toContain((await a.post('/api/v1/review/pools/first/auto-assign')).status)
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/orders',
      run: async () => {
        const { lead, B, b } = await setup()
        noB(
          (
            await lead.get<{ items: { institutionId: string; applicationId: string }[] }>(
              '/api/v1/review/orders?pageSize=200',
            )
          ).body.items,
          B,
          b.app,
        )
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/my-orders',
      run: async () => {
        const { lead, B, b } = await setup()
        noB(
          (await lead.get<{ items: { institutionId: string; applicationId: string }[] }>('/api/v1/review/my-orders'))
            .body.items,
          B,
          b.app,
        )
      },
    },
    {
      method: 'post',
      path: '/api/v1/review/orders/assign',
      run: async () => {
        const { a, B, b } = await setup()
        await notFound(a.post('/api/v1/review/orders/assign', { orderIds: [b.order], reviewerId: B.user }))
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/orders/{id}',
      run: async () => notFound((await setup()).lead.get(`/api/v1/review/orders/${b!.order}`)),
    },
    {
      method: 'get',
      path: '/api/v1/review/orders/{id}/documents/{uploadId}',
      run: async () => notFound((await setup()).lead.get(`/api/v1/review/orders/${b!.order}/documents/${b!.upload}`)),
    },
    {
      method: 'post',
      path: '/api/v1/review/orders/{id}/start',
      run: async () => notFound((await setup()).lead.post(`/api/v1/review/orders/${b!.order}/start`)),
    },
    {
      method: 'put',
      path: '/api/v1/review/orders/{id}/notes',
      run: async () => notFound((await setup()).lead.put(`/api/v1/review/orders/${b!.order}/notes`, { notes: 'x' })),
    },
    {
      method: 'post',
      path: '/api/v1/review/orders/{id}/calls',
      run: async () =>
        notFound(
          (await setup()).lead.post(`/api/v1/review/orders/${b!.order}/calls`, {
            callee: 'x',
            phone: '13900000000',
            outcome: 'connected',
          }),
        ),
    },
    {
      method: 'post',
      path: '/api/v1/review/orders/{id}/decide',
      run: async () =>
        notFound((await setup()).lead.post(`/api/v1/review/orders/${b!.order}/decide`, { result: 'approved' })),
    },
    {
      method: 'post',
      path: '/api/v1/review/qi/sample',
      run: async () => {
        const { lead, env, B } = await setup()
        await lead.post('/api/v1/review/qi/sample', { size: 200 })
        const rows = await env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from review_inspections where institution_id = ${B.institution}::uuid`,
          ),
        )
        expect(Number(rows[0]!.n)).toBe(1)
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/qi',
      run: async () => {
        const { lead, b } = await setup()
        expect((await lead.get<{ id: string }[]>('/api/v1/review/qi')).body.some((i) => i.id === b.qi)).toBe(false)
      },
    },
    {
      method: 'put',
      path: '/api/v1/review/qi/{id}',
      run: async () => notFound((await setup()).lead.put(`/api/v1/review/qi/${b!.qi}`, { score: 1, comment: 'x' })),
    },
    {
      method: 'get',
      path: '/api/v1/review/stats/efficiency',
      run: async () => {
        const { a, B } = await setup()
        const rows = (
          await a.get<{ reviewerId: string | null }[]>('/api/v1/review/stats/efficiency?from=2000-01-01&to=2099-01-01')
        ).body
        expect(rows.some((r) => r.reviewerId === B.user)).toBe(false)
      },
    },
    {
      method: 'get',
      path: '/api/v1/review/stats/performance',
      run: async () => {
        const { a, B } = await setup()
        const rows = (
          await a.get<{ reviewerId: string }[]>('/api/v1/review/stats/performance?from=2000-01-01&to=2099-01-01')
        ).body
        expect(rows.some((r) => r.reviewerId === B.user)).toBe(false)
      },
    },
    {
      method: 'post',
      path: '/api/v1/staff/uploads',
      run: async () => {
        // an upload is always the caller's own; nothing to address in B
        const { a, env } = await setup()
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/staff/uploads',
          headers: {
            ...tus,
            'x-csrf-token': a.cookies.get('xd_csrf') ?? '',
            cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'upload-length': '10',
            'upload-metadata': `filename ${Buffer.from('a.pdf').toString('base64')},filetype ${Buffer.from('application/pdf').toString('base64')}`,
          },
        })
        expect(res.statusCode).toBe(201)
      },
    },
    ...(['head', 'patch'] as const).map((m) => ({
      method: m,
      path: '/api/v1/staff/uploads/{id}',
      run: async () => {
        const { a, env, b } = await setup()
        const res = await env.app.inject({
          method: m.toUpperCase() as 'HEAD' | 'PATCH',
          url: `/api/v1/staff/uploads/${b.upload}`,
          headers: {
            ...tus,
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
            'x-csrf-token': a.cookies.get('xd_csrf') ?? '',
            cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
          payload: m === 'patch' ? Buffer.from('%PDF-1.4\n\n') : undefined,
        })
        expect(res.statusCode).toBe(404)
      },
    })),
  ]
}
