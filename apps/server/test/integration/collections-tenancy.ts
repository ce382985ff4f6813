/**
 * The collections rows of tenancy.int.test.ts: a case of institution B (written directly, on B's
 * loan) that A's lead, collector and admin can neither see nor change through any collections route.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

type Case = { method: string; path: string; run: () => Promise<void> }
type Ctx = { env: TestEnv; a: Client; B: Record<string, string> }

export function collectionsTenancyCases(ctx: () => Ctx): Case[] {
  let bCase: string | undefined
  let bCollector: string | undefined
  let lead: Client | undefined
  let collector: Client | undefined
  const setup = async () => {
    const { env, B } = ctx()
    lead ??= await env.login('huixin.collectlead')
    collector ??= await env.login('huixin.collector1')
    if (!bCase)
      await env.platform.db.tx(SYSTEM, async (tx) => {
        const [row] = await queryRows<{ id: string }>(
          tx,
          sql`insert into collection_cases (institution_id, loan_id, loan_no, product_id, borrower_name, status, set_key,
              stage_code, position_code, dpd, overdue_amount, opened_on, stage_entered_on)
            values (${B.institution}::uuid, ${B.loan}::uuid, 'B-LOAN', ${B.product}::uuid, 'B 的借款人', 'unassigned',
              'monthly', 'S1', 'collector_s1', 3, 100, '2000-01-01', '2000-01-01') returning id`,
        )
        bCase = row!.id
        const [u] = await queryRows<{ id: string }>(tx, sql`select id from users where username = 'ruifeng.collector1'`)
        bCollector = u!.id
      })
    return { ...ctx(), lead: lead!, collector: collector!, bCase: bCase!, bCollector: bCollector! }
  }
  const bRows = async (table: string) => {
    const { env, B } = ctx()
    return env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<Record<string, unknown>>(
        tx,
        sql`select * from ${sql.raw(table)} where institution_id = ${B.institution}::uuid`,
      ),
    )
  }
  const noB = (items: Record<string, unknown>[], B: Record<string, string>) =>
    expect(items.every((i) => i.institutionId !== B.institution)).toBe(true)
  const base = '/api/v1/collections'
  return [
    {
      method: 'get',
      path: `${base}/stages`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.get<{ products: { productId: string }[] }>(`${base}/stages`)
        expect(res.status).toBe(200)
        expect(res.body.products.map((p) => p.productId)).not.toContain(B.product)
      },
    },
    {
      method: 'put',
      path: `${base}/stages/{setKey}`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.put(`${base}/stages/${B.product}`, {
          stages: [{ code: 'S1', fromDay: 1, toDay: null, position: 'collector_s1', opensCases: true }],
        })
        expect(res.status).toBe(404)
        expect(await bRows('collection_stage_sets')).toEqual([])
      },
    },
    {
      method: 'delete',
      path: `${base}/stages/{id}`,
      run: async () => {
        const { a, B } = await setup()
        expect((await a.request('DELETE', `${base}/stages/${B.product}`)).status).toBe(404)
      },
    },
    {
      method: 'get',
      path: `${base}/pools`,
      run: async () => {
        const { lead } = await setup()
        const res = await lead.get<{ items: { stageCode: string; unassigned: number }[] }>(`${base}/pools`)
        expect(res.status).toBe(200)
        const own = await ctx().env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from collection_cases c join institutions i on i.id = c.institution_id
              where i.code = 'huixin' and c.stage_code = 'S1' and c.status = 'unassigned'`,
          ),
        )
        expect(res.body.items.find((p) => p.stageCode === 'S1')!.unassigned).toBe(Number(own[0]!.n))
      },
    },
    {
      method: 'patch',
      path: `${base}/pools/{code}`,
      run: async () => {
        const { lead } = await setup()
        const before = await bRows('collection_pools')
        expect((await lead.patch(`${base}/pools/S4`, { autoAssign: false, capPerCollector: 5 })).status).toBe(200)
        expect(await bRows('collection_pools')).toEqual(before)
      },
    },
    {
      method: 'post',
      path: `${base}/pools/{code}/auto-assign`,
      run: async () => {
        const { lead, bCase } = await setup()
        expect((await lead.post(`${base}/pools/S1/auto-assign`, {})).status).toBe(200)
        const rows = await bRows('collection_cases')
        expect(rows.find((r) => r.id === bCase)).toMatchObject({ status: 'unassigned', collector_id: null })
      },
    },
    {
      method: 'get',
      path: `${base}/pools/{code}/collectors`,
      run: async () => {
        const { lead, bCollector } = await setup()
        const res = await lead.get<{ items: { id: string }[] }>(`${base}/pools/S1/collectors`)
        expect(res.status).toBe(200)
        expect(res.body.items.map((u) => u.id)).not.toContain(bCollector)
      },
    },
    {
      method: 'post',
      path: `${base}/assignments`,
      run: async () => {
        const { lead, bCase, bCollector } = await setup()
        const before = (await bRows('collection_assignments')).length
        const res = await lead.post(`${base}/assignments`, { caseIds: [bCase], collectorId: bCollector })
        expect(res.status).toBe(404)
        expect((await bRows('collection_assignments')).length).toBe(before)
      },
    },
    {
      method: 'patch',
      path: `${base}/collectors/{id}`,
      run: async () => {
        const { lead, bCollector } = await setup()
        expect((await lead.patch(`${base}/collectors/${bCollector}`, { paused: true })).status).toBe(404)
        expect(await bRows('collection_collectors')).toEqual([])
      },
    },
    {
      method: 'patch',
      path: `${base}/me/receiving`,
      run: async () => {
        const { collector } = await setup()
        expect((await collector.patch(`${base}/me/receiving`, { paused: false })).status).toBe(200)
        expect(await bRows('collection_collectors')).toEqual([])
      },
    },
    {
      method: 'get',
      path: `${base}/cases`,
      run: async () => {
        const { a, lead, B } = await setup()
        for (const c of [a, lead]) {
          const res = await c.get<{ items: Record<string, unknown>[] }>(`${base}/cases?pageSize=200&q=B-LOAN`)
          expect(res.status).toBe(200)
          expect(res.body.items).toEqual([])
          noB((await c.get<{ items: Record<string, unknown>[] }>(`${base}/cases?pageSize=200`)).body.items, B)
        }
      },
    },
    {
      method: 'get',
      path: `${base}/my-cases`,
      run: async () => {
        const { collector, B } = await setup()
        const res = await collector.get<{ items: Record<string, unknown>[] }>(`${base}/my-cases?pageSize=200`)
        expect(res.status).toBe(200)
        noB(res.body.items, B)
      },
    },
    {
      method: 'get',
      path: `${base}/cases/{id}`,
      run: async () => {
        const { a, lead, bCase } = await setup()
        expect((await a.get(`${base}/cases/${bCase}`)).status).toBe(404)
        expect((await lead.get(`${base}/cases/${bCase}`)).status).toBe(404)
      },
    },
    {
      method: 'post',
      path: `${base}/cases/{id}/records`,
      run: async () => {
        const { collector, lead, bCase } = await setup()
        const before = (await bRows('collection_records')).length
        const body = { channel: 'letter', contact: 'borrower', reached: false, resultCode: 'other' }
        expect((await collector.post(`${base}/cases/${bCase}/records`, body)).status).toBe(404)
        expect((await lead.post(`${base}/cases/${bCase}/records`, body)).status).toBe(404)
        expect((await bRows('collection_records')).length).toBe(before)
      },
    },
    {
      method: 'post',
      path: `${base}/cases/{id}/legal`,
      run: async () => {
        const { lead, bCase } = await setup()
        const res = await lead.post(`${base}/cases/${bCase}/legal`, { reason: 'x', documents: [] })
        expect(res.status).toBe(404)
      },
    },
    {
      method: 'post',
      path: `${base}/cases/{id}/complaints`,
      run: async () => {
        const { lead, collector, bCase } = await setup()
        const body = { receivedVia: 'phone', category: 'harassment', description: 'x' }
        const before = (await bRows('collection_complaints')).length
        expect((await lead.post(`${base}/cases/${bCase}/complaints`, body)).status).toBe(404)
        expect((await collector.post(`${base}/cases/${bCase}/complaints`, body)).status).toBe(404)
        expect((await bRows('collection_complaints')).length).toBe(before)
      },
    },
    {
      method: 'post',
      path: `${base}/complaints/{id}/resolve`,
      run: async () => {
        const { lead, bCase, B } = await setup()
        // a complaint on B's case, written directly: A's lead can neither see nor resolve it
        const [row] = await ctx().env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ id: string }>(
            tx,
            sql`insert into collection_complaints (institution_id, case_id, loan_id, received_via, category, description, recorded_by)
              values (${B.institution}::uuid, ${bCase!}::uuid, ${B.loan}::uuid, 'phone', 'other', 'B', gen_random_uuid())
              returning id`,
          ),
        )
        expect((await lead.post(`${base}/complaints/${row!.id}/resolve`, { resolution: 'x' })).status).toBe(404)
        const after = await ctx().env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ status: string }>(tx, sql`select status from collection_complaints where id = ${row!.id}::uuid`),
        )
        expect(after[0]!.status).toBe('open')
      },
    },
    {
      method: 'post',
      path: `${base}/cases/{id}/write-off`,
      run: async () => {
        const { lead, bCase, B } = await setup()
        expect((await lead.post(`${base}/cases/${bCase}/write-off`, { reason: 'x' })).status).toBe(404)
        const rows = await ctx().env.platform.db.tx(SYSTEM, (tx) =>
          queryRows(tx, sql`select 1 from approval_requests where object_id = ${B.loan}`),
        )
        expect(rows).toEqual([])
      },
    },
    {
      method: 'get',
      path: `${base}/promises`,
      run: async () => {
        const { lead, bCase } = await setup()
        const res = await lead.get<{ total: number }>(`${base}/promises?caseId=${bCase}`)
        expect(res.status).toBe(200)
        expect(res.body.total).toBe(0)
      },
    },
    {
      method: 'get',
      path: `${base}/settings`,
      run: async () => {
        const { a } = await setup()
        expect((await a.get(`${base}/settings`)).status).toBe(200)
      },
    },
    {
      method: 'put',
      path: `${base}/settings`,
      run: async () => {
        const { a } = await setup()
        expect((await a.put(`${base}/settings`, { maxUnansweredPerDay: 6 })).status).toBe(200)
        expect(await bRows('collection_settings')).toEqual([])
      },
    },
    {
      method: 'get',
      path: `${base}/reminder-steps`,
      run: async () => {
        const { a } = await setup()
        expect((await a.get(`${base}/reminder-steps`)).status).toBe(200)
      },
    },
    {
      method: 'put',
      path: `${base}/reminder-steps`,
      run: async () => {
        const { a } = await setup()
        const res = await a.put(`${base}/reminder-steps`, { steps: [{ code: 'overdue_1', day: 1, action: 'sms' }] })
        expect(res.status).toBe(200)
        expect(await bRows('collection_settings')).toEqual([])
      },
    },
    {
      method: 'get',
      path: `${base}/reminders`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.get<{ total: number }>(`${base}/reminders?loanId=${B.loan}`)
        expect(res.status).toBe(200)
        expect(res.body.total).toBe(0)
      },
    },
    {
      method: 'post',
      path: `${base}/reminders/dispatch`,
      run: async () => {
        const { a, env, B } = await setup()
        await env.platform.db.tx(SYSTEM, (tx) =>
          tx.execute(sql`insert into collection_reminders (institution_id, loan_id, loan_no, due_date, step_code, action,
              channel, status, business_date)
            values (${B.institution}::uuid, ${B.loan}::uuid, 'B-LOAN', '2000-01-01', 'overdue_1', 'sms', 'sms', 'queued', '2000-01-01')`),
        )
        expect((await a.post(`${base}/reminders/dispatch`, {})).status).toBe(200)
        const mine = (await bRows('collection_reminders')).filter((r) => r.loan_no === 'B-LOAN')
        expect(mine.map((r) => r.status)).toEqual(['queued'])
      },
    },
    {
      method: 'get',
      path: `${base}/statistics`,
      run: async () => {
        const { a } = await setup()
        // B's case was open in January 2000; A's statistics of that month are empty
        const res = await a.get<{ total: { finished: number; inCollection: number } }>(
          `${base}/statistics?from=2000-01-01&to=2000-01-31`,
        )
        expect(res.status).toBe(200)
        expect(res.body.total).toMatchObject({ finished: 0, inCollection: 0 })
      },
    },
    {
      method: 'get',
      path: `${base}/statistics/overdue`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.get<{ items: { key: string }[] }>(`${base}/statistics/overdue?by=product`)
        expect(res.status).toBe(200)
        const bProduct = await ctx().env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ name: string }>(tx, sql`select name from products where id = ${B.product}::uuid`),
        )
        expect(res.body.items.map((i) => i.key)).not.toContain(bProduct[0]!.name)
      },
    },
    {
      method: 'get',
      path: `${base}/statistics.csv`,
      run: async () => {
        const { a } = await setup()
        const res = await a.get<string>(`${base}/statistics.csv?from=2000-01-01&to=2000-01-31&groupBy=stage`)
        expect(res.status).toBe(200)
        expect(res.text).not.toContain('S1')
      },
    },
  ]
}
