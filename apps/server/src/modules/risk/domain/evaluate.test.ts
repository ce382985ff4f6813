import { describe, expect, it } from 'vitest'
import { all, any, between, is, quotaRule, resultRule, scoreRule } from './builders.ts'
import { compileRuleSet } from './compile.ts'
import { evaluateSync } from './evaluate.ts'
import type { TRule } from './model.ts'
import { MissingIndicatorsError, RiskInputError } from './problems.ts'
import { ruleSetOf, testCatalog } from './test-catalog.ts'

const run = (rules: TRule[], input: Record<string, unknown>) =>
  evaluateSync(compileRuleSet(ruleSetOf(...rules), testCatalog), input)

describe('condition groups', () => {
  const rule = (condition: Parameters<typeof resultRule>[0]['when'][0][0]) =>
    resultRule({ code: 'g', name: 'g', when: [[condition, 'reject']] })

  it('and needs every item, or needs one, and groups nest', () => {
    const nested = all(is('num', 'gt', 10), any(is('text', 'eq', 'x'), is('flag', 'eq', true)))
    expect(run([rule(nested)], { num: 11, text: 'y', flag: true }).decision).toBe('reject')
    expect(run([rule(nested)], { num: 11, text: 'y', flag: false }).decision).toBe('pass')
    expect(run([rule(nested)], { num: 10, text: 'x', flag: true }).decision).toBe('pass')
  })

  it('a group of three or more items is evaluated item by item', () => {
    const three = all(is('num', 'gt', 1), is('num', 'lt', 9), is('num2', 'eq', 0))
    expect(run([rule(three)], { num: 5, num2: 0 }).decision).toBe('reject')
    expect(run([rule(three)], { num: 5, num2: 1 }).decision).toBe('pass')
    const either = any(is('num', 'eq', 1), is('num', 'eq', 2), is('num', 'eq', 3))
    expect(run([rule(either)], { num: 3 }).decision).toBe('reject')
  })

  it('a range written as two bounds on one indicator keeps exclusive and inclusive ends', () => {
    const halfOpen = all(is('num', 'gte', 10), is('num', 'lt', 20))
    expect(run([rule(halfOpen)], { num: 10 }).decision).toBe('reject')
    expect(run([rule(halfOpen)], { num: 20 }).decision).toBe('pass')
    const open = all(is('num', 'lte', 20), is('num', 'gt', 10))
    expect(run([rule(open)], { num: 10 }).decision).toBe('pass')
    expect(run([rule(open)], { num: 20 }).decision).toBe('reject')
  })
})

describe('result mode', () => {
  const expressions: [ReturnType<typeof is>, 'reject' | 'manual'][] = [
    [is('num', 'gt', 100), 'reject'],
    [is('num2', 'gt', 100), 'manual'],
  ]
  const allPass = resultRule({ code: 'r', name: 'r', relation: 'all_pass', when: expressions })
  const anyPass = resultRule({ code: 'r', name: 'r', relation: 'any_pass', when: expressions })

  it('all_pass passes only when no expression objects, else takes the most severe result', () => {
    expect(run([allPass], { num: 0, num2: 0 }).decision).toBe('pass')
    expect(run([allPass], { num: 0, num2: 101 }).decision).toBe('manual')
    expect(run([allPass], { num: 101, num2: 101 }).decision).toBe('reject')
  })

  it('any_pass passes when one expression passes, else takes the mildest result', () => {
    expect(run([anyPass], { num: 101, num2: 0 }).decision).toBe('pass')
    expect(run([anyPass], { num: 101, num2: 101 }).decision).toBe('manual')
  })
})

