/**
 * Rules → runners. A runner evaluates every expression of its rule (the report shows each one) and
 * returns the rule code: outcome plus one bit per matched expression (see marks.ts). One closure per
 * mode × relation keeps the hot loop free of mode switches; single-expression result rules — most
 * rules — are handed to the evaluator as a bare predicate so that they cost one call.
 */
import { isLessAmount, type TAmountValue, toAmountValue } from './amounts.ts'
import { compileCondition, type TPredicate, type TSlotLookup, type TSlots } from './compile-condition.ts'
import { CALL, leafTestOf, OP_CALL, type TLeafTest, testLeaf } from './leaf-test.ts'
import { INLINE_MARKS, MANUAL, markBit, markExtra, PASS, REJECT } from './marks.ts'
import type { TCondition, TDecision, TQuotaRule, TResultRule, TRule, TScoreRule } from './model.ts'

export const OUTCOME_CODES: Readonly<Record<TDecision, number>> = { pass: PASS, manual: MANUAL, reject: REJECT }
export const OUTCOME_NAMES: readonly TDecision[] = ['pass', 'manual', 'reject']

/** The part of an evaluation a runner writes to besides its return value. */
export type TRunState = {
  /** rule codes, then the extra mark words of rules with many expressions */
  readonly marks: number[]
  /** one score per score rule */
  readonly scores: number[]
  /** one amount (or null: no expression matched) per quota rule */
  readonly quotas: (TAmountValue | null)[]
  scoreTotal: number
  scoreRulesRun: number
  amountLowest: TAmountValue | null
}

/** Returns the rule code: outcome in the low bits, expression marks above. */
export type TRuleRunner = (values: TSlots, state: TRunState) => number

export type TRunnerLayout = {
  /** index in marks of the rule's extra mark words (only used past INLINE_MARKS expressions) */
  extraBase: number
  /** index in scores or quotas for score and quota rules */
  resultIndex: number
  /** every amount literal of the rule set, ranked */
  amounts: ReadonlyMap<string, TAmountValue>
}

/**
 * A one-expression result rule — most rules — is not given a runner to call: the evaluator tests its
 * condition inline (`test`) or calls its predicate (`single`) and records `hitCode` when it matches.
 */
export type TCompiledRunner = {
  run: TRuleRunner
  single: TPredicate | null
  test: TLeafTest
  hitCode: number
}

export function compileRunner(rule: TRule, lookup: TSlotLookup, layout: TRunnerLayout): TCompiledRunner {
  const expressions = compileExpressions(rule, lookup)
  const only = expressions.predicates[0]
  if (rule.mode === 'result' && rule.expressions.length === 1 && only) {
    // With one expression both relations mean the same thing: its result if it matches, else pass.
    const hitCode = OUTCOME_CODES[rule.expressions[0]?.result ?? 'pass'] | markBit(0)
    const test = leafTestOf(rule.expressions[0]?.condition as TCondition, lookup)
    return { run: (values) => (only(values) ? hitCode : PASS), single: only, test, hitCode }
  }
  const run =
    rule.mode === 'result'
      ? resultRunner(rule, expressions, layout)
      : rule.mode === 'score'
        ? scoreRunner(rule, expressions, layout)
        : quotaRunner(rule, expressions, layout)
  return { run, single: null, test: CALL, hitCode: 0 }
}

/** Per expression: its inline test (parallel arrays, read in the loop) and its closure as fallback. */
type TExpressions = {
  n: number
  ops: readonly number[]
  slots: readonly number[]
  as: readonly unknown[]
  bs: readonly unknown[]
  predicates: readonly TPredicate[]
  bits: readonly number[]
}

function compileExpressions(rule: TRule, lookup: TSlotLookup): TExpressions {
  const conditions = rule.expressions.map((expression) => expression.condition)
  const tests = conditions.map((condition) => leafTestOf(condition, lookup))
  return {
    n: conditions.length,
    ops: tests.map((t) => t.op),
    slots: tests.map((t) => t.slot),
    as: tests.map((t) => t.a),
    bs: tests.map((t) => t.b),
    predicates: conditions.map((condition) => compileCondition(condition, lookup)),
    bits: conditions.map((_, i) => (i < INLINE_MARKS ? markBit(i) : 0)),
  }
}

