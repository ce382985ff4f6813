/**
 * The early-warning rows of tenancy.int.test.ts: a warning of institution B (written directly, on B's
 * loan) and B's rule settings that A's risk manager, lead and admin can neither see nor change.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

type Case = { method: string; path: string; run: () => Promise<void> }
type Ctx = { env: TestEnv; a: Client; B: Record<string, string> }

export function warningTenancyCases(ctx: () => Ctx): Case[] {
  let bWarning: string | undefined
  let risk: Client | undefined
  const setup = async () => {
    const { env, B } = ctx()
    risk ??= await env.login('huixin.risk')
    if (!bWarning)
      await env.platform.db.tx(SYSTEM, async (tx) => {
        const [row] = await queryRows<{ id: string }>(
          tx,
          sql`insert into collection_warnings (institution_id, rule_code, severity, subject_type, subject_id, subject_key,
              subject_label, loan_id, occurrence_key, status, evidence, business_date)
            values (${B.institution}::uuid, 'first_payment_default', 'high', 'loan', ${B.loan}::uuid, ${B.loan},
              'B-WARN-LOAN', ${B.loan}::uuid, 'first_installment', 'open', '{}'::jsonb, '2000-01-01') returning id`,
        )
        bWarning = row!.id
      })
    return { ...ctx(), risk: risk!, bWarning: bWarning! }
  }
  const bWarningRow = async () => {
    const { env } = ctx()
    const [row] = await env.platform.db.tx(SYSTEM, (tx) =>
      queryRows<Record<string, unknown>>(tx, sql`select * from collection_warnings where id = ${bWarning!}::uuid`),
    )
    return row
  }
  const bRules = async () => {
    const { env, B } = ctx()
    return env.platform.db.tx(SYSTEM, (tx) =>
      queryRows(tx, sql`select * from collection_warning_rules where institution_id = ${B.institution}::uuid`),
    )
  }
  const base = '/api/v1/collections/warnings'
  return [
    {
      method: 'get',
      path: base,
      run: async () => {
        const { risk, a, B } = await setup()
        for (const c of [risk, a]) {
          const res = await c.get<{ items: { institutionId: string; subjectLabel: string }[] }>(
            `${base}?q=B-WARN&pageSize=200`,
          )
          expect(res.status).toBe(200)
          expect(res.body.items).toEqual([])
          const all = await c.get<{ items: { institutionId: string }[] }>(`${base}?pageSize=200`)
          expect(all.body.items.every((i) => i.institutionId !== B.institution)).toBe(true)
        }
      },
    },
    {
      method: 'get',
      path: `${base}/statistics`,
      run: async () => {
        const { risk } = await setup()
        const res = await risk.get<{ trend: { day: string; raised: number }[] }>(
          `${base}/statistics?from=2000-01-01&to=2000-01-02`,
        )
        expect(res.status).toBe(200)
        expect(res.body.trend[0]).toEqual({ day: '2000-01-01', raised: 0, closed: 0 })
      },
    },
    {
      method: 'get',
      path: `${base}/rules`,
      run: async () => {
        const { risk } = await setup()
        expect((await risk.get(`${base}/rules`)).status).toBe(200)
      },
    },
    {
      method: 'put',
      path: `${base}/rules/{code}`,
      run: async () => {
        const { risk } = await setup()
        const before = await bRules()
        expect((await risk.put(`${base}/rules/ip_velocity`, { params: { applications: 10 } })).status).toBe(200)
        expect(await bRules()).toEqual(before)
      },
    },
    {
      method: 'post',
      path: `${base}/evaluate`,
      run: async () => {
        const { risk } = await setup()
        expect((await risk.post(`${base}/evaluate`, {})).status).toBe(200)
        expect(await bWarningRow()).toMatchObject({ status: 'open', owner_id: null })
      },
    },
    {
      method: 'get',
      path: `${base}/owners`,
      run: async () => {
        const { risk } = await setup()
        const res = await risk.get<{ items: { username: string }[] }>(`${base}/owners`)
        expect(res.status).toBe(200)
        expect(res.body.items.every((u) => u.username.startsWith('huixin.'))).toBe(true)
      },
    },
    {
      method: 'get',
      path: `${base}/{id}`,
      run: async () => {
        const { risk, a, bWarning } = await setup()
        expect((await risk.get(`${base}/${bWarning}`)).status).toBe(404)
        expect((await a.get(`${base}/${bWarning}`)).status).toBe(404)
      },
    },
    ...(['acknowledge', 'resolve', 'dismiss'] as const).map((action) => ({
      method: 'post',
      path: `${base}/{id}/${action}`,
      run: async () => {
        const { risk, bWarning } = await setup()
        expect((await risk.post(`${base}/${bWarning}/${action}`, { note: 'x' })).status).toBe(404)
        expect(await bWarningRow()).toMatchObject({ status: 'open' })
      },
    })),
    {
      method: 'post',
      path: `${base}/{id}/reassign`,
      run: async () => {
        const { risk, bWarning, env } = await setup()
        const [me] = await env.platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ id: string }>(tx, sql`select id from users where username = 'huixin.risk'`),
        )
        expect((await risk.post(`${base}/${bWarning}/reassign`, { ownerId: me!.id })).status).toBe(404)
        expect(await bWarningRow()).toMatchObject({ owner_id: null })
      },
    },
  ]
}
