import { describe, expect, it } from 'vitest'
import { any, is, isEmpty, resultRule } from './builders.ts'
import { compileRuleSet } from './compile.ts'
import { evaluateSync } from './evaluate.ts'
import type { TCondition, TConditionLeaf } from './model.ts'
import { ruleSetOf, testCatalog } from './test-catalog.ts'

/**
 * A condition is evaluated three ways by the engine: tested inline as a rule's only expression,
 * through a runner as one of several expressions, and as a closure inside a group. All three must
 * agree; `matches` returns their common answer and fails the test if they differ.
 */
function matches(condition: TCondition, input: Record<string, unknown>): boolean {
  const never = is('num2', 'eq', -424242)
  const rules = [
    resultRule({ code: 'inline', name: 'inline', when: [[condition, 'manual']] }),
    resultRule({
      code: 'runner',
      name: 'runner',
      when: [
        [never, 'manual'],
        [condition, 'manual'],
      ],
    }),
    resultRule({ code: 'closure', name: 'closure', when: [[any(never, condition), 'manual']] }),
  ]
  const answers = rules.map((rule) => {
    const compiled = compileRuleSet(ruleSetOf(rule), testCatalog)
    return evaluateSync(compiled, { num2: 0, ...input }).decision === 'manual'
  })
  expect(new Set(answers).size, `paths disagree: ${answers}`).toBe(1)
  return answers[0] as boolean
}

const leaf = (indicator: string, operator: TConditionLeaf['operator'], operand?: unknown): TConditionLeaf => {
  if (operator === 'is_empty') return { indicator, operator }
  if (operator === 'between' || operator === 'in' || operator === 'not_in') {
    return { indicator, operator, values: operand } as TConditionLeaf
  }
  return { indicator, operator, value: operand } as TConditionLeaf
}

describe('comparison operators on numbers', () => {
  const cases: [TConditionLeaf['operator'], unknown, number, boolean][] = [
    ['eq', 5, 5, true],
    ['eq', 5, 6, false],
    ['ne', 5, 6, true],
    ['ne', 5, 5, false],
    ['lt', 18, 17, true],
    ['lt', 18, 18, false],
    ['lte', 18, 18, true],
    ['lte', 18, 19, false],
    ['gt', 60, 61, true],
    ['gt', 60, 60, false],
    ['gte', 0.5, 0.5, true],
    ['gte', 0.5, 0.49, false],
    ['between', [18, 22], 18, true],
    ['between', [18, 22], 22, true],
    ['between', [18, 22], 22.01, false],
    ['between', [18, 22], 17, false],
    ['in', [1, 2, 3], 2, true],
    ['in', [1, 2, 3], 4, false],
    ['not_in', [1, 2, 3], 4, true],
    ['not_in', [1, 2, 3], 3, false],
  ]
  it.each(cases)('%s %j against %d → %s', (operator, operand, value, expected) => {
    expect(matches(leaf('num', operator, operand), { num: value })).toBe(expected)
  })

  it('in and not in with a long list (set lookup) behave like a short one', () => {
    const long = Array.from({ length: 20 }, (_, i) => i * 10)
    expect(matches(leaf('num', 'in', long), { num: 190 })).toBe(true)
    expect(matches(leaf('num', 'in', long), { num: 191 })).toBe(false)
    expect(matches(leaf('num', 'not_in', long), { num: 191 })).toBe(true)
    expect(matches(leaf('num', 'not_in', long), { num: null })).toBe(false)
  })
})

describe('a missing value (null) matches only is_empty', () => {
  const operators: [TConditionLeaf['operator'], unknown][] = [
    ['eq', 0],
    ['ne', 0],
    ['lt', 1000],
    ['lte', 1000],
    ['gt', -1000],
    ['gte', -1000],
    ['between', [-1000, 1000]],
    ['in', [0, 1]],
    ['not_in', [0, 1]],
  ]
  it.each(operators)('%s does not match null', (operator, operand) => {
    expect(matches(leaf('num', operator, operand), { num: null })).toBe(false)
  })

  it('is_empty matches null, empty text and an empty list, and nothing else', () => {
    expect(matches(isEmpty('num'), { num: null })).toBe(true)
    expect(matches(isEmpty('num'), { num: 0 })).toBe(false)
    expect(matches(isEmpty('text'), { text: null })).toBe(true)
    expect(matches(isEmpty('text'), { text: '' })).toBe(true)
    expect(matches(isEmpty('text'), { text: ' ' })).toBe(false)
    expect(matches(isEmpty('kind'), { kind: '' })).toBe(true)
    expect(matches(isEmpty('kind'), { kind: 'a' })).toBe(false)
    expect(matches(isEmpty('tags'), { tags: [] })).toBe(true)
    expect(matches(isEmpty('tags'), { tags: null })).toBe(true)
    expect(matches(isEmpty('tags'), { tags: ['x'] })).toBe(false)
    expect(matches(isEmpty('flag'), { flag: false })).toBe(false)
    expect(matches(isEmpty('day'), { day: null })).toBe(true)
  })
})

describe('text, enum, boolean, date and list operators', () => {
  it('contains is a substring test on text and a membership test on a list', () => {
    expect(matches(is('text', 'contains', 'bank'), { text: 'central bank of x' })).toBe(true)
    expect(matches(is('text', 'contains', 'Bank'), { text: 'central bank of x' })).toBe(false)
    expect(matches(is('tags', 'contains', 'grey'), { tags: ['black', 'grey'] })).toBe(true)
    expect(matches(is('tags', 'contains', 'gre'), { tags: ['black', 'grey'] })).toBe(false)
    expect(matches(is('text', 'contains', 'x'), { text: null })).toBe(false)
  })

  it('text and enum compare exactly', () => {
    expect(matches(is('text', 'eq', 'GD'), { text: 'GD' })).toBe(true)
    expect(matches(is('text', 'ne', 'GD'), { text: 'gd' })).toBe(true)
    expect(matches(leaf('kind', 'in', ['a', 'b']), { kind: 'b' })).toBe(true)
    expect(matches(leaf('kind', 'not_in', ['a', 'b']), { kind: 'c' })).toBe(true)
  })

  it('booleans match only the same boolean', () => {
    expect(matches(is('flag', 'eq', true), { flag: true })).toBe(true)
    expect(matches(is('flag', 'eq', true), { flag: false })).toBe(false)
    expect(matches(is('flag', 'ne', true), { flag: false })).toBe(true)
    expect(matches(is('flag', 'eq', false), { flag: null })).toBe(false)
  })

  it('dates order by the calendar', () => {
    expect(matches(is('day', 'lt', '2024-03-01'), { day: '2024-02-29' })).toBe(true)
    expect(matches(is('day', 'gte', '2024-03-01'), { day: '2024-02-29' })).toBe(false)
    expect(matches(leaf('day', 'between', ['2024-01-01', '2024-12-31']), { day: '2024-12-31' })).toBe(true)
    expect(matches(leaf('day', 'between', ['2024-01-01', '2024-12-31']), { day: '2025-01-01' })).toBe(false)
  })
})
