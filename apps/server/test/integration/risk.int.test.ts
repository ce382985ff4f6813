/**
 * Risk decision engine over HTTP: save-time validation of rules and configuration, the four-eyes
 * journey (a risk manager's rule published by a second person, then seen in a report), lazy paid
 * data (short-circuit and call-cycle cache), failing sources falling back, back-tests,
 * champion/challenger split, and lists with import and expiry. Data sources are the datasim
 * simulator over real HTTP.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DataSimulator, startDataSimulator } from '../../src/modules/risk/datasim.ts'
import { challengerBucket } from '../../src/modules/risk/evaluate-scene.ts'
import { queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { clearSessionCache } from '../../src/platform/http/session-cache.ts'
import { type Client, startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
let sim: DataSimulator
let risk: Client
let manager: Client
let customers: string[]

type Problem = { status: number; code: string; errors?: { field: string; message: string }[] }
type Version = { id: string; status: string; rules: { code: string; version: number }[] }
type Evaluation = { decision: string; reportId: string; challenger?: { decision: string } }
type Report = {
  decision: string
  report: {
    rules: {
      code: string
      result: string | null
      skipped: boolean
      expressions: { indicators: { code: string; value: unknown }[] }[]
    }[]
    sourcesCalled: { source: string; cached: boolean; failed: boolean; fallback: string }[]
  }
}

const rule = (code: string, indicator: string, operator: string, value: unknown, result: string) => ({
  code,
  name: code,
  mode: 'result',
  relation: 'all_pass',
  expressions: [{ condition: { indicator, operator, value }, result }],
})

const sql1 = <T>(query: ReturnType<typeof sql>) => env.platform.db.tx(SYSTEM, (tx) => queryRows<T>(tx, query))

/** A new scene with these rules, published by the risk manager and approved by the manager. */
async function publishScene(code: string, rules: unknown[], submit: Record<string, unknown> = {}) {
  if ((await risk.get(`/api/v1/risk/scenes/${code}`)).status === 404) {
    expect((await risk.post('/api/v1/risk/scenes', { code, name: code })).status).toBe(201)
  }
  const draft = await risk.post<Version>(`/api/v1/risk/scenes/${code}/versions`, { rules })
  expect(draft.status, draft.text).toBe(201)
  const submitted = await risk.post<{ approvalId: string }>(`/api/v1/risk/versions/${draft.body.id}/submit`, submit)
  expect(submitted.status, submitted.text).toBe(202)
  const approved = await manager.post(`/api/v1/approvals/${submitted.body.approvalId}/approve`, {})
  expect(approved.status, approved.text).toBe(200)
  return draft.body.id
}

const evaluate = (scene: string, body: Record<string, unknown>) =>
  risk.post<Evaluation & Problem>(`/api/v1/risk/scenes/${scene}/evaluate`, body)
const reportOf = async (id: string) => (await risk.get<Report>(`/api/v1/risk/reports/${id}`)).body
const bureauCalls = () => sim.calls.get('/bureau') ?? 0

beforeAll(async () => {
  env = await startTestEnv()
  sim = await startDataSimulator({ port: 0 })
  risk = await env.login('huixin.risk')
  manager = await env.login('huixin.manager')
  const sources = await risk.get<{ id: string; url: string }[]>('/api/v1/risk/data-sources')
  for (const source of sources.body) {
    const res = await risk.patch(`/api/v1/risk/data-sources/${source.id}`, {
      url: `${sim.url}${new URL(source.url).pathname}`,
    })
    expect(res.status, res.text).toBe(200)
  }
  const rows = await sql1<{ id: string }>(
    sql`select c.id from customers c join institutions i on i.id = c.institution_id where i.code = 'huixin' order by c.id limit 40`,
  )
  customers = rows.map((r) => r.id)
})
afterAll(async () => {
  await sim?.close()
  await env?.close()
})

