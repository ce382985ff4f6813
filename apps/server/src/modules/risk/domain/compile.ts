/**
 * Compiles a rule set once (at publish) into closures and a slot layout. Evaluations then run the
 * closures over a flat array of indicator values: no lookups by name, no parsing of literals, no
 * decimal parsing in the hot path.
 */

import { rankAmounts } from './amounts.ts'
import type { TPredicate } from './compile-condition.ts'
import { collectIndicators, type TSlotLookup } from './compile-condition.ts'
import { compileRunner, type TRuleRunner } from './compile-rule.ts'
import { extraWords } from './marks.ts'
import type { TIndicatorDefinition, TRule, TRuleSet } from './model.ts'
import { compileValueCheck, type TValueCheck, valueKind } from './operators.ts'
import { problem, RuleSetInvalidError, type TProblem } from './problems.ts'
import { detectDerivedCycles, validateRuleSet } from './validate.ts'

export type TCompiledRule = {
  readonly rule: TRule
  readonly run: TRuleRunner
  /** one-expression result rules: tested inline (test) or by one call (single); hitCode on a match */
  readonly single: TPredicate | null
  readonly hitCode: number
  /** the inline test of a one-expression rule, flattened (see leaf-test.ts); op is OP_CALL otherwise */
  readonly op: number
  readonly slot: number
  readonly a: unknown
  readonly b: unknown
  /** slots the rule's conditions read — what must be known before it runs */
  readonly needs: readonly number[]
  /** index in the evaluation's marks of the rule's extra mark words (rules with many expressions) */
  readonly extraBase: number
  /** per expression, the slots it reads (what the report lists as "values seen") */
  readonly expressionSlots: readonly (readonly number[])[]
  /** index in scores (score rule) or quotas (quota rule); -1 for result rules */
  readonly resultIndex: number
}

export type TCompiledRuleSet = {
  readonly ruleSet: Readonly<Pick<TRuleSet, 'id' | 'scene' | 'name' | 'version'>>
  /** slot → indicator; rule-referenced indicators first, then the dependencies of derived ones */
  readonly indicators: readonly TIndicatorDefinition[]
  readonly slotCodes: readonly string[]
  readonly slotOf: ReadonlyMap<string, number>
  readonly valueChecks: readonly TValueCheck[]
  /** per slot, the kind `loadInput` checks inline (operators.ts VALUE_*) */
  readonly valueKinds: readonly number[]
  /** per slot, the slots it depends on (transitively, dependencies first) */
  readonly dependencies: readonly (readonly number[])[]
  /** per slot: 0 when it depends on nothing, else 1 + the deepest dependency */
  readonly depth: readonly number[]
  /** the key order of the last input seen, and the slot of each key (-1: not an indicator) */
  readonly inputLayout: { keys: string[]; slots: number[] }
  /** enabled rules in run order */
  readonly rules: readonly TCompiledRule[]
  readonly markCount: number
  readonly scoreRuleCount: number
  readonly quotaRuleCount: number
}

