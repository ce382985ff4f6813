/**
 * Institution A's staff never see or change institution B's data, through any route. The table
 * below covers every /api/v1 route; a test fails if a route is added without an entry here.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customers } from '../../src/modules/customers/schema.ts'
import { institutions, positions, roles, teams, users } from '../../src/modules/identity/schema.ts'
import { SYSTEM } from '../../src/platform/db/open.ts'
import { approvalRequests, auditLog } from '../../src/platform/db/schema.ts'
import { type Client, startTestEnv, type TestEnv, testDbKind } from '../harness.ts'
import { collectionsStrategyTenancyCases } from './collections-strategy-tenancy.ts'
import { collectionsTenancyCases } from './collections-tenancy.ts'
import { warningTenancyCases } from './collections-warnings-tenancy.ts'
import { ORIGINATION_NOT_TENANT, originationTenancyCases } from './origination-tenancy.ts'
import { riskCases } from './risk-tenancy-cases.ts'

let env: TestEnv
let a: Client
const B: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestEnv()
  a = await env.login('huixin.admin')
  // something of B's in every table: a team, a notification and audit rows made through B's own admin
  const b = await env.login('ruifeng.admin')
  await b.post('/api/v1/teams', { name: 'B 的团队' })
  await env.platform.db.tx(SYSTEM, async (tx) => {
    const [inst] = await tx.select().from(institutions).where(eq(institutions.code, 'ruifeng'))
    B.institution = inst!.id
    const [u] = await tx.select().from(users).where(eq(users.username, 'ruifeng.cs'))
    B.user = u!.id
    const [r] = await tx.select().from(roles).where(eq(roles.institutionId, inst!.id))
    B.role = r!.id
    const [p] = await tx.select().from(positions).where(eq(positions.institutionId, inst!.id))
    B.position = p!.id
    const [t] = await tx.select().from(teams).where(eq(teams.institutionId, inst!.id))
    B.team = t!.id
    const [cu] = await tx.select().from(customers).where(eq(customers.institutionId, inst!.id)).limit(1)
    B.customer = cu!.id
    const [ap] = await tx
      .insert(approvalRequests)
      .values({
        institutionId: inst!.id,
        kind: 'test.kind',
        objectType: 'x',
        objectId: 'x1',
        summary: 'B only',
        payload: {},
        requestedBy: u!.id,
        requestedByName: 'ruifeng.cs',
      })
      .returning()
    B.approval = ap!.id
    await env.platform.notifier.send(tx, {
      institutionId: inst!.id,
      channel: 'sms',
      recipient: '13900000000',
      template: 't',
      body: 'B only',
    })
  })
  // a product and a loan of B's, made through B's own staff
  const bAdmin = await env.login('ruifeng.admin')
  const product = await bAdmin.post<{ id: string }>('/api/v1/products', {
    name: 'B 的产品',
    minAmount: '1000.00',
    maxAmount: '9000.00',
    minTerm: 3,
    maxTerm: 12,
    termUnit: 'month',
    annualRatePercent: '10',
  })
  B.product = product.body.id
  await bAdmin.post(`/api/v1/products/${B.product}/list`, {})
  const bFinance = await env.login('ruifeng.finance')
  const loan = await bFinance.post<{ id: string }>('/api/v1/loans', {
    productId: B.product,
    amount: '5000.00',
    term: 6,
    borrowerName: 'B 的借款人',
  })
  B.loan = loan.body.id
  af = await env.login('huixin.finance')
})
afterAll(() => env?.close())
let af: Client
const money = { 'idempotency-key': 'tenancy-key-0001' }

type Case = { method: string; path: string; run: () => Promise<void> }

const expectStatus = async (res: Promise<{ status: number }>, status: number) => expect((await res).status).toBe(status)
const expectNoB = async (url: string, pick: (item: Record<string, unknown>) => unknown) => {
  const res = await a.get<{ items: Record<string, unknown>[] }>(url)
  expect(res.status).toBe(200)
  for (const item of res.body.items) expect(pick(item)).not.toBe(B.institution)
}

const cases: Case[] = [
  {
    method: 'get',
    path: '/api/v1/users',
    run: async () => {
      await expectNoB('/api/v1/users?pageSize=200', (i) => i.institutionId)
      expect((await a.get<{ total: number }>(`/api/v1/users?institutionId=${B.institution}`)).body.total).toBe(0)
      expect((await a.get<{ total: number }>('/api/v1/users?q=ruifeng')).body.total).toBe(0)
    },
  },
  {
    method: 'post',
    path: '/api/v1/users',
    run: async () => {
      const res = await a.post<{ errors: { field: string }[] }>('/api/v1/users', {
        username: 'sneaky',
        displayName: 'x',
        password: 'abcd1234',
        institutionId: B.institution,
      })
      expect(res.status).toBe(400)
      expect(res.body.errors[0]!.field).toBe('body.institutionId')
      const pos = await a.post('/api/v1/users', {
        username: 'sneaky2',
        displayName: 'x',
        password: 'abcd1234',
        positionIds: [B.position],
      })
      expect(pos.status).toBe(400)
    },
  },
  { method: 'get', path: '/api/v1/users/{id}', run: () => expectStatus(a.get(`/api/v1/users/${B.user}`), 404) },
  {
    method: 'patch',
    path: '/api/v1/users/{id}',
    run: () => expectStatus(a.patch(`/api/v1/users/${B.user}`, { displayName: 'pwned' }), 404),
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/freeze',
    run: () => expectStatus(a.post(`/api/v1/users/${B.user}/freeze`), 404),
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/unfreeze',
    run: () => expectStatus(a.post(`/api/v1/users/${B.user}/unfreeze`), 404),
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/unlock',
    run: () => expectStatus(a.post(`/api/v1/users/${B.user}/unlock`), 404),
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/reset-password',
    run: () => expectStatus(a.post(`/api/v1/users/${B.user}/reset-password`, { newPassword: 'abcd12345' }), 404),
  },
  {
    method: 'get',
    path: '/api/v1/institutions',
    run: () => expectNoB('/api/v1/institutions?pageSize=200', (i) => i.id),
  },
  {
    method: 'post',
    path: '/api/v1/institutions',
    run: () => expectStatus(a.post('/api/v1/institutions', { code: 'evil', name: 'x' }), 403),
  },
  {
    method: 'get',
    path: '/api/v1/institutions/{id}',
    run: () => expectStatus(a.get(`/api/v1/institutions/${B.institution}`), 404),
  },
  {
    method: 'patch',
    path: '/api/v1/institutions/{id}',
    run: () => expectStatus(a.patch(`/api/v1/institutions/${B.institution}`, { name: 'x' }), 403),
  },
  {
    method: 'get',
    path: '/api/v1/institutions/{id}/business-date',
    run: () => expectStatus(a.get(`/api/v1/institutions/${B.institution}/business-date`), 404),
  },
  {
    method: 'get',
    path: '/api/v1/roles',
    run: async () => {
      expect((await a.get<unknown[]>(`/api/v1/roles?institutionId=${B.institution}`)).body).toEqual([])
      for (const r of (await a.get<{ institutionId: string }[]>('/api/v1/roles')).body)
        expect(r.institutionId).not.toBe(B.institution)
    },
  },
  {
    method: 'post',
    path: '/api/v1/roles',
    run: () =>
      expectStatus(a.post('/api/v1/roles', { code: 'evil_role', name: 'x', institutionId: B.institution }), 400),
  },
  {
    method: 'patch',
    path: '/api/v1/roles/{id}',
    run: () => expectStatus(a.patch(`/api/v1/roles/${B.role}`, { name: 'x' }), 404),
  },
  {
    method: 'get',
    path: '/api/v1/positions',
    run: async () => {
      expect((await a.get<unknown[]>(`/api/v1/positions?institutionId=${B.institution}`)).body).toEqual([])
      for (const p of (await a.get<{ institutionId: string }[]>('/api/v1/positions')).body)
        expect(p.institutionId).not.toBe(B.institution)
    },
  },
  {
    method: 'post',
    path: '/api/v1/positions',
    run: () =>
      expectStatus(
        a.post('/api/v1/positions', { roleId: B.role, code: 'evil_pos', name: 'x', scope: 'own', operations: [] }),
        400,
      ),
  },
  {
    method: 'patch',
    path: '/api/v1/positions/{id}',
    run: () => expectStatus(a.patch(`/api/v1/positions/${B.position}`, { operations: ['user.manage'] }), 404),
  },
  {
    method: 'get',
    path: '/api/v1/teams',
    run: async () => {
      expect((await a.get<unknown[]>(`/api/v1/teams?institutionId=${B.institution}`)).body).toEqual([])
      for (const t of (await a.get<{ institutionId: string }[]>('/api/v1/teams')).body)
        expect(t.institutionId).not.toBe(B.institution)
    },
  },
  {
    method: 'post',
    path: '/api/v1/teams',
    run: () => expectStatus(a.post('/api/v1/teams', { name: 'evil', institutionId: B.institution }), 400),
  },
  {
    method: 'get',
    path: '/api/v1/audit',
    run: async () => {
      await expectNoB('/api/v1/audit?pageSize=200', (i) => i.institutionId)
      expect((await a.get<{ total: number }>(`/api/v1/audit?institutionId=${B.institution}`)).body.total).toBe(0)
    },
  },
  {
    method: 'post',
    path: '/api/v1/audit/verify',
    run: async () => {
      // its own chains only, whatever it asks for: the rows checked are exactly its own trail
      const res = await a.post<{ checkedRows: number }>('/api/v1/audit/verify', { institutionId: B.institution })
      expect(res.status).toBe(200)
      const own = await a.get<{ total: number }>('/api/v1/audit?pageSize=1')
      expect(res.body.checkedRows).toBe(own.body.total)
    },
  },
  {
    method: 'get',
    path: '/api/v1/notifications',
    run: async () => {
      const res = await a.get<{ items: { body: string; institutionId: string | null }[] }>(
        '/api/v1/notifications?pageSize=200',
      )
      expect(res.body.items.some((n) => n.body === 'B only')).toBe(false)
    },
  },
  {
    method: 'get',
    path: '/api/v1/search',
    run: async () => {
      const res = await a.get<{ items: { id: string }[] }>('/api/v1/search?q=ruifeng')
      expect(res.body.items).toEqual([])
      expect((await a.get<{ items: unknown[] }>(`/api/v1/search?q=${encodeURIComponent('瑞丰')}`)).body.items).toEqual(
        [],
      )
    },
  },
  {
    method: 'get',
    path: '/api/v1/approvals',
    run: async () => {
      const res = await a.get<{ items: { institutionId: string }[] }>('/api/v1/approvals?pageSize=200')
      expect(res.status).toBe(200)
      expect(res.body.items.every((i) => i.institutionId !== B.institution)).toBe(true)
      expect((await a.get<{ total: number }>('/api/v1/approvals?objectId=x1')).body.total).toBe(0)
    },
  },
  {
    method: 'post',
    path: '/api/v1/approvals/{id}/approve',
    run: () => expectStatus(a.post(`/api/v1/approvals/${B.approval}/approve`, {}), 404),
  },
  {
    method: 'post',
    path: '/api/v1/approvals/{id}/reject',
    run: () => expectStatus(a.post(`/api/v1/approvals/${B.approval}/reject`, {}), 404),
  },
  ...servicingCases(),
  ...customerCases(),
  ...cobCases(),
  ...collectionsTenancyCases(() => ({ env, a, B })),
  ...warningTenancyCases(() => ({ env, a, B })),
  ...collectionsStrategyTenancyCases(() => ({ env, a, B })),
  ...originationTenancyCases(() => ({ env, a, B })),
  ...riskCases(
    () => env,
    () => B.institution!,
    () => B.customer!,
  ),
]

/** Daily close: a run of B's (written directly; no route can address another institution). */
function cobCases(): Case[] {
  let bRun: string | undefined
  const runOfB = async () => {
    bRun ??= await env.platform.db.tx(SYSTEM, async (tx) => {
      const rows = (await tx.execute(
        sql`insert into cob_runs (institution_id, business_date, status, step, trigger)
          values (${B.institution}::uuid, '2000-01-01', 'completed', 'done', 'cli') returning id`,
      )) as unknown as { rows: { id: string }[] }
      await tx.execute(sql`update cob_runs set request_id = id where id = ${rows.rows[0]!.id}::uuid`)
      return rows.rows[0]!.id
    })
    return bRun
  }
  return [
    {
      method: 'post',
      path: '/api/v1/cob/runs',
      run: async () => {
        // the close always runs for the caller's own institution; naming another is refused
        const res = await a.post('/api/v1/cob/runs', { institutionId: B.institution, toDate: '2099-01-01' })
        expect(res.status).toBe(400)
        const [bd] = await env.platform.db
          .tx(SYSTEM, (tx) =>
            tx.execute(sql`select count(*)::int as n from cob_runs where institution_id = ${B.institution}::uuid
            and business_date = '2099-01-01'`),
          )
          .then((r) => (r as unknown as { rows: { n: number }[] }).rows)
        expect(Number(bd!.n)).toBe(0)
      },
    },
    {
      method: 'get',
      path: '/api/v1/cob/runs',
      run: async () => {
        const id = await runOfB()
        const res = await a.get<{ items: { institutionId: string }[] }>('/api/v1/cob/runs?pageSize=200')
        expect(res.status).toBe(200)
        expect(res.body.items.every((r) => r.institutionId !== B.institution)).toBe(true)
        expect((await a.get<{ total: number }>(`/api/v1/cob/runs?requestId=${id}`)).body.total).toBe(0)
      },
    },
    {
      method: 'get',
      path: '/api/v1/cob/runs/{id}',
      run: async () => expectStatus(a.get(`/api/v1/cob/runs/${await runOfB()}`), 404),
    },
  ]
}

