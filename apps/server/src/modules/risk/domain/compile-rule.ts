/**
 * Rules → runners. A runner evaluates every expression of its rule (the report shows each one) and
 * returns the rule code: outcome plus one bit per matched expression (see marks.ts). One closure per
 * mode × relation keeps the hot loop free of mode switches; single-expression result rules — most
 * rules — are handed to the evaluator as a bare predicate so that they cost one call.
 */
import { isLessAmount, type TAmountValue, toAmountValue } from './amounts.ts'
import { compileCondition, type TPredicate, type TSlotLookup, type TSlots } from './compile-condition.ts'
import { INLINE_MARKS, MANUAL, markBit, markExtra, PASS, REJECT } from './marks.ts'
import type { TDecision, TQuotaRule, TResultRule, TRule, TScoreRule } from './model.ts'

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

export type TCompiledRunner = {
  run: TRuleRunner
  /** for a one-expression result rule: its predicate, and the code to record when it matches */
  single: TPredicate | null
  hitCode: number
}

export function compileRunner(rule: TRule, lookup: TSlotLookup, layout: TRunnerLayout): TCompiledRunner {
  const predicates = rule.expressions.map((expression) => compileCondition(expression.condition, lookup))
  const [only] = predicates
  if (rule.mode === 'result' && predicates.length === 1 && only) {
    // With one expression both relations mean the same thing: its result if it matches, else pass.
    const hitCode = OUTCOME_CODES[rule.expressions[0]?.result ?? 'pass'] | markBit(0)
    return { run: (values) => (only(values) ? hitCode : PASS), single: only, hitCode }
  }
  const run =
    rule.mode === 'result'
      ? resultRunner(rule, predicates, layout)
      : rule.mode === 'score'
        ? scoreRunner(rule, predicates, layout)
        : quotaRunner(rule, predicates, layout)
  return { run, single: null, hitCode: 0 }
}

const bitsOf = (predicates: readonly TPredicate[]) => predicates.map((_, i) => (i < INLINE_MARKS ? markBit(i) : 0))

function resultRunner(rule: TResultRule, predicates: readonly TPredicate[], { extraBase }: TRunnerLayout): TRuleRunner {
  const outcomes = rule.expressions.map((expression) => OUTCOME_CODES[expression.result])
  const bits = bitsOf(predicates)
  const n = predicates.length
  if (rule.relation === 'all_pass') {
    // The most severe outcome; an expression that does not match raises no objection.
    return (values, state) => {
      let marks = 0
      let worst = PASS
      for (let i = 0; i < n; i++) {
        if (!(predicates[i] as TPredicate)(values)) continue
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
      if ((predicates[i] as TPredicate)(values)) {
        if (i < INLINE_MARKS) marks |= bits[i] as number
        else markExtra(state.marks, extraBase, i)
        outcome = outcomes[i] as number
      }
      if (outcome < mildest) mildest = outcome
    }
    return mildest | marks
  }
}

function scoreRunner(rule: TScoreRule, predicates: readonly TPredicate[], layout: TRunnerLayout): TRuleRunner {
  const scores = rule.expressions.map((expression) => expression.result)
  const thresholds = [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below)
  const belows = thresholds.map((t) => t.below)
  const thresholdOutcomes = thresholds.map((t) => OUTCOME_CODES[t.result])
  const bits = bitsOf(predicates)
  const relation = rule.relation
  const n = predicates.length
  const t = belows.length
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let total = 0
    let hits = 0
    for (let i = 0; i < n; i++) {
      if (!(predicates[i] as TPredicate)(values)) continue
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

function quotaRunner(rule: TQuotaRule, predicates: readonly TPredicate[], layout: TRunnerLayout): TRuleRunner {
  // Prepared once: the hot path compares ranks and hands out the prepared text.
  const amounts = rule.expressions.map((expression) => layout.amounts.get(expression.result) as TAmountValue)
  const bits = bitsOf(predicates)
  const relation = rule.relation
  const n = predicates.length
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let chosen: TAmountValue | null = null
    let sum: TAmountValue['value'] | null = null
    for (let i = 0; i < n; i++) {
      if (!(predicates[i] as TPredicate)(values)) continue
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