describe('score mode', () => {
  const bins: [ReturnType<typeof is>, number][] = [
    [is('num', 'gte', 0), 300],
    [between('num', 10, 20), 50],
    [is('num2', 'gt', 0), 80],
  ]
  const thresholds = [
    { below: 400, result: 'reject' as const },
    { below: 430, result: 'manual' as const },
  ]
  const score = (relation: 'sum' | 'max' | 'min') =>
    scoreRule({ code: 's', name: 's', relation, when: bins, thresholds })

  it('sums, takes the max or the min of the matching expressions', () => {
    expect(run([score('sum')], { num: 15, num2: 1 }).score).toBe(430)
    expect(run([score('max')], { num: 15, num2: 1 }).score).toBe(300)
    expect(run([score('min')], { num: 15, num2: 1 }).score).toBe(50)
  })

  it('thresholds turn the score into a decision, first match in ascending order', () => {
    expect(run([score('sum')], { num: 15, num2: 0 }).decision).toBe('reject') // 350
    expect(run([score('sum')], { num: 5, num2: 1 }).decision).toBe('reject') // 380
    expect(run([score('sum')], { num: 15, num2: 1 }).decision).toBe('pass') // 430
    const lenient = scoreRule({ code: 's', name: 's', when: bins, thresholds: [{ below: 400, result: 'manual' }] })
    expect(run([lenient], { num: 15, num2: 0 }).decision).toBe('manual')
  })

  it('a score rule where nothing matches scores 0; the final score sums the score rules that ran', () => {
    const other = scoreRule({ code: 't', name: 't', when: [[is('flag', 'eq', true), 25]] })
    const evaluation = run([score('sum'), other], { num: 15, num2: 1, flag: false })
    expect(evaluation.trace.map((r) => r.score)).toEqual([430, 0])
    expect(evaluation.score).toBe(430)
  })

  it('the score is null when no score rule ran', () => {
    const rejectFirst = resultRule({ code: 'r', name: 'r', when: [[is('num', 'lt', 0), 'reject']] })
    expect(run([rejectFirst, score('sum')], { num: -1, num2: 0 }).score).toBeNull()
    expect(run([rejectFirst], { num: 1, num2: 0 }).score).toBeNull()
  })
})

describe('quota mode', () => {
  const tiers: [ReturnType<typeof is>, string][] = [
    [is('num', 'gte', 700), '30000.00'],
    [is('num', 'gte', 600), '15000.5'],
    [is('num2', 'gte', 0), '5000.00'],
  ]
  const quota = (relation: 'max' | 'min' | 'sum') => quotaRule({ code: 'q', name: 'q', relation, when: tiers })

  it('takes the max, the min or the exact sum of the matching amounts', () => {
    expect(run([quota('max')], { num: 750, num2: 1 }).amount).toBe('30000.00')
    expect(run([quota('min')], { num: 750, num2: 1 }).amount).toBe('5000.00')
    expect(run([quota('sum')], { num: 750, num2: 1 }).amount).toBe('50000.50')
    expect(run([quota('sum')], { num: 650, num2: -1 }).amount).toBe('15000.50')
  })

  it('sums amounts without float drift', () => {
    const cents = quotaRule({
      code: 'q',
      name: 'q',
      relation: 'sum',
      when: [
        [is('num', 'gte', 0), '0.10'],
        [is('num', 'gte', 0), '0.20'],
      ],
    })
    expect(run([cents], { num: 1 }).amount).toBe('0.30')
  })

  it('the credit line is the smallest amount among quota rules; none matching gives no line', () => {
    const cap = quotaRule({ code: 'cap', name: 'cap', relation: 'min', when: [[is('num2', 'lt', 5), '8000.00']] })
    expect(run([quota('max'), cap], { num: 750, num2: 1 }).amount).toBe('8000.00')
    expect(run([quota('max'), cap], { num: 750, num2: 9 }).amount).toBe('30000.00')
    expect(run([cap], { num: 0, num2: 9 }).amount).toBeNull()
  })

  it('a rejected applicant has no credit line', () => {
    const reject = resultRule({ code: 'r', name: 'r', when: [[is('num', 'gte', 700), 'reject']] })
    expect(run([quota('max'), reject], { num: 750, num2: 1 }).amount).toBeNull()
  })
})