/** Validates and compiles; throws `RuleSetInvalidError` listing every problem. */
export function compileRuleSet(source: TRuleSet, catalog: readonly TIndicatorDefinition[]): TCompiledRuleSet {
  // A private copy: editing the draft after publishing must not change what reports say ran.
  const ruleSet = structuredClone(source)
  const problems = validateRuleSet(ruleSet, catalog)
  if (problems.length > 0) throw new RuleSetInvalidError(problems)

  const byCode = new Map(catalog.map((indicator) => [indicator.code, indicator]))
  const rules = ruleSet.rules.filter((rule) => rule.enabled)
  const referenced = rules.flatMap((rule) => rule.expressions.flatMap((e) => collectIndicators(e.condition)))
  const { codes, problems: dependencyProblems } = withDependencies(referenced, byCode)
  if (dependencyProblems.length > 0) throw new RuleSetInvalidError(dependencyProblems)

  const indicators = codes.map((code) => byCode.get(code) as TIndicatorDefinition)
  const slotOf = new Map(codes.map((code, slot) => [code, slot]))
  const lookup: TSlotLookup = (code) => ({
    slot: slotOf.get(code) as number,
    indicator: byCode.get(code) as TIndicatorDefinition,
  })
  const dependencies = indicators.map((indicator) => transitiveDependencies(indicator, byCode).map(slotAt(slotOf)))
  const depth = indicators.map((_, slot) => depthOf(slot, indicators, slotOf))

  const amounts = rankAmounts(
    rules.flatMap((rule) => (rule.mode === 'quota' ? rule.expressions.map((e) => e.result) : [])),
  )
  let extraBase = rules.length
  let scoreRuleCount = 0
  let quotaRuleCount = 0
  const compiled = rules.map((rule): TCompiledRule => {
    const resultIndex = rule.mode === 'score' ? scoreRuleCount++ : rule.mode === 'quota' ? quotaRuleCount++ : -1
    const expressionSlots = rule.expressions.map((e) => collectIndicators(e.condition).map(slotAt(slotOf)))
    const { run, single, hitCode, test } = compileRunner(rule, lookup, { extraBase, resultIndex, amounts })
    const entry: TCompiledRule = {
      rule,
      run,
      single,
      hitCode,
      op: test.op,
      slot: test.slot,
      a: test.a,
      b: test.b,
      needs: [...new Set(expressionSlots.flat())],
      extraBase,
      expressionSlots,
      resultIndex,
    }
    extraBase += extraWords(rule.expressions.length)
    return entry
  })

  return {
    ruleSet: { id: ruleSet.id, scene: ruleSet.scene, name: ruleSet.name, version: ruleSet.version },
    indicators,
    slotCodes: codes,
    slotOf,
    valueChecks: indicators.map(compileValueCheck),
    valueKinds: indicators.map((indicator) => valueKind(indicator.type)),
    inputLayout: { keys: [], slots: [] },
    dependencies,
    depth,
    rules: compiled,
    markCount: extraBase,
    scoreRuleCount,
    quotaRuleCount,
  }
}

const slotAt = (slotOf: ReadonlyMap<string, number>) => (code: string) => slotOf.get(code) as number

/**
 * The referenced codes followed by every indicator a derived one needs, so that the async path can
 * resolve dependencies before the indicators computed from them.
 */
function withDependencies(referenced: readonly string[], byCode: ReadonlyMap<string, TIndicatorDefinition>) {
  const codes = [...new Set(referenced)]
  const problems: TProblem[] = []
  for (let i = 0; i < codes.length; i++) {
    const indicator = byCode.get(codes[i] as string) as TIndicatorDefinition
    for (const dependency of indicator.dependsOn ?? []) {
      if (!byCode.has(dependency)) {
        problems.push(
          problem(['indicators', indicator.code, 'dependsOn'], 'dependency_unknown', {
            indicator: indicator.code,
            dependency,
          }),
        )
      } else if (!codes.includes(dependency)) {
        codes.push(dependency)
      }
    }
  }
  const derived = codes
    .map((code) => byCode.get(code))
    .filter((i) => i?.sourceKind === 'derived') as TIndicatorDefinition[]
  for (const cycle of detectDerivedCycles(derived)) {
    problems.push(
      problem(['indicators', cycle[0] as string, 'dependsOn'], 'derived_cycle', { cycle: cycle.join(' → ') }),
    )
  }
  return { codes, problems }
}

function transitiveDependencies(indicator: TIndicatorDefinition, byCode: ReadonlyMap<string, TIndicatorDefinition>) {
  const ordered: string[] = []
  const visit = (code: string) => {
    for (const dependency of byCode.get(code)?.dependsOn ?? []) {
      if (ordered.includes(dependency)) continue
      visit(dependency)
      ordered.push(dependency)
    }
  }
  visit(indicator.code)
  return ordered
}

function depthOf(
  slot: number,
  indicators: readonly TIndicatorDefinition[],
  slotOf: ReadonlyMap<string, number>,
): number {
  const dependsOn = indicators[slot]?.dependsOn ?? []
  let deepest = -1
  for (const code of dependsOn) deepest = Math.max(deepest, depthOf(slotOf.get(code) as number, indicators, slotOf))
  return deepest + 1
}