describe('bad input is answered 4xx and changes nothing', () => {
  it('rules with unknown or disabled indicators, number vs string, empty expressions or a negative quota', async () => {
    const disabled = await risk.post('/api/v1/risk/indicators', {
      code: 'retired_flag',
      name: 'retired',
      type: 'boolean',
      config: { kind: 'input' },
      enabled: false,
    })
    expect(disabled.status, disabled.text).toBe(201)
    expect((await risk.post('/api/v1/risk/scenes', { code: 'bad_rules', name: 'bad' })).status).toBe(201)
    const draft = await risk.post<Version>('/api/v1/risk/scenes/bad_rules/versions', {})
    const res = await risk.put<Problem>(`/api/v1/risk/versions/${draft.body.id}`, {
      rules: [
        rule('unknown', 'no_such_indicator', 'eq', 1, 'reject'),
        rule('disabled', 'retired_flag', 'eq', true, 'reject'),
        rule('mismatch', 'age', 'lt', 'twenty', 'reject'),
        { code: 'empty', name: 'empty', mode: 'result', relation: 'all_pass', expressions: [] },
        {
          code: 'quota',
          name: 'quota',
          mode: 'quota',
          relation: 'min',
          expressions: [{ condition: { indicator: 'age', operator: 'gt', value: 1 }, result: '-5.00' }],
        },
      ],
    })
    expect(res.status).toBe(400)
    const fields = res.body.errors!.map((e) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.rules.0.expressions.0.condition.indicator',
        'body.rules.1.expressions.0.condition.indicator',
        'body.rules.2.expressions.0.condition.value',
        'body.rules.3.expressions',
        'body.rules.4.expressions.0.result',
      ]),
    )
    expect(res.body.errors!.every((e) => e.message && !e.message.startsWith('risk.'))).toBe(true)
    expect((await risk.get<Version>(`/api/v1/risk/versions/${draft.body.id}`)).body.rules).toEqual([])
    // unknown fields deep inside a rule are refused too, not silently dropped
    const nested = await risk.put<Problem>(`/api/v1/risk/versions/${draft.body.id}`, {
      rules: [{ ...rule('extra', 'age', 'lt', 22, 'manual'), priority: 1 }],
    })
    expect(nested.status).toBe(400)
    expect(nested.body.errors!.map((e) => e.field)).toContain('body.rules.0.priority')
  })

  it('a cycle between derived indicators, a non-http source URL and deleting an indicator in use', async () => {
    const a = await risk.post<{ id: string }>('/api/v1/risk/indicators', {
      code: 'cycle_a',
      name: 'a',
      type: 'boolean',
      config: { kind: 'derived', aggregate: 'differs', left: 'age', right: 'debt_ratio' },
    })
    expect(a.status, a.text).toBe(201)
    const b = await risk.post('/api/v1/risk/indicators', {
      code: 'cycle_b',
      name: 'b',
      type: 'boolean',
      config: { kind: 'derived', aggregate: 'differs', left: 'cycle_a', right: 'age' },
    })
    expect(b.status, b.text).toBe(201)
    const cycle = await risk.patch<Problem>(`/api/v1/risk/indicators/${a.body.id}`, {
      config: { kind: 'derived', aggregate: 'differs', left: 'cycle_b', right: 'age' },
    })
    expect(cycle.status).toBe(400)
    expect(cycle.body.errors![0]!.field).toBe('body.config')

    const ftp = await risk.post<Problem>('/api/v1/risk/data-sources', {
      code: 'ftp_source',
      name: 'x',
      url: 'ftp://example.com/x',
      timeoutMs: 1000,
      costPerCall: '1.00',
      callCycle: { mode: 'every_time' },
      fallback: { mode: 'manual' },
    })
    expect(ftp.status).toBe(400)
    expect(ftp.body.errors![0]!.field).toBe('body.url')

    const list = await risk.get<{ items: { id: string }[] }>('/api/v1/risk/indicators?q=bureau_score')
    const inUse = await risk.request<Problem & { detail: string }>(
      'DELETE',
      `/api/v1/risk/indicators/${list.body.items[0]!.id}`,
    )
    expect(inUse.status).toBe(409)
    expect(inUse.body.detail).toContain('bureau_score_low')
  })
})

