import { describe, expect, it } from 'vitest'
import { all, any, is, quotaRule, resultRule, scoreRule } from './builders.ts'
import { compileRuleSet } from './compile.ts'
import { type TCondition, type TConditionLeaf, ZRuleSet } from './model.ts'
import { RuleSetInvalidError } from './problems.ts'
import { indicator, ruleSetOf, testCatalog } from './test-catalog.ts'
import { detectDerivedCycles, validateIndicatorCatalog, validateRuleSet } from './validate.ts'

const problemsOf = (condition: TCondition) =>
  validateRuleSet(ruleSetOf(resultRule({ code: 'r', name: 'r', when: [[condition, 'reject']] })), testCatalog)
const at = ['rules', 0, 'expressions', 0, 'condition']

describe('validateRuleSet', () => {
  it('accepts a well-formed rule set', () => {
    expect(problemsOf(all(is('num', 'gt', 1), any(is('text', 'eq', 'x'), is('kind', 'eq', 'a'))))).toEqual([])
  })

  it('reports an unknown indicator at its field', () => {
    expect(problemsOf(is('salary', 'gt', 1))).toEqual([
      { path: [...at, 'indicator'], code: 'indicator_unknown', params: { indicator: 'salary' } },
    ])
  })

  it('reports a disabled indicator, except in a disabled rule', () => {
    expect(problemsOf(is('retired', 'gt', 1)).map((p) => p.code)).toEqual(['indicator_disabled'])
    const dormant = resultRule({ code: 'r', name: 'r', enabled: false, when: [[is('retired', 'gt', 1), 'reject']] })
    expect(validateRuleSet(ruleSetOf(dormant), testCatalog)).toEqual([])
  })

  it('reports a number indicator compared with text, and the other way round', () => {
    expect(problemsOf(is('num', 'gt', '18'))).toEqual([
      {
        path: [...at, 'value'],
        code: 'value_type_mismatch',
        params: { indicator: 'num', expected: 'number', actual: 'string' },
      },
    ])
    expect(problemsOf(is('text', 'eq', 5)).map((p) => p.code)).toEqual(['value_type_mismatch'])
    expect(problemsOf(is('flag', 'eq', 'true')).map((p) => p.code)).toEqual(['value_type_mismatch'])
    expect(problemsOf(is('day', 'lt', '2024-02-30')).map((p) => p.code)).toEqual(['value_type_mismatch'])
  })

  it('reports an operator that does not fit the type (contains only on text and lists, order only on numbers and dates)', () => {
    expect(problemsOf(is('num', 'contains', 1))).toEqual([
      {
        path: [...at, 'operator'],
        code: 'operator_not_allowed',
        params: { indicator: 'num', operator: 'contains', type: 'number' },
      },
    ])
    expect(problemsOf(is('text', 'lt', 'b')).map((p) => p.code)).toEqual(['operator_not_allowed'])
    expect(problemsOf(is('flag', 'gt', true)).map((p) => p.code)).toEqual(['operator_not_allowed'])
    expect(problemsOf(is('tags', 'contains', 'x'))).toEqual([])
    expect(problemsOf(is('text', 'contains', 'x'))).toEqual([])
  })

  it('reports a between whose values are out of order or of the wrong type', () => {
    const between = (values: unknown[]) => ({ indicator: 'num', operator: 'between', values }) as TConditionLeaf
    expect(problemsOf(between([22, 18]))).toEqual([
      { path: [...at, 'values'], code: 'between_unordered', params: { low: '22', high: '18' } },
    ])
    expect(problemsOf(between([18, 18]))).toEqual([])
    expect(problemsOf(between([18, '22'])).map((p) => [p.code, p.path.at(-1)])).toEqual([['value_type_mismatch', 1]])
  })

  it('reports an empty list for in / not in and each bad element', () => {
    expect(problemsOf({ indicator: 'num', operator: 'in', values: [] })).toEqual([
      { path: [...at, 'values'], code: 'values_empty', params: {} },
    ])
    const mixed = problemsOf({ indicator: 'num', operator: 'not_in', values: [1, 'two', 3] })
    expect(mixed.map((p) => [p.code, p.path.at(-1)])).toEqual([['value_type_mismatch', 1]])
  })

  it('reports an enum value that is not one of the indicator values', () => {
    expect(problemsOf(is('kind', 'eq', 'z'))).toEqual([
      { path: [...at, 'value'], code: 'enum_value_unknown', params: { indicator: 'kind', value: 'z' } },
    ])
    expect(problemsOf({ indicator: 'kind', operator: 'in', values: ['a', 'q'] }).map((p) => p.code)).toEqual([
      'enum_value_unknown',
    ])
  })

  it('reports an empty group, however deep', () => {
    expect(problemsOf(all())).toEqual([{ path: [...at, 'items'], code: 'group_empty', params: {} }])
    expect(problemsOf(all(is('num', 'gt', 1), any())).map((p) => p.path)).toEqual([[...at, 'items', 1, 'items']])
  })

  it('reports nesting deeper than the builder allows', () => {
    let deep: TCondition = is('num', 'gt', 1)
    for (let i = 0; i < 10; i++) deep = all(deep)
    expect(problemsOf(deep).map((p) => p.code)).toEqual(['group_too_deep'])
  })

  it('reports a rule without expressions', () => {
    const empty = resultRule({ code: 'r', name: 'r', when: [] })
    expect(validateRuleSet(ruleSetOf(empty), testCatalog)).toEqual([
      { path: ['rules', 0, 'expressions'], code: 'expressions_empty', params: {} },
    ])
  })

  it('reports a quota below zero', () => {
    const quota = quotaRule({ code: 'q', name: 'q', when: [[is('num', 'gt', 0), '-100.00']] })
    expect(validateRuleSet(ruleSetOf(quota), testCatalog)).toEqual([
      { path: ['rules', 0, 'expressions', 0, 'result'], code: 'quota_negative', params: { amount: '-100.00' } },
    ])
  })

  it('reports score thresholds that are not in ascending order', () => {
    const score = scoreRule({
      code: 's',
      name: 's',
      when: [[is('num', 'gt', 0), 1]],
      thresholds: [
        { below: 600, result: 'manual' },
        { below: 500, result: 'reject' },
      ],
    })
    expect(validateRuleSet(ruleSetOf(score), testCatalog).map((p) => p.code)).toEqual(['thresholds_not_ascending'])
  })

  it('reports duplicate rule codes and ids', () => {
    const rule = resultRule({ code: 'r', name: 'r', when: [[is('num', 'gt', 0), 'reject']] })
    expect(validateRuleSet(ruleSetOf(rule, rule), testCatalog).map((p) => p.code)).toEqual([
      'rule_id_duplicate',
      'rule_code_duplicate',
    ])
  })

  it('compileRuleSet refuses an invalid rule set with every problem listed as a field error', () => {
    const bad = ruleSetOf(resultRule({ code: 'r', name: 'r', when: [[is('salary', 'gt', '1'), 'reject']] }))
    try {
      compileRuleSet(bad, testCatalog)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetInvalidError)
      expect((error as RuleSetInvalidError).status).toBe(400)
      expect((error as RuleSetInvalidError).fields).toEqual([
        {
          field: 'body.rules.0.expressions.0.condition.indicator',
          key: 'risk.problem.indicator_unknown',
          params: { indicator: 'salary' },
        },
      ])
    }
  })
})

