import { describe, expect, it } from 'vitest'
import { is, resultRule } from './builders.ts'
import { compileRuleSet } from './compile.ts'
import { evaluate } from './evaluate.ts'
import type { TDataSourcePolicy, TRule } from './model.ts'
import type { IndicatorResolver } from './resolver.ts'
import { createMemoryAnswerCache, createSourceResolver, type DataSourceAdapter } from './source-resolver.ts'
import { ruleSetOf, testCatalog } from './test-catalog.ts'

const policy = (code: string, extra: Partial<TDataSourcePolicy> = {}): TDataSourcePolicy => ({
  code,
  costPerCall: '0.00',
  timeoutMs: 200,
  callCycle: { mode: 'every_time' },
  fallback: { mode: 'manual' },
  ...extra,
})

type Answer = Record<string, unknown> | (() => Promise<Record<string, unknown>>)

/** A source that answers from a table and counts the indicators it was asked for. */
function fakeSource(code: string, answer: Answer, extra: Partial<TDataSourcePolicy> = {}) {
  const asked: string[][] = []
  const adapter: DataSourceAdapter = {
    policy: policy(code, extra),
    fetch: async ({ indicators }) => {
      asked.push([...indicators])
      return typeof answer === 'function' ? answer() : answer
    },
  }
  return { adapter, asked }
}

const freeRule = resultRule({ code: 'minor', name: 'Under 18', when: [[is('num', 'lt', 18), 'reject']] })
const bureauRule = resultRule({ code: 'bureau', name: 'Low score', when: [[is('bureau_score', 'lt', 550), 'reject']] })
const inquiriesRule = resultRule({
  code: 'inq',
  name: 'Inquiries',
  when: [[is('bureau_inquiries', 'gt', 6), 'manual']],
})
const phoneRule = resultRule({ code: 'phone', name: 'Phone', when: [[is('phone_ok', 'eq', false), 'manual']] })

async function evaluateWith(rules: TRule[], input: Record<string, unknown>, sources: DataSourceAdapter[]) {
  const resolver = createSourceResolver({ catalog: testCatalog, sources })
  return evaluate(compileRuleSet(ruleSetOf(...rules), testCatalog), input, { resolver, context: { customerId: 'c1' } })
}

describe('lazy fetching', () => {
  it('does not buy bureau data for an applicant an earlier free rule rejected', async () => {
    const bureau = fakeSource('bureau', { bureau_score: 700 }, { costPerCall: '1.50' })
    const evaluation = await evaluateWith([freeRule, bureauRule], { num: 16 }, [bureau.adapter])
    expect(evaluation.decision).toBe('reject')
    expect(bureau.asked).toEqual([])
    expect(evaluation.sourcesCalled).toEqual([])
    expect(evaluation.toReport().dataCost).toBe('0.00')
  })

  it('buys it when the rule that needs it runs, and reports the call with its cost', async () => {
    const bureau = fakeSource('bureau', { bureau_score: 500, bureau_inquiries: 2 }, { costPerCall: '1.50' })
    const evaluation = await evaluateWith([freeRule, bureauRule], { num: 30 }, [bureau.adapter])
    expect(evaluation.decision).toBe('reject')
    expect(evaluation.sourcesCalled).toMatchObject([
      { source: 'bureau', indicators: ['bureau_score'], cost: '1.50', cached: false, failed: false, fallback: 'none' },
    ])
    expect(evaluation.trace[1]?.expressions[0]?.indicators).toEqual([
      { code: 'bureau_score', value: 500, origin: 'source' },
    ])
    expect(evaluation.toReport().dataCost).toBe('1.50')
  })

  it('calls a source once per evaluation, asking in that call for what later rules will need from it', async () => {
    const bureau = fakeSource('bureau', { bureau_score: 700, bureau_inquiries: 8 }, { costPerCall: '1.50' })
    const evaluation = await evaluateWith([bureauRule, freeRule, inquiriesRule], { num: 30 }, [bureau.adapter])
    expect(bureau.asked).toEqual([['bureau_score', 'bureau_inquiries']])
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.toReport().dataCost).toBe('1.50')
  })

  it('asks the resolver at most once per indicator, even when the answer lacks it', async () => {
    const requested: string[][] = []
    const resolver: IndicatorResolver = {
      resolve: async ({ codes }) => {
        requested.push([...codes])
        return { values: {}, calls: [] }
      },
    }
    const twice = resultRule({ code: 'again', name: 'again', when: [[is('bureau_score', 'gt', 1), 'manual']] })
    const compiled = compileRuleSet(ruleSetOf(bureauRule, twice), testCatalog)
    const evaluation = await evaluate(compiled, {}, { resolver })
    expect(requested).toEqual([['bureau_score']])
    expect(evaluation.decision).toBe('pass')
    expect(evaluation.trace[0]?.expressions[0]?.indicators).toEqual([
      { code: 'bureau_score', value: null, origin: 'unavailable' },
    ])
  })

  it('never re-fetches what the input already carried', async () => {
    const bureau = fakeSource('bureau', { bureau_score: 400 })
    const evaluation = await evaluateWith([bureauRule], { bureau_score: 700 }, [bureau.adapter])
    expect(bureau.asked).toEqual([])
    expect(evaluation.decision).toBe('pass')
  })

  it('calls the sources a rule needs together, one call each', async () => {
    const both = resultRule({
      code: 'both',
      name: 'both',
      when: [
        [is('bureau_score', 'lt', 550), 'reject'],
        [is('phone_ok', 'eq', false), 'manual'],
      ],
    })
    const bureau = fakeSource('bureau', { bureau_score: 600 })
    const telecom = fakeSource('telecom', { phone_ok: false })
    const evaluation = await evaluateWith([both], {}, [bureau.adapter, telecom.adapter])
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.sourcesCalled.map((c) => c.source).sort()).toEqual(['bureau', 'telecom'])
  })

  it('resolves the inputs of a derived indicator before the indicator itself', async () => {
    const order: string[] = []
    const resolver: IndicatorResolver = {
      resolve: async ({ codes, known }) => {
        order.push(codes.join(','))
        if (codes.includes('ip')) return { values: { ip: '10.0.0.1' }, calls: [] }
        return { values: { ip_count: known.ip === '10.0.0.1' ? 12 : 0 }, calls: [] }
      },
    }
    const velocity = resultRule({ code: 'v', name: 'v', when: [[is('ip_count', 'gte', 10), 'reject']] })
    const evaluation = await evaluate(compileRuleSet(ruleSetOf(velocity), testCatalog), {}, { resolver })
    expect(order).toEqual(['ip', 'ip_count'])
    expect(evaluation.decision).toBe('reject')
  })
})