describe('four-eyes publishing and the report', () => {
  it('a rule "age < 22 → manual review" published by a second person gives manual for a 20-year-old', async () => {
    // a risk manager who may also approve still cannot approve their own draft
    await env.platform.db.tx(SYSTEM, (tx) =>
      tx.execute(sql`update positions set operations = array_append(operations, 'risk.publish')
        where code = 'risk_manager' and institution_id = (select id from institutions where code = 'huixin')`),
    )
    // SQL outside the API, as another process would write it: this process's session cache must forget
    clearSessionCache()
    expect((await risk.post('/api/v1/risk/scenes', { code: 'young', name: '年轻客户' })).status).toBe(201)
    const draft = await risk.post<Version>('/api/v1/risk/scenes/young/versions', {
      rules: [rule('age_young_manual', 'age', 'lt', 22, 'manual')],
    })
    const submitted = await risk.post<{ approvalId: string }>(`/api/v1/risk/versions/${draft.body.id}/submit`, {})
    const own = await risk.post<Problem>(`/api/v1/approvals/${submitted.body.approvalId}/approve`, {})
    expect(own.status).toBe(422)
    expect((await manager.post(`/api/v1/approvals/${submitted.body.approvalId}/approve`, {})).status).toBe(200)
    expect((await risk.get<Version>(`/api/v1/risk/versions/${draft.body.id}`)).body.status).toBe('published')

    const missing = await evaluate('young', { inputs: {} })
    expect(missing.status).toBe(400)
    expect(missing.body.errors!.map((e) => e.field)).toEqual(['body.inputs.age'])

    const result = await evaluate('young', { inputs: { age: 20 } })
    expect(result.status, JSON.stringify(result.body)).toBe(200)
    expect(result.body.decision).toBe('manual')
    const report = await reportOf(result.body.reportId)
    expect(report.report.rules[0]).toMatchObject({ code: 'age_young_manual', result: 'manual' })
    expect(report.report.rules[0]!.expressions[0]!.indicators[0]).toMatchObject({ code: 'age', value: 20 })
    expect((await evaluate('young', { inputs: { age: 30 } })).body.decision).toBe('pass')

    const audit = await sql1<{ n: number }>(
      sql`select count(*)::int as n from audit_log where operation = 'risk.version.publish'`,
    )
    expect(audit[0]!.n).toBeGreaterThan(0)
  })
})

describe('own data', () => {
  it('ages are counted to the business date, and the applications table can be read', async () => {
    for (const [code, table, field] of [
      ['own_age_bd', 'customers', 'age'],
      ['own_application_count', 'applications', 'application_count'],
      ['own_open_applications', 'applications', 'open_application_count'],
    ] as const) {
      const res = await risk.post('/api/v1/risk/indicators', {
        code,
        name: code,
        type: 'number',
        config: { kind: 'own', table, field },
      })
      expect(res.status, res.text).toBe(201)
    }
    await publishScene('own_data', [
      rule('age_seen', 'own_age_bd', 'lt', 0, 'reject'),
      rule('apps_seen', 'own_application_count', 'lt', 0, 'reject'),
      rule('open_seen', 'own_open_applications', 'lt', 0, 'reject'),
    ])
    const customerId = customers[0]!
    const [inst] = await sql1<{ id: string; d: string }>(
      sql`select i.id, b.business_date::text as d from institutions i join business_dates b on b.institution_id = i.id
        where i.code = 'huixin'`,
    )
    // five years after today's business date, the customer is five years older — whatever the server's calendar says
    const later = `${Number(inst!.d.slice(0, 4)) + 5}${inst!.d.slice(4)}`
    const [expected] = await sql1<{ age: number; apps: number }>(
      sql`select extract(year from age(${later}::date, c.birth_date))::int as age,
        (select count(*)::int from applications a where a.customer_id = c.id) as apps
        from customers c where c.id = ${customerId}::uuid`,
    )
    await sql1(sql`update business_dates set business_date = ${later}::date where institution_id = ${inst!.id}::uuid`)
    try {
      const result = await evaluate('own_data', { customerId, inputs: {} })
      expect(result.status, JSON.stringify(result.body)).toBe(200)
      const seen = Object.fromEntries(
        (await reportOf(result.body.reportId)).report.rules.map((r) => [
          r.code,
          r.expressions[0]!.indicators[0]!.value,
        ]),
      )
      expect(seen).toEqual({ age_seen: expected!.age, apps_seen: expected!.apps, open_seen: expect.any(Number) })
    } finally {
      await sql1(
        sql`update business_dates set business_date = ${inst!.d}::date where institution_id = ${inst!.id}::uuid`,
      )
    }
  })
})