function servicingCases(): Case[] {
  const loan = (suffix = '') => `/api/v1/loans/${B.loan}${suffix}`
  const notFound = (res: Promise<{ status: number }>) => expectStatus(res, 404)
  return [
    {
      method: 'get',
      path: '/api/v1/products',
      run: async () => {
        await expectNoB('/api/v1/products?pageSize=200', (i) => i.institutionId)
        expect((await a.get<{ total: number }>(`/api/v1/products?institutionId=${B.institution}`)).body.total).toBe(0)
      },
    },
    {
      method: 'post',
      path: '/api/v1/products',
      run: () =>
        expectStatus(
          a.post('/api/v1/products', {
            name: 'x',
            institutionId: B.institution,
            minAmount: '1.00',
            maxAmount: '2.00',
            minTerm: 1,
            maxTerm: 2,
            termUnit: 'month',
            annualRatePercent: '1',
          }),
          400,
        ),
    },
    { method: 'get', path: '/api/v1/products/{id}', run: () => notFound(a.get(`/api/v1/products/${B.product}`)) },
    {
      method: 'patch',
      path: '/api/v1/products/{id}',
      run: () => notFound(a.patch(`/api/v1/products/${B.product}`, { name: 'pwned' })),
    },
    {
      method: 'post',
      path: '/api/v1/products/{id}/list',
      run: () => notFound(a.post(`/api/v1/products/${B.product}/list`, {})),
    },
    {
      method: 'post',
      path: '/api/v1/products/{id}/delist',
      run: () => notFound(a.post(`/api/v1/products/${B.product}/delist`, {})),
    },
    {
      method: 'get',
      path: '/api/v1/loans',
      run: async () => {
        await expectNoB('/api/v1/loans?pageSize=200', (i) => i.institutionId)
        expect((await a.get<{ total: number }>(`/api/v1/loans?institutionId=${B.institution}`)).body.total).toBe(0)
      },
    },
    {
      method: 'post',
      path: '/api/v1/loans',
      run: async () => {
        const res = await af.post<{ errors: { field: string }[] }>('/api/v1/loans', {
          productId: B.product,
          amount: '5000.00',
          term: 6,
          borrowerName: 'x',
        })
        expect(res.status).toBe(400)
        expect(res.body.errors[0]!.field).toBe('body.productId')
      },
    },
    { method: 'get', path: '/api/v1/loans/{id}', run: () => notFound(a.get(loan())) },
    { method: 'get', path: '/api/v1/loans/{id}/transactions', run: () => notFound(a.get(loan('/transactions'))) },
    { method: 'get', path: '/api/v1/loans/{id}/journal', run: () => notFound(a.get(loan('/journal'))) },
    { method: 'get', path: '/api/v1/loans/{id}/events', run: () => notFound(a.get(loan('/events'))) },
    { method: 'get', path: '/api/v1/loans/{id}/payoff-quote', run: () => notFound(a.get(loan('/payoff-quote'))) },
    { method: 'post', path: '/api/v1/loans/{id}/disburse', run: () => notFound(af.post(loan('/disburse'), {}, money)) },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/repayments',
      run: () => notFound(af.post(loan('/repayments'), { amount: '1.00', channel: 'online' }, money)),
    },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/prepayments',
      run: () =>
        notFound(af.post(loan('/prepayments'), { type: 'settlement', amount: '1.00', channel: 'online' }, money)),
    },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/refunds',
      run: () => notFound(af.post(loan('/refunds'), { amount: '1.00', channel: 'online' }, money)),
    },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/transactions/{transactionId}/reverse',
      run: () => notFound(af.post(loan(`/transactions/${B.loan}/reverse`), { reason: 'x' }, money)),
    },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/waivers',
      run: () => notFound(af.post(loan('/waivers'), { fee: '1.00', reason: 'x' })),
    },
    {
      method: 'post',
      path: '/api/v1/loans/{id}/write-off',
      run: () => notFound(af.post(loan('/write-off'), { reason: 'x' })),
    },
    {
      method: 'get',
      path: '/api/v1/ledger/trial-balance',
      run: async () => {
        const res = await a.get<{ institutionId: string }>(
          `/api/v1/ledger/trial-balance?institutionId=${B.institution}`,
        )
        expect(res.body.institutionId).not.toBe(B.institution)
      },
    },
    {
      method: 'post',
      path: '/api/v1/ledger/verify',
      run: async () => {
        const res = await af.post<{ loans: number }>('/api/v1/ledger/verify', {})
        expect(res.status).toBe(200)
        const own = await a.get<{ total: number }>('/api/v1/loans?pageSize=1')
        expect(res.body.loans).toBe(own.body.total) // B's loan is not counted
      },
    },
  ]
}