describe('when a source fails', () => {
  it('manual fallback: the indicators are unavailable, the decision is at least manual and the report says so', async () => {
    const bureau = fakeSource('bureau', async () => {
      throw new Error('HTTP 500')
    })
    const evaluation = await evaluateWith([bureauRule], {}, [bureau.adapter])
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.fallbackToManual).toBe(true)
    expect(evaluation.sourcesCalled).toMatchObject([
      { source: 'bureau', failed: true, error: 'HTTP 500', fallback: 'manual', cost: '0.00' },
    ])
    expect(evaluation.trace[0]?.expressions[0]?.indicators).toEqual([
      { code: 'bureau_score', value: null, origin: 'unavailable' },
    ])
    expect(evaluation.toReport().fallbackToManual).toBe(true)
  })

  it('manual fallback never softens a reject', async () => {
    const bureau = fakeSource('bureau', async () => {
      throw new Error('down')
    })
    const evaluation = await evaluateWith([bureauRule, freeRule], { num: 16 }, [bureau.adapter])
    expect(evaluation.decision).toBe('reject')
  })

  it('default fallback: the configured values are used and marked as defaults', async () => {
    const telecom = fakeSource('telecom', async () => new Promise(() => {}), {
      timeoutMs: 20,
      fallback: { mode: 'default', values: { phone_ok: false } },
    })
    const evaluation = await evaluateWith([phoneRule], {}, [telecom.adapter])
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.fallbackToManual).toBe(false)
    expect(evaluation.sourcesCalled[0]).toMatchObject({ failed: true, fallback: 'default' })
    expect(evaluation.sourcesCalled[0]?.error).toMatch(/timed out/)
    expect(evaluation.trace[0]?.expressions[0]?.indicators).toEqual([
      { code: 'phone_ok', value: false, origin: 'default' },
    ])
  })

  it('an answer of the wrong shape or type counts as a failure', async () => {
    for (const garbage of [{ bureau_score: 'seven hundred' }, 'not json', null]) {
      const bureau = fakeSource('bureau', async () => garbage as Record<string, unknown>)
      const evaluation = await evaluateWith([bureauRule], {}, [bureau.adapter])
      expect(evaluation.sourcesCalled[0]).toMatchObject({ failed: true, fallback: 'manual' })
      expect(evaluation.decision).toBe('manual')
    }
  })

  it('a field the source does not return is "no value", not a failure', async () => {
    const bureau = fakeSource('bureau', {})
    const evaluation = await evaluateWith([bureauRule], {}, [bureau.adapter])
    expect(evaluation.sourcesCalled[0]).toMatchObject({ failed: false })
    expect(evaluation.decision).toBe('pass')
  })

  it('an indicator whose source has no adapter falls back to manual review', async () => {
    const evaluation = await evaluateWith([bureauRule], {}, [])
    expect(evaluation.sourcesCalled[0]).toMatchObject({ source: 'bureau', failed: true, fallback: 'manual' })
    expect(evaluation.decision).toBe('manual')
  })

  it('a resolver that throws does not fail the evaluation', async () => {
    const resolver: IndicatorResolver = {
      resolve: async () => {
        throw new Error('database gone')
      },
    }
    const evaluation = await evaluate(compileRuleSet(ruleSetOf(bureauRule), testCatalog), {}, { resolver })
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.sourcesCalled[0]).toMatchObject({ failed: true, error: 'database gone', fallback: 'manual' })
  })
})

describe('call cycle', () => {
  it('reuses the last answer for the same customer within the cycle, at no cost', async () => {
    const cache = createMemoryAnswerCache()
    let now = Date.UTC(2026, 0, 1)
    const bureau = fakeSource(
      'bureau',
      { bureau_score: 700, bureau_inquiries: 1 },
      {
        costPerCall: '1.50',
        callCycle: { mode: 'reuse', days: 30 },
      },
    )
    const resolver = createSourceResolver({ catalog: testCatalog, sources: [bureau.adapter], cache, now: () => now })
    const compiled = compileRuleSet(ruleSetOf(bureauRule), testCatalog)
    const context = { customerId: 'c1' }
    const first = await evaluate(compiled, {}, { resolver, context })
    now += 29 * 86_400_000
    const second = await evaluate(compiled, {}, { resolver, context })
    now += 2 * 86_400_000
    const third = await evaluate(compiled, {}, { resolver, context })
    const other = await evaluate(compiled, {}, { resolver, context: { customerId: 'c2' } })
    expect(bureau.asked.length).toBe(3)
    expect([first, second, third, other].map((e) => e.sourcesCalled[0]?.cached)).toEqual([false, true, false, false])
    expect(second.toReport().dataCost).toBe('0.00')
  })
})