describe('data sources', () => {
  it('a paid source is not called when an earlier rule rejects, and its answer is reused within the call cycle', async () => {
    await publishScene('paid_check', [
      rule('minor', 'age', 'lt', 18, 'reject'),
      rule('bureau_low', 'bureau_score', 'lt', 550, 'reject'),
    ])
    // the demo's own evaluations may have cached some customers' bureau answers: start this cycle empty
    await sql1(sql`delete from risk_source_cache where source = 'bureau'`)
    const before = bureauCalls()
    const rejected = await evaluate('paid_check', { customerId: customers[0], inputs: { age: 16 } })
    expect(rejected.body.decision).toBe('reject')
    expect(bureauCalls()).toBe(before)
    expect((await reportOf(rejected.body.reportId)).report.sourcesCalled.map((c) => c.source)).not.toContain('bureau')

    const first = await evaluate('paid_check', { customerId: customers[1], inputs: { age: 30 } })
    const second = await evaluate('paid_check', { customerId: customers[1], inputs: { age: 30 } })
    expect(bureauCalls()).toBe(before + 1)
    const calls = (await reportOf(second.body.reportId)).report.sourcesCalled.filter((c) => c.source === 'bureau')
    expect(calls).toMatchObject([{ cached: true, failed: false }])
    expect(first.body.decision).toBe(second.body.decision)
  })

  it('a source that answers 500, garbage or nothing falls back to manual review and the report says so', async () => {
    const sources = await risk.get<{ id: string; code: string }[]>('/api/v1/risk/data-sources')
    const bureau = sources.body.find((s) => s.code === 'bureau')!
    expect((await risk.patch(`/api/v1/risk/data-sources/${bureau.id}`, { timeoutMs: 300 })).status).toBe(200)
    for (const fail of ['500', 'garbage', 'timeout'] as const) {
      sim.set({ fail })
      const res = await evaluate('paid_check', { applicationId: randomUUID(), inputs: { age: 30 } })
      expect(res.status, res.text).toBe(200)
      expect(res.body.decision).toBe('manual')
      const call = (await reportOf(res.body.reportId)).report.sourcesCalled.find((c) => c.source === 'bureau')
      expect(call).toMatchObject({ failed: true, fallback: 'manual' })
    }
    sim.set({ fail: 'none' })
    const test = await risk.post<{ ok: boolean; values: Record<string, unknown> }>(
      `/api/v1/risk/data-sources/${bureau.id}/test`,
      {
        inputs: { id_number: '110101199003070011' },
      },
    )
    expect(test.body.ok).toBe(true)
    expect(test.body.values).toHaveProperty('bureau_score')
  })
})

