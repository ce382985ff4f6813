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
  const [first] = expressions
  if (rule.mode === 'result' && expressions.length === 1 && first) {
    // With one expression both relations mean the same thing: its result if it matches, else pass.
    const hitCode = OUTCOME_CODES[rule.expressions[0]?.result ?? 'pass'] | markBit(0)
    const { predicate } = first
    return { run: (values) => (predicate(values) ? hitCode : PASS), single: predicate, test: first, hitCode }
  }
  const run =
    rule.mode === 'result'
      ? resultRunner(rule, expressions, layout)
      : rule.mode === 'score'
        ? scoreRunner(rule, expressions, layout)
        : quotaRunner(rule, expressions, layout)
  return { run, single: null, test: CALL, hitCode: 0 }
}

// Relations as numbers: comparing a captured string in the hot loop calls into V8's string equality.
const SUM = 0
const MAX = 1
const MIN = 2
const RELATIONS = { sum: SUM, max: MAX, min: MIN } as const

/** Per expression, what the runner loop reads: its inline test, its closure as fallback, its mark bit. */
type TExpressionPlan = {
  readonly op: number
  readonly slot: number
  readonly a: unknown
  readonly b: unknown
  readonly predicate: TPredicate
  readonly bit: number
}

function compileExpressions(rule: TRule, lookup: TSlotLookup): TExpressionPlan[] {
  return rule.expressions.map(({ condition }, i) => {
    const { op, slot, a, b } = leafTestOf(condition, lookup)
    const predicate = compileCondition(condition, lookup)
    return { op, slot, a, b, predicate, bit: i < INLINE_MARKS ? markBit(i) : 0 }
  })
}

function resultRunner(rule: TResultRule, plans: readonly TExpressionPlan[], { extraBase }: TRunnerLayout): TRuleRunner {
  const outcomes = rule.expressions.map((expression) => OUTCOME_CODES[expression.result])
  const n = plans.length
  if (rule.relation === 'all_pass') {
    // The most severe outcome; an expression that does not match raises no objection.
    return (values, state) => {
      let marks = 0
      let worst = PASS
      for (let i = 0; i < n; i++) {
        const plan = plans[i] as TExpressionPlan
        if (!matches(plan, values)) continue
        if (i < INLINE_MARKS) marks |= plan.bit
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
      const plan = plans[i] as TExpressionPlan
      if (matches(plan, values)) {
        if (i < INLINE_MARKS) marks |= plan.bit
        else markExtra(state.marks, extraBase, i)
        outcome = outcomes[i] as number
      }
      if (outcome < mildest) mildest = outcome
    }
    return mildest | marks
  }
}

function scoreRunner(rule: TScoreRule, plans: readonly TExpressionPlan[], layout: TRunnerLayout): TRuleRunner {
  const scores = rule.expressions.map((expression) => expression.result)
  const thresholds = [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below)
  const belows = thresholds.map((t) => t.below)
  const thresholdOutcomes = thresholds.map((t) => OUTCOME_CODES[t.result])
  const n = plans.length
  const relation = RELATIONS[rule.relation]
  const t = belows.length
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let total = 0
    let hits = 0
    for (let i = 0; i < n; i++) {
      const plan = plans[i] as TExpressionPlan
      if (!matches(plan, values)) continue
      if (i < INLINE_MARKS) marks |= plan.bit
      else markExtra(state.marks, extraBase, i)
      const score = scores[i] as number
      if (hits === 0) total = score
      else if (relation === SUM) total += score
      else if (relation === MAX ? score > total : score < total) total = score
      hits++
    }
    state.scores[resultIndex] = total
    state.scoreTotal += total
    state.scoreRulesRun++
    for (let i = 0; i < t; i++) if (total < (belows[i] as number)) return (thresholdOutcomes[i] as number) | marks
    return PASS | marks
  }
}

function quotaRunner(rule: TQuotaRule, plans: readonly TExpressionPlan[], layout: TRunnerLayout): TRuleRunner {
  // Prepared once: the hot path compares ranks and hands out the prepared text.
  const amounts = rule.expressions.map((expression) => layout.amounts.get(expression.result) as TAmountValue)
  const n = plans.length
  const relation = RELATIONS[rule.relation]
  const { extraBase, resultIndex } = layout
  return (values, state) => {
    let marks = 0
    let chosen: TAmountValue | null = null
    let sum: TAmountValue['value'] | null = null
    for (let i = 0; i < n; i++) {
      const plan = plans[i] as TExpressionPlan
      if (!matches(plan, values)) continue
      if (i < INLINE_MARKS) marks |= plan.bit
      else markExtra(state.marks, extraBase, i)
      const amount = amounts[i] as TAmountValue
      if (relation === SUM) sum = sum === null ? amount.value : sum.plus(amount.value)
      else if (chosen === null) chosen = amount
      else if (relation === MAX ? isLessAmount(chosen, amount) : isLessAmount(amount, chosen)) chosen = amount
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
function matches(plan: TExpressionPlan, values: TSlots): boolean {
  const op = plan.op
  return op === OP_CALL ? plan.predicate(values) : testLeaf(op, values[plan.slot], plan.a, plan.b)
}