function customerCases(): Case[] {
  const customer = (suffix = '') => `/api/v1/customers/${B.customer}${suffix}`
  const notFound = (res: Promise<{ status: number }>) => expectStatus(res, 404)
  return [
    {
      method: 'get',
      path: '/api/v1/customers',
      run: async () => {
        await expectNoB('/api/v1/customers?pageSize=200', (i) => i.institutionId)
        expect((await a.get<{ total: number }>('/api/v1/customers?phone=13987654321')).body.total).toBe(0)
        const search = await a.get<{ items: unknown[] }>('/api/v1/search?q=13987654321')
        expect(search.body.items).toEqual([])
      },
    },
    {
      method: 'post',
      path: '/api/v1/customers',
      run: () =>
        expectStatus(
          a.post('/api/v1/customers', { name: 'x', idNumber: 'x', phone: 'x', institutionId: B.institution }),
          400,
        ),
    },
    { method: 'get', path: '/api/v1/customers/{id}', run: () => notFound(a.get(customer('?unmask=true'))) },
    { method: 'patch', path: '/api/v1/customers/{id}', run: () => notFound(a.patch(customer(), { name: 'pwned' })) },
    {
      method: 'post',
      path: '/api/v1/customers/{id}/contacts',
      run: () => notFound(a.post(customer('/contacts'), { name: 'x', relation: 'friend', phone: '13800000000' })),
    },
    {
      method: 'post',
      path: '/api/v1/customers/{id}/bank-cards',
      run: () => notFound(a.post(customer('/bank-cards'), { bank: 'x', cardNumber: '4111111111111111' })),
    },
    {
      method: 'post',
      path: '/api/v1/customers/{id}/address-book',
      run: () => notFound(a.post(customer('/address-book'), { entries: [] })),
    },
    { method: 'get', path: '/api/v1/customers/{id}/360', run: () => notFound(a.get(customer('/360'))) },
  ]
}

