/**
 * The risk routes' rows of the tenancy table (tenancy.int.test.ts): institution A's risk manager
 * never reads or changes B's scenes, versions, reports, indicators, sources or list entries.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

type Case = { method: string; path: string; run: () => Promise<void> }
type BOf = { version: string; report: string; indicator: string; source: string; entry: string; customer: string }

export function riskCases(env: () => TestEnv, institutionB: () => string, customerB: () => string): Case[] {
  let client: Client | undefined
  let ids: BOf | undefined
  const a = async () => {
    client ??= await env().login('huixin.risk')
    return client
  }
  const b = async (): Promise<BOf> => {
    ids ??= await env().platform.db.tx(SYSTEM, async (tx) => {
      const inst = institutionB()
      await tx.execute(
        sql`insert into risk_scenes (institution_id, code, name) values (${inst}::uuid, 'b_only', 'B') on conflict do nothing`,
      )
      const one = async (table: string) =>
        (
          await queryRows<{ id: string }>(
            tx,
            sql`select id from ${sql.identifier(table)} where institution_id = ${inst}::uuid limit 1`,
          )
        )[0]!.id
      return {
        version: await one('risk_rule_set_versions'),
        report: await one('risk_reports'),
        indicator: await one('risk_indicators'),
        source: await one('risk_data_sources'),
        entry: await one('risk_list_entries'),
        customer: customerB(),
      }
    })
    return ids
  }
  const status = async (res: Promise<{ status: number }>, expected: number) => expect((await res).status).toBe(expected)
  /** B's rows (and B's scene `b_only`) exist before A's call */
  const withB = async (run: () => Promise<void>) => {
    await b()
    await run()
  }
  const noB = async (url: string) => {
    const res = await (await a()).get<{ items?: { institutionId: string }[] } | { institutionId: string }[]>(url)
    expect(res.status).toBe(200)
    const items = Array.isArray(res.body) ? res.body : (res.body.items ?? [])
    for (const item of items) expect(item.institutionId).not.toBe(institutionB())
  }
  const own = async (res: Promise<{ status: number; body: unknown }>) => {
    const r = await res
    expect(r.status).toBe(201)
    expect((r.body as { institutionId: string }).institutionId).not.toBe(institutionB())
  }
  const version = async (suffix = '') => `/api/v1/risk/versions/${(await b()).version}${suffix}`
  const rule = {
    code: 'x',
    name: 'x',
    mode: 'result',
    relation: 'all_pass',
    expressions: [{ condition: { indicator: 'age', operator: 'lt', value: 1 }, result: 'reject' }],
  }
  return [
    { method: 'get', path: '/api/v1/risk/scenes', run: () => withB(() => noB('/api/v1/risk/scenes')) },
    {
      method: 'post',
      path: '/api/v1/risk/scenes',
      run: async () => own((await a()).post('/api/v1/risk/scenes', { code: 'a_scene', name: 'A' })),
    },
    {
      method: 'get',
      path: '/api/v1/risk/scenes/{code}',
      run: () => withB(async () => status((await a()).get('/api/v1/risk/scenes/b_only'), 404)),
    },
    {
      method: 'patch',
      path: '/api/v1/risk/scenes/{code}',
      run: () => withB(async () => status((await a()).patch('/api/v1/risk/scenes/b_only', { name: 'x' }), 404)),
    },
    {
      method: 'post',
      path: '/api/v1/risk/scenes/{code}/rollback',
      run: async () =>
        status((await a()).post('/api/v1/risk/scenes/pre_review/rollback', { versionId: (await b()).version }), 400),
    },
    {
      method: 'get',
      path: '/api/v1/risk/scenes/{code}/versions',
      run: () => withB(async () => status((await a()).get('/api/v1/risk/scenes/b_only/versions'), 404)),
    },
    {
      method: 'post',
      path: '/api/v1/risk/scenes/{code}/versions',
      run: async () => {
        await status((await a()).post('/api/v1/risk/scenes/b_only/versions', {}), 404)
        await status(
          (await a()).post('/api/v1/risk/scenes/pre_review/versions', { fromVersionId: (await b()).version }),
          400,
        )
      },
    },
    {
      method: 'get',
      path: '/api/v1/risk/versions/{id}',
      run: async () => status((await a()).get(await version()), 404),
    },
    {
      method: 'put',
      path: '/api/v1/risk/versions/{id}',
      run: async () => status((await a()).put(await version(), { rules: [rule] }), 404),
    },
    {
      method: 'post',
      path: '/api/v1/risk/versions/{id}/submit',
      run: async () => status((await a()).post(await version('/submit'), {}), 404),
    },
    {
      method: 'get',
      path: '/api/v1/risk/versions/{id}/diff',
      run: async () => status((await a()).get(await version('/diff')), 404),
    },
    {
      method: 'post',
      path: '/api/v1/risk/versions/{id}/backtest',
      run: async () => status((await a()).post(await version('/backtest'), {}), 404),
    },
    {
      method: 'post',
      path: '/api/v1/risk/versions/{id}/test',
      run: async () => status((await a()).post(await version('/test'), { inputs: {} }), 404),
    },
    {
      method: 'post',
      path: '/api/v1/risk/scenes/{code}/evaluate',
      run: async () => {
        await status((await a()).post('/api/v1/risk/scenes/b_only/evaluate', { inputs: {} }), 404)
        const res = await (await a()).post<{ errors: { field: string }[] }>('/api/v1/risk/scenes/pre_review/evaluate', {
          customerId: (await b()).customer,
          inputs: { age: 30, monthly_income: 9000, debt_ratio: 0.2, employment_type: 'salaried' },
        })
        expect(res.status).toBe(400)
        expect(res.body.errors[0]!.field).toBe('body.customerId')
      },
    },
    {
      method: 'get',
      path: '/api/v1/risk/reports',
      run: async () => {
        await noB('/api/v1/risk/reports?pageSize=200')
        expect(
          (await (await a()).get<{ total: number }>(`/api/v1/risk/reports?customerId=${(await b()).customer}`)).body
            .total,
        ).toBe(0)
      },
    },
    {
      method: 'get',
      path: '/api/v1/risk/reports/{id}',
      run: async () => status((await a()).get(`/api/v1/risk/reports/${(await b()).report}`), 404),
    },
    { method: 'get', path: '/api/v1/risk/indicators', run: () => noB('/api/v1/risk/indicators?pageSize=200') },
    {
      method: 'get',
      path: '/api/v1/risk/own-fields',
      run: async () => status((await a()).get('/api/v1/risk/own-fields'), 200),
    },
    {
      method: 'post',
      path: '/api/v1/risk/indicators',
      run: async () =>
        own(
          (await a()).post('/api/v1/risk/indicators', {
            code: 'a_only',
            name: 'A',
            type: 'number',
            config: { kind: 'input' },
          }),
        ),
    },
    {
      method: 'get',
      path: '/api/v1/risk/indicators/{id}',
      run: async () => status((await a()).get(`/api/v1/risk/indicators/${(await b()).indicator}`), 404),
    },
    {
      method: 'patch',
      path: '/api/v1/risk/indicators/{id}',
      run: async () =>
        status((await a()).patch(`/api/v1/risk/indicators/${(await b()).indicator}`, { enabled: false }), 404),
    },
    {
      method: 'delete',
      path: '/api/v1/risk/indicators/{id}',
      run: async () => status((await a()).request('DELETE', `/api/v1/risk/indicators/${(await b()).indicator}`), 404),
    },
    { method: 'get', path: '/api/v1/risk/data-sources', run: () => noB('/api/v1/risk/data-sources') },
    {
      method: 'post',
      path: '/api/v1/risk/data-sources',
      run: async () =>
        own(
          (await a()).post('/api/v1/risk/data-sources', {
            code: 'a_source',
            name: 'A',
            url: 'http://127.0.0.1:9/x',
            timeoutMs: 100,
            costPerCall: '0.00',
            callCycle: { mode: 'every_time' },
            fallback: { mode: 'manual' },
          }),
        ),
    },
    {
      method: 'get',
      path: '/api/v1/risk/data-sources/{id}',
      run: async () => status((await a()).get(`/api/v1/risk/data-sources/${(await b()).source}`), 404),
    },
    {
      method: 'patch',
      path: '/api/v1/risk/data-sources/{id}',
      run: async () =>
        status(
          (await a()).patch(`/api/v1/risk/data-sources/${(await b()).source}`, { url: 'http://evil.example/x' }),
          404,
        ),
    },
    {
      method: 'post',
      path: '/api/v1/risk/data-sources/{id}/test',
      run: async () => status((await a()).post(`/api/v1/risk/data-sources/${(await b()).source}/test`, {}), 404),
    },
    { method: 'get', path: '/api/v1/risk/lists', run: () => noB('/api/v1/risk/lists?pageSize=200') },
    {
      method: 'post',
      path: '/api/v1/risk/lists',
      run: async () =>
        own(
          (await a()).post('/api/v1/risk/lists', {
            listType: 'black',
            kind: 'device',
            value: 'a-only-device',
            reason: 'A',
          }),
        ),
    },
    {
      method: 'delete',
      path: '/api/v1/risk/lists/{id}',
      run: async () => status((await a()).request('DELETE', `/api/v1/risk/lists/${(await b()).entry}`), 404),
    },
    {
      method: 'post',
      path: '/api/v1/risk/lists/import',
      run: async () => {
        const res = await (await a()).post<{ imported: number }>('/api/v1/risk/lists/import', {
          format: 'csv',
          content: 'listType,kind,value,reason\nblack,device,a-import-device,A',
        })
        expect(res.status).toBe(200)
        const rows = await env().platform.db.tx(SYSTEM, (tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from risk_list_entries where institution_id = ${institutionB()}::uuid and reason = 'A'`,
          ),
        )
        expect(rows[0]!.n).toBe(0)
      },
    },
  ]
}
