import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRuleSet } from './compile.ts'
import { evaluate, evaluateSync } from './evaluate.ts'
import type { TCondition, TConditionLeaf, TIndicatorType, TOperator, TRule, TRuleSet, TScalar } from './model.ts'
import { OPERATORS_BY_TYPE } from './operators.ts'
import { interpret } from './reference-interpreter.ts'
import type { IndicatorResolver } from './resolver.ts'
import { indicator } from './test-catalog.ts'

// Small value domains, so that random literals and random inputs actually meet.
const catalog = [
  indicator('n1', 'number'),
  indicator('n2', 'number'),
  indicator('s', 'string'),
  indicator('b', 'boolean'),
  indicator('d', 'date'),
  indicator('e', 'enum', { enumValues: ['x', 'y', 'z'] }),
  indicator('l', 'string_list'),
]
const literal: Record<TIndicatorType, fc.Arbitrary<TScalar>> = {
  number: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 1.5)),
  string: fc.constantFrom('', 'a', 'ab', 'b'),
  boolean: fc.boolean(),
  date: fc.constantFrom('2024-01-01', '2024-02-29', '2024-03-01'),
  enum: fc.constantFrom('x', 'y', 'z'),
  string_list: fc.constantFrom('a', 'b', 'c'),
}
const inputValue: Record<TIndicatorType, fc.Arbitrary<unknown>> = {
  ...literal,
  enum: fc.constantFrom('', 'x', 'y', 'z'),
  string_list: fc.subarray(['a', 'b', 'c']),
}
const typeOf = new Map(catalog.map((i) => [i.code, i.type]))

const leafArbitrary: fc.Arbitrary<TConditionLeaf> = fc.constantFrom(...catalog.map((i) => i.code)).chain((code) => {
  const type = typeOf.get(code) as TIndicatorType
  return fc.constantFrom(...OPERATORS_BY_TYPE[type]).chain((operator: TOperator) => {
    const value = literal[type]
    if (operator === 'is_empty') return fc.constant({ indicator: code, operator } as TConditionLeaf)
    if (operator === 'between') {
      return fc.tuple(value, value).map(([a, b]) => {
        const values = (a as number) <= (b as number) ? [a, b] : [b, a]
        return { indicator: code, operator, values } as TConditionLeaf
      })
    }
    if (operator === 'in' || operator === 'not_in') {
      return fc.array(value, { minLength: 1, maxLength: 12 }).map((values) => ({ indicator: code, operator, values }))
    }
    return value.map((v) => ({ indicator: code, operator, value: v }) as TConditionLeaf)
  })
})

/** `x >= a and x < b` and friends on one indicator — the shape the compiler tests inline as a range. */
const rangeArbitrary: fc.Arbitrary<TCondition> = fc
  .tuple(fc.constantFrom('n1', 'd'), fc.constantFrom('gt', 'gte'), fc.constantFrom('lt', 'lte'), fc.boolean())
  .chain(([code, low, high, flipped]) =>
    fc.tuple(literal[typeOf.get(code) as TIndicatorType], literal[typeOf.get(code) as TIndicatorType]).map(([a, b]) => {
      const items = [
        { indicator: code, operator: low, value: a },
        { indicator: code, operator: high, value: b },
      ] as TConditionLeaf[]
      return { op: 'and' as const, items: flipped ? items.reverse() : items }
    }),
  )

const conditionArbitrary: fc.Arbitrary<TCondition> = fc.letrec<{ condition: TCondition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArbitrary,
    rangeArbitrary,
    fc.record({
      op: fc.constantFrom('and' as const, 'or' as const),
      items: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).condition

const header = (i: number, enabled: boolean) => ({ id: `r${i}`, code: `r${i}`, name: `r${i}`, version: 1, enabled })
const expressions = <T>(result: fc.Arbitrary<T>) =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc.array(fc.record({ condition: conditionArbitrary, result }), { minLength: 1, maxLength: 4 }),
    },
    // Past 28 expressions a rule's marks spill into extra words; keep that path in the property too.
    {
      weight: 1,
      arbitrary: fc.array(fc.record({ condition: leafArbitrary, result }), { minLength: 29, maxLength: 60 }),
    },
  )