describe('ordering, short-circuit and the trace', () => {
  const rules = [
    resultRule({ code: 'young', name: 'Under 22', when: [[is('num', 'lt', 22), 'manual']] }),
    resultRule({ code: 'minor', name: 'Under 18', when: [[is('num', 'lt', 18), 'reject']] }),
    scoreRule({ code: 'card', name: 'Card', when: [[is('num2', 'gt', 0), 10]] }),
  ]

  it('the first reject stops the run and later rules are recorded as skipped', () => {
    const evaluation = run(rules, { num: 17, num2: 1 })
    expect(evaluation.decision).toBe('reject')
    expect(evaluation.trace.map((r) => [r.code, r.result, r.skipped])).toEqual([
      ['young', 'manual', false],
      ['minor', 'reject', false],
      ['card', null, true],
    ])
  })

  it('manual does not stop the run; any manual without a reject makes the decision manual', () => {
    const evaluation = run(rules, { num: 20, num2: 1 })
    expect(evaluation.decision).toBe('manual')
    expect(evaluation.rulesRun).toBe(3)
    expect(evaluation.score).toBe(10)
  })

  it('records each expression with its result and the indicator values it saw', () => {
    const rule = resultRule({
      code: 'mix',
      name: 'Mix',
      when: [
        [all(is('num', 'gt', 1), is('text', 'eq', 'x')), 'reject'],
        [is('flag', 'eq', true), 'manual'],
      ],
    })
    const [trace] = run([rule], { num: 5, text: 'y', flag: true }).trace
    expect(trace).toMatchObject({
      id: 'mix',
      code: 'mix',
      version: 1,
      mode: 'result',
      result: 'manual',
      skipped: false,
    })
    expect(trace?.expressions).toEqual([
      {
        matched: false,
        result: 'pass',
        indicators: [
          { code: 'num', value: 5, origin: 'input' },
          { code: 'text', value: 'y', origin: 'input' },
        ],
      },
      { matched: true, result: 'manual', indicators: [{ code: 'flag', value: true, origin: 'input' }] },
    ])
  })

  it('records every expression of a rule with more expressions than fit in one mark word', () => {
    const when: [ReturnType<typeof is>, number][] = Array.from({ length: 70 }, (_, i) => [is('num', 'gte', i), 1])
    const evaluation = run([scoreRule({ code: 'big', name: 'big', when })], { num: 40 })
    expect(evaluation.score).toBe(41)
    const matched = evaluation.trace[0]?.expressions.map((e) => e.matched)
    expect(matched).toEqual(Array.from({ length: 70 }, (_, i) => i <= 40))
  })

  it('disabled rules do not run and do not appear in the trace', () => {
    const disabled = resultRule({ code: 'off', name: 'off', enabled: false, when: [[is('num', 'gte', 0), 'reject']] })
    const evaluation = run([disabled, ...rules], { num: 30, num2: 0 })
    expect(evaluation.decision).toBe('pass')
    expect(evaluation.trace.map((r) => r.code)).toEqual(['young', 'minor', 'card'])
  })

  it('the report carries the rule set, the decision and a zero data cost when nothing was bought', () => {
    const report = run(rules, { num: 30, num2: 1 }).toReport()
    expect(report).toMatchObject({
      ruleSet: { id: 'rs', scene: 'pre_review', version: 1 },
      decision: 'pass',
      score: 10,
      amount: null,
      sourcesCalled: [],
      dataCost: '0.00',
    })
    expect(JSON.parse(JSON.stringify(run(rules, { num: 30, num2: 1 })))).toEqual(report)
  })
})

describe('inputs', () => {
  const rule = resultRule({ code: 'r', name: 'r', when: [[is('num', 'gt', 1), 'reject']] })

  it('rejects values of the wrong type, naming each indicator', () => {
    const error = (() => {
      try {
        run([rule, resultRule({ code: 'k', name: 'k', when: [[is('kind', 'eq', 'a'), 'manual']] })], {
          num: '5',
          kind: 'z',
        })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(RiskInputError)
    expect((error as RiskInputError).problems.map((p) => [p.code, p.params.indicator])).toEqual([
      ['input_type_mismatch', 'num'],
      ['input_type_mismatch', 'kind'],
    ])
  })

  it('rejects non-finite numbers', () => {
    expect(() => run([rule], { num: Number.NaN })).toThrow(RiskInputError)
    expect(() => run([rule], { num: Number.POSITIVE_INFINITY })).toThrow(RiskInputError)
  })

  it('the synchronous path names the indicators a running rule lacks', () => {
    expect(() => run([rule], {})).toThrow(MissingIndicatorsError)
    try {
      run([rule], { other: 1 })
    } catch (e) {
      expect((e as MissingIndicatorsError).indicators).toEqual(['num'])
    }
  })

  it('a value missing only for a rule that never runs is not needed', () => {
    const stop = resultRule({ code: 'stop', name: 'stop', when: [[is('num', 'gt', 1), 'reject']] })
    const later = resultRule({ code: 'later', name: 'later', when: [[is('num2', 'gt', 1), 'reject']] })
    expect(run([stop, later], { num: 5 }).decision).toBe('reject')
  })

  it('reads inputs whose keys come in any order', () => {
    const compiled = compileRuleSet(ruleSetOf(rule), testCatalog)
    expect(evaluateSync(compiled, { extra: 1, num: 5 }).decision).toBe('reject')
    expect(evaluateSync(compiled, { num: 0, extra: 1 }).decision).toBe('pass')
    expect(evaluateSync(compiled, { a: 1, b: 2, num: 5 }).decision).toBe('reject')
    expect(evaluateSync(compiled, { num: 5 }).decision).toBe('reject')
  })
})