describe('change safely', () => {
  it('a back-test replays stored evaluations and counts the changed decisions', async () => {
    const scenes = await risk.get<{ code: string; champion: { versionId: string } }[]>('/api/v1/risk/scenes')
    const champion = scenes.body.find((s) => s.code === 'pre_review')!.champion.versionId
    const base = await risk.get<Version & { rules: Record<string, unknown>[] }>(`/api/v1/risk/versions/${champion}`)
    const stricter = [rule('everyone_manual', 'age', 'gte', 0, 'manual'), ...base.body.rules]
    const draft = await risk.post<Version>('/api/v1/risk/scenes/pre_review/versions', { rules: stricter })
    expect(draft.status, draft.text).toBe(201)
    const diff = await risk.get<{ added: { code: string }[]; changed: unknown[] }>(
      `/api/v1/risk/versions/${draft.body.id}/diff`,
    )
    expect(diff.body.added.map((r) => r.code)).toEqual(['everyone_manual'])
    expect(diff.body.changed).toEqual([])

    const res = await risk.post<{
      evaluations: number
      transitions: Record<string, number>
      decisions: { before: Record<string, number> }
    }>(`/api/v1/risk/versions/${draft.body.id}/backtest`, { limit: 500 })
    expect(res.status, res.text).toBe(200)
    const stored = await sql1<{ decision: string; n: number }>(
      sql`select decision, count(*)::int as n from risk_reports r join institutions i on i.id = r.institution_id
        where i.code = 'huixin' and r.scene_code = 'pre_review' group by decision`,
    )
    expect(res.body.evaluations).toBe(stored.reduce((s, r) => s + r.n, 0))
    expect(Object.values(res.body.transitions).reduce((s, n) => s + n, 0)).toBe(res.body.evaluations)
    const passed = stored.find((r) => r.decision === 'pass')?.n ?? 0
    expect(res.body.transitions.pass_manual).toBe(passed)
    expect(res.body.transitions.reject_pass).toBe(0)
  })

  it('a challenger sees a stable share of customers; the champion decides', async () => {
    await publishScene('split', [rule('minor', 'age', 'lt', 18, 'reject')])
    await publishScene('split', [rule('everyone_manual', 'age', 'gte', 0, 'manual')], {
      target: 'challenger',
      challengerShare: 50,
    })
    for (const customerId of customers.slice(0, 12)) {
      const expected = challengerBucket(`customer:${customerId}`) < 50
      for (let round = 0; round < 2; round++) {
        const res = await evaluate('split', { customerId, inputs: { age: 30 } })
        expect(res.body.decision).toBe('pass')
        expect(res.body.challenger?.decision).toBe(expected ? 'manual' : undefined)
      }
    }
  })
})

describe('lists', () => {
  it('an import with a bad row writes nothing; listed values hit until they expire', async () => {
    const count = async () => (await risk.get<{ total: number }>('/api/v1/risk/lists')).body.total
    const before = await count()
    const bad = await risk.post<Problem>('/api/v1/risk/lists/import', {
      format: 'csv',
      content: 'listType,kind,value,reason,expiresAt\nblack,phone,13811112222,fraud,\nblack,phone,12345,typo,\n',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors!.map((e) => e.field)).toEqual(['body.rows.2.value'])
    expect(await count()).toBe(before)
    const good = await risk.post<{ imported: number }>('/api/v1/risk/lists/import', {
      format: 'json',
      content: JSON.stringify([
        { listType: 'black', kind: 'phone', value: '13811112222', reason: 'fraud' },
        { listType: 'black', kind: 'phone', value: '13811113333', reason: 'old case', expiresAt: '2001-01-01' },
      ]),
    })
    expect(good.body.imported).toBe(2)
    const listed = await risk.get<{ items: { valueMasked: string; active: boolean }[] }>(
      '/api/v1/risk/lists?value=13811113333',
    )
    expect(listed.body.items).toMatchObject([{ valueMasked: '138****3333', active: false }])

    await publishScene('list_check', [rule('blacklisted', 'blacklist_hit', 'eq', true, 'reject')])
    expect((await evaluate('list_check', { inputs: { phone: '13811112222' } })).body.decision).toBe('reject')
    expect((await evaluate('list_check', { inputs: { phone: '13811113333' } })).body.decision).toBe('pass')
    expect((await evaluate('list_check', { inputs: { phone: '13899990000' } })).body.decision).toBe('pass')
  })
})
