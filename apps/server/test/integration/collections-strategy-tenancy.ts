/**
 * The strategy, legal-process and overdue-CSV rows of tenancy.int.test.ts: institution B's strategy
 * and legal case (written directly) can be neither seen nor changed by A's staff through any route.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

type Case = { method: string; path: string; run: () => Promise<void> }
type Ctx = { env: TestEnv; a: Client; B: Record<string, string> }

export function collectionsStrategyTenancyCases(ctx: () => Ctx): Case[] {
  let b: { strategy: string; legal: string } | undefined
  let lead: Client | undefined
  const setup = async () => {
    const { env, B } = ctx()
    lead ??= await env.login('huixin.collectlead')
    b ??= await env.platform.db.tx(SYSTEM, async (tx) => {
      const [s] = await queryRows<{ id: string }>(
        tx,
        sql`insert into collection_strategies (institution_id, name, segments)
          values (${B.institution}::uuid, 'B 的策略', '[]'::jsonb) returning id`,
      )
      const [c] = await queryRows<{ id: string }>(
        tx,
        sql`insert into collection_cases (institution_id, loan_id, loan_no, product_id, borrower_name, status, set_key,
            stage_code, position_code, dpd, overdue_amount, opened_on, stage_entered_on)
          values (${B.institution}::uuid, ${B.loan}::uuid, 'B-LEGAL', ${B.product}::uuid, 'B 的借款人', 'closed',
            'monthly', 'M4+', 'collector_s2', 120, 100, '2000-01-01', '2000-01-01') returning id`,
      )
      const [l] = await queryRows<{ id: string }>(
        tx,
        sql`insert into collection_legal_cases (institution_id, case_id, loan_id, loan_no, borrower_name, escalated_on, created_by)
          values (${B.institution}::uuid, ${c!.id}::uuid, ${B.loan}::uuid, 'B-LEGAL', 'B 的借款人', '2000-01-01',
            ${B.user}::uuid) returning id`,
      )
      return { strategy: s!.id, legal: l!.id }
    })
    return { ...ctx(), lead: lead!, ...b }
  }
  const bRow = async (table: string, id: string) => {
    const { env } = ctx()
    const [row] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<Record<string, unknown>>(tx, sql`select * from ${sql.raw(table)} where id = ${id}::uuid`),
    )
    return row
  }
  const base = '/api/v1/collections'
  const segment = {
    code: 'a',
    name: 'a',
    channels: [{ channel: 'call', weight: 100 }],
    priority: 1,
  }
  return [
    {
      method: 'get',
      path: `${base}/strategies`,
      run: async () => {
        const { a, strategy } = await setup()
        const res = await a.get<{ items: { id: string }[] }>(`${base}/strategies?pageSize=200`)
        expect(res.status).toBe(200)
        expect(res.body.items.map((s) => s.id)).not.toContain(strategy)
      },
    },
    {
      method: 'post',
      path: `${base}/strategies`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.post(`${base}/strategies`, { name: 'x', segments: [segment], institutionId: B.institution })
        expect(res.status).toBe(400)
      },
    },
    {
      method: 'get',
      path: `${base}/strategies/report`,
      run: async () => {
        const { a, strategy } = await setup()
        const res = await a.get<{ strategies: { strategyId: string }[] }>(`${base}/strategies/report`)
        expect(res.status).toBe(200)
        expect(res.body.strategies.map((s) => s.strategyId)).not.toContain(strategy)
        expect((await a.get(`${base}/strategies/report?strategyId=${strategy}`)).status).toBe(200)
        const only = await a.get<{ strategies: unknown[] }>(`${base}/strategies/report?strategyId=${strategy}`)
        expect(only.body.strategies).toEqual([])
      },
    },
    {
      method: 'get',
      path: `${base}/strategies/report.csv`,
      run: async () => {
        const { a } = await setup()
        const res = await a.request('GET', `${base}/strategies/report.csv`)
        expect(res.status).toBe(200)
        expect(res.text).not.toContain('B 的策略')
      },
    },
    {
      method: 'get',
      path: `${base}/strategies/{id}`,
      run: async () => {
        const { a, strategy } = await setup()
        expect((await a.get(`${base}/strategies/${strategy}`)).status).toBe(404)
      },
    },
    {
      method: 'put',
      path: `${base}/strategies/{id}`,
      run: async () => {
        const { a, strategy } = await setup()
        expect((await a.put(`${base}/strategies/${strategy}`, { name: 'pwned', segments: [segment] })).status).toBe(404)
        expect((await bRow('collection_strategies', strategy))!.name).toBe('B 的策略')
      },
    },
    {
      method: 'post',
      path: `${base}/strategies/{id}/activate`,
      run: async () => {
        const { a, strategy } = await setup()
        expect((await a.post(`${base}/strategies/${strategy}/activate`, { role: 'champion' })).status).toBe(404)
        expect((await bRow('collection_strategies', strategy))!.status).toBe('draft')
      },
    },
    {
      method: 'post',
      path: `${base}/strategies/{id}/retire`,
      run: async () => {
        const { a, strategy } = await setup()
        expect((await a.post(`${base}/strategies/${strategy}/retire`, {})).status).toBe(404)
      },
    },
    {
      method: 'get',
      path: `${base}/legal`,
      run: async () => {
        const { lead, legal } = await setup()
        const res = await lead.get<{ items: { id: string }[] }>(`${base}/legal?pageSize=200`)
        expect(res.status).toBe(200)
        expect(res.body.items.map((l) => l.id)).not.toContain(legal)
      },
    },
    {
      method: 'get',
      path: `${base}/legal/{id}`,
      run: async () => {
        const { lead, legal } = await setup()
        expect((await lead.get(`${base}/legal/${legal}`)).status).toBe(404)
      },
    },
    {
      method: 'post',
      path: `${base}/legal/{id}/transitions`,
      run: async () => {
        const { lead, legal } = await setup()
        const res = await lead.post(`${base}/legal/${legal}/transitions`, {
          to: 'lawyer_assigned',
          date: '2000-01-02',
          firm: 'x',
        })
        expect(res.status).toBe(404)
        expect((await bRow('collection_legal_cases', legal))!.status).toBe('escalated')
      },
    },
    {
      method: 'post',
      path: `${base}/legal/{id}/fees`,
      run: async () => {
        const { lead, legal } = await setup()
        const res = await lead.post(`${base}/legal/${legal}/fees`, {
          kind: 'court',
          amount: '10.00',
          date: '2000-01-02',
        })
        expect(res.status).toBe(404)
        expect((await bRow('collection_legal_cases', legal))!.fees_total).toBe('0.00')
      },
    },
    {
      method: 'post',
      path: `${base}/legal/{id}/notes`,
      run: async () => {
        const { lead, legal } = await setup()
        expect((await lead.post(`${base}/legal/${legal}/notes`, { notes: 'x' })).status).toBe(404)
      },
    },
    {
      method: 'get',
      path: `${base}/statistics/overdue.csv`,
      run: async () => {
        const { a, B } = await setup()
        const res = await a.request('GET', `${base}/statistics/overdue.csv?by=product`)
        expect(res.status).toBe(200)
        expect(res.text).not.toContain('B 的产品')
        expect(B.product).toBeTruthy()
      },
    },
  ]
}