describe('the schema rejects malformed documents before validation', () => {
  const base = { id: 'rs', scene: 'pre_review', name: 'n', version: 1 }
  const rule = (expression: object) => ({
    id: 'r',
    code: 'r',
    name: 'r',
    version: 1,
    enabled: true,
    mode: 'quota',
    relation: 'max',
    expressions: [expression],
  })

  it('an amount with more than two decimals, a between with one value, a code with capitals', () => {
    const condition = { indicator: 'num', operator: 'gt', value: 1 }
    expect(ZRuleSet.safeParse({ ...base, rules: [rule({ condition, result: '1.005' })] }).success).toBe(false)
    expect(ZRuleSet.safeParse({ ...base, rules: [rule({ condition, result: '1.05' })] }).success).toBe(true)
    const between = { indicator: 'num', operator: 'between', values: [1] }
    expect(ZRuleSet.safeParse({ ...base, rules: [rule({ condition: between, result: '1' })] }).success).toBe(false)
    expect(ZRuleSet.safeParse({ ...base, scene: 'PreReview', rules: [] }).success).toBe(false)
    expect(ZRuleSet.safeParse({ ...base, scene: 'constructor', rules: [] }).success).toBe(false)
  })
})

describe('derived indicators', () => {
  it('detectDerivedCycles finds every cycle once, including self-dependencies', () => {
    const cycles = detectDerivedCycles([
      { code: 'a', dependsOn: ['b'] },
      { code: 'b', dependsOn: ['c', 'x'] },
      { code: 'c', dependsOn: ['a'] },
      { code: 's', dependsOn: ['s'] },
      { code: 'ok', dependsOn: ['x'] },
    ])
    expect(cycles).toEqual([
      ['a', 'b', 'c', 'a'],
      ['s', 's'],
    ])
    expect(detectDerivedCycles([{ code: 'a', dependsOn: ['b'] }, { code: 'b' }])).toEqual([])
  })

  it('the catalog check reports cycles, unknown dependencies and dependencies on non-derived indicators', () => {
    const catalog = [
      indicator('a', 'number', { sourceKind: 'derived', dependsOn: ['b'] }),
      indicator('b', 'number', { sourceKind: 'derived', dependsOn: ['a', 'ghost'] }),
      indicator('c', 'number', { dependsOn: ['a'] }),
      indicator('e', 'enum'),
    ]
    expect(validateIndicatorCatalog(catalog).map((p) => [p.code, p.path])).toEqual([
      ['dependency_unknown', ['indicators', 1, 'dependsOn', 1]],
      ['depends_on_not_derived', ['indicators', 2, 'dependsOn']],
      ['enum_values_missing', ['indicators', 3, 'enumValues']],
      ['derived_cycle', ['indicators', 0, 'dependsOn']],
    ])
  })

  it('a rule set over a cyclic derived indicator does not compile', () => {
    const catalog = [
      indicator('a', 'number', { sourceKind: 'derived', dependsOn: ['b'] }),
      indicator('b', 'number', { sourceKind: 'derived', dependsOn: ['a'] }),
    ]
    const rules = ruleSetOf(resultRule({ code: 'r', name: 'r', when: [[is('a', 'gt', 1), 'reject']] }))
    expect(() => compileRuleSet(rules, catalog)).toThrow(RuleSetInvalidError)
  })
})