/** Routes that hold no institution data (the caller's own session, the catalog, borrowers). */
const NOT_TENANT = new Set([
  'post /api/v1/auth/login',
  'post /api/v1/auth/logout',
  'get /api/v1/me',
  'post /api/v1/me/password',
  'put /api/v1/me/status',
  'get /api/v1/operations',
  'post /api/v1/borrower/otp',
  'post /api/v1/borrower/login',
  'post /api/v1/borrower/logout',
  'get /api/v1/borrower/me',
  'get /api/v1/borrower/profile',
  'put /api/v1/borrower/profile',
  'post /api/v1/calculator/schedule',
  ...ORIGINATION_NOT_TENANT,
])

describe("institution A's admin cannot reach institution B's data", () => {
  for (const c of cases) it(`${c.method.toUpperCase()} ${c.path}`, c.run)

  it('every /api/v1 route is covered by this table', async () => {
    const doc = await env.client().get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')
    const all = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    const covered = new Set([...cases.map((c) => `${c.method} ${c.path}`), ...NOT_TENANT])
    expect(
      all.filter((r) => r.startsWith('get /api/v1') || r.includes(' /api/v1')).filter((r) => !covered.has(r)),
    ).toEqual([])
  })

  it('nothing of B was changed by any of the attempts', async () => {
    const rows = await env.platform.db.tx(SYSTEM, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(sql`${auditLog.institutionId} = ${B.institution} and ${auditLog.actorName} = 'huixin.admin'`),
    )
    expect(rows).toEqual([])
  })
})