const ruleArbitrary = (i: number): fc.Arbitrary<TRule> =>
  fc
    .tuple(fc.constantFrom('result', 'score', 'quota'), fc.boolean(), fc.integer({ min: 0, max: 9 }))
    .chain(([mode, any, on]) => {
      const base = header(i, on > 0)
      if (mode === 'result') {
        return expressions(fc.constantFrom('pass' as const, 'manual' as const, 'reject' as const)).map(
          (list): TRule => ({ ...base, mode, relation: any ? 'any_pass' : 'all_pass', expressions: list }),
        )
      }
      const relation = fc.constantFrom('max' as const, 'min' as const, 'sum' as const)
      if (mode === 'score') {
        const thresholds = fc.uniqueArray(fc.integer({ min: -20, max: 120 }), { maxLength: 2 }).chain((belows) =>
          fc.tuple(
            ...[...belows]
              .sort((a, b) => a - b)
              .map((below) =>
                fc.record({
                  below: fc.constant(below),
                  result: fc.constantFrom('reject' as const, 'manual' as const),
                }),
              ),
          ),
        )
        return fc
          .tuple(relation, expressions(fc.integer({ min: -10, max: 60 })), thresholds)
          .map(([rel, list, t]): TRule => ({ ...base, mode, relation: rel, expressions: list, thresholds: t }))
      }
      // '100' and '100.00' are the same amount written twice: ranking must treat them as equal.
      const amount = fc.constantFrom('0.00', '99.99', '100', '100.00', '1500.50', '20000.00')
      return fc
        .tuple(relation, expressions(amount))
        .map(([rel, list]): TRule => ({ ...base, mode, relation: rel, expressions: list }))
    })

const ruleSetArbitrary: fc.Arbitrary<TRuleSet> = fc
  .integer({ min: 1, max: 8 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => ruleArbitrary(i))))
  .map((rules) => ({ id: 'p', scene: 'pre_review', name: 'p', version: 1, rules }))

const inputArbitrary = fc.record(
  Object.fromEntries(catalog.map((i) => [i.code, fc.option(inputValue[i.type], { freq: 5 })])) as Record<
    string,
    fc.Arbitrary<unknown>
  >,
)

describe('compiled evaluation matches the reference interpreter', () => {
  it('on random rule sets and random applicants: decision, score, amount and every rule and expression', () => {
    fc.assert(
      fc.property(ruleSetArbitrary, fc.array(inputArbitrary, { minLength: 1, maxLength: 5 }), (ruleSet, inputs) => {
        const compiled = compileRuleSet(ruleSet, catalog)
        for (const input of inputs) {
          const expected = interpret(ruleSet, catalog, input)
          const actual = evaluateSync(compiled, input)
          expect({ decision: actual.decision, score: actual.score, amount: actual.amount }).toEqual({
            decision: expected.decision,
            score: expected.score,
            amount: expected.amount,
          })
          const traced = actual.trace.map((rule) => ({
            result: rule.result,
            skipped: rule.skipped,
            matched: rule.expressions.map((e) => e.matched),
            ...(rule.score !== undefined ? { score: rule.score } : {}),
            ...(rule.amount !== undefined ? { amount: rule.amount } : {}),
          }))
          expect(traced).toEqual(expected.rules)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('fetching lazily gives the same result as having everything, and never asks twice or needlessly', async () => {
    await fc.assert(
      fc.asyncProperty(
        ruleSetArbitrary,
        inputArbitrary,
        fc.subarray(catalog.map((i) => i.code)),
        async (ruleSet, input, withheld) => {
          const compiled = compileRuleSet(ruleSet, catalog)
          const asked: string[] = []
          const resolver: IndicatorResolver = {
            resolve: async ({ codes }) => {
              asked.push(...codes)
              return { values: Object.fromEntries(codes.map((code) => [code, input[code]])), calls: [] }
            },
          }
          const partial = Object.fromEntries(Object.entries(input).filter(([code]) => !withheld.includes(code)))
          const lazy = await evaluate(compiled, partial, { resolver })
          const eager = evaluateSync(compiled, input)
          expect([lazy.decision, lazy.score, lazy.amount]).toEqual([eager.decision, eager.score, eager.amount])
          expect(new Set(asked).size).toBe(asked.length)
          const needed = new Set(
            compiled.rules.slice(0, eager.rulesRun).flatMap((r) => r.needs.map((s) => compiled.slotCodes[s])),
          )
          for (const code of asked) expect(needed.has(code)).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