function resultRunner(rule: TResultRule, x: TExpressions, { extraBase }: TRunnerLayout): TRuleRunner {
  const outcomes = rule.expressions.map((expression) => OUTCOME_CODES[expression.result])
  const { n, ops, slots, as, bs, predicates, bits } = x
  if (rule.relation === 'all_pass') {
    // The most severe outcome; an expression that does not match raises no objection.
    return (values, state) => {
      let marks = 0
      let worst = PASS
      for (let i = 0; i < n; i++) {
        if (!matches(i, values, ops, slots, as, bs, predicates)) continue
        if (i < INLINE_MARKS) marks |= bits[i] as number
        else markExtra(state.marks, extraBase, i)
        const outcome = outcomes[i] as number
        if (outcome > worst) worst = outcome
      }
      return worst | marks
    }
  }
  // any_pass: the mildest outcome — pass as soon as one expression does not object.
  return (values, state) => {
    let marks = 0
    let mildest = n === 0 ? PASS : REJECT
    for (let i = 0; i < n; i++) {
      let outcome = PASS
      if (matches(i, values, ops, slots, as, bs, predicates)) {
        if (i < INLINE_MARKS) marks |= bits[i] as number
        else markExtra(state.marks, extraBase, i)
        outcome = outcomes[i] as number
      }
      if (outcome < mildest) mildest = outcome
    }
    return mildest | marks
  }
}

function scoreRunner(rule: TScoreRule, x: TExpressions, layout: TRunnerLayout): TRuleRunner {
  const scores = rule.expressions.map((expression) => expression.result)
  const thresholds = [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below)
  const belows = thresholds.map((t) => t.below)
  const thresholdOutcomes = thresholds.map((t) => OUTCOME_CODES[t.result])
  const { n, ops, slots, as, bs, predicates, bits } = x
  const relation = rule.relation
  const t = belows.length
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let total = 0
    let hits = 0
    for (let i = 0; i < n; i++) {
      if (!matches(i, values, ops, slots, as, bs, predicates)) continue
      if (i < INLINE_MARKS) marks |= bits[i] as number
      else markExtra(state.marks, extraBase, i)
      const score = scores[i] as number
      if (hits === 0) total = score
      else if (relation === 'sum') total += score
      else if (relation === 'max' ? score > total : score < total) total = score
      hits++
    }
    state.scores[resultIndex] = total
    state.scoreTotal += total
    state.scoreRulesRun++
    for (let i = 0; i < t; i++) if (total < (belows[i] as number)) return (thresholdOutcomes[i] as number) | marks
    return PASS | marks
  }
}

function quotaRunner(rule: TQuotaRule, x: TExpressions, layout: TRunnerLayout): TRuleRunner {
  // Prepared once: the hot path compares ranks and hands out the prepared text.
  const amounts = rule.expressions.map((expression) => layout.amounts.get(expression.result) as TAmountValue)
  const { n, ops, slots, as, bs, predicates, bits } = x
  const relation = rule.relation
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let chosen: TAmountValue | null = null
    let sum: TAmountValue['value'] | null = null
    for (let i = 0; i < n; i++) {
      if (!matches(i, values, ops, slots, as, bs, predicates)) continue
      if (i < INLINE_MARKS) marks |= bits[i] as number
      else markExtra(state.marks, extraBase, i)
      const amount = amounts[i] as TAmountValue
      if (relation === 'sum') sum = sum === null ? amount.value : sum.plus(amount.value)
      else if (chosen === null) chosen = amount
      else if (relation === 'max' ? isLessAmount(chosen, amount) : isLessAmount(amount, chosen)) chosen = amount
    }
    const result = sum === null ? chosen : toAmountValue(sum)
    state.quotas[resultIndex] = result
    if (result !== null && (state.amountLowest === null || isLessAmount(result, state.amountLowest))) {
      state.amountLowest = result
    }
    return PASS | marks
  }
}

/** Small enough for V8 to inline into every runner loop. */
function matches(
  i: number,
  values: TSlots,
  ops: readonly number[],
  slots: readonly number[],
  as: readonly unknown[],
  bs: readonly unknown[],
  predicates: readonly TPredicate[],
): boolean {
  const op = ops[i] as number
  return op === OP_CALL ? (predicates[i] as TPredicate)(values) : testLeaf(op, values[slots[i] as number], as[i], bs[i])
}