if (testDbKind === 'pg') {
  describe('row-level security is a second wall on a PostgreSQL server', () => {
    it('a query with no scope filter still sees only its institution', async () => {
      const seen = await env.platform.db.tx({ scope: 'institution', institutionId: B.institution! }, (tx) =>
        tx.select({ inst: users.institutionId }).from(users),
      )
      expect(seen.length).toBeGreaterThan(0)
      expect(new Set(seen.map((r) => r.inst))).toEqual(new Set([B.institution]))
    })
    it('a connection that set no tenant context sees no tenant rows', async () => {
      const rows = await env.platform.db.root.select().from(users)
      expect(rows).toEqual([])
    })
    it('the application role cannot update or delete audit rows', async () => {
      await expect(
        env.platform.db.tx(SYSTEM, (tx) => tx.execute(sql`update audit_log set operation = 'x'`)),
      ).rejects.toThrow()
      await expect(env.platform.db.tx(SYSTEM, (tx) => tx.execute(sql`delete from audit_log`))).rejects.toThrow()
    })
  })
} else {
  describe('embedded mode (PGlite runs as the owner, so the application-level scope is the wall)', () => {
    it('the scoped list still shows nothing of B', async () => {
      const res = await a.get<{ items: { institutionId: string }[] }>('/api/v1/users?pageSize=200')
      expect(res.body.items.every((u) => u.institutionId !== B.institution)).toBe(true)
    })
  })
}
