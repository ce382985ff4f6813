/**
 * Rules → runners. A runner evaluates every expression of its rule (the report shows each one), writes
 * the expression marks into the evaluation's trace arrays and returns the rule's outcome code. One
 * closure per mode × relation keeps the hot loop free of mode switches.
 */
import { type Decimal, formatAmount, parseAmount } from '../../../platform/money.ts'
import { compileCondition, type TPredicate, type TSlotLookup, type TSlots } from './compile-condition.ts'
import type { TDecision, TQuotaRule, TResultRule, TRule, TScoreRule } from './model.ts'

// Ordered by severity, so that "most severe" is `max` and "mildest" is `min`.
export const PASS = 0
export const MANUAL = 1
export const REJECT = 2
export const OUTCOME_CODES: Readonly<Record<TDecision, number>> = { pass: PASS, manual: MANUAL, reject: REJECT }
export const OUTCOME_NAMES: readonly TDecision[] = ['pass', 'manual', 'reject']

/** An amount kept both as a Decimal (to compare and add exactly) and as its canonical text (to report). */
export type TAmountValue = { readonly value: Decimal; readonly text: string }

export const toAmountValue = (value: Decimal): TAmountValue => ({ value, text: formatAmount(value) })

/** The part of an evaluation a runner writes to. */
export type TRunState = {
  /** rule outcomes first, then one 0/1 mark per expression */
  readonly marks: number[]
  /** one score per score rule */
  readonly scores: number[]
  /** one amount (or null: no expression matched) per quota rule */
  readonly quotas: (TAmountValue | null)[]
  scoreTotal: number
  scoreRulesRun: number
  amountLowest: TAmountValue | null
}

export type TRuleRunner = (values: TSlots, state: TRunState) => number

export type TRunnerLayout = {
  /** index in `marks` of the rule's first expression */
  markBase: number
  /** index in `scores` or `quotas` for score and quota rules */
  resultIndex: number
}

export function compileRunner(rule: TRule, lookup: TSlotLookup, layout: TRunnerLayout): TRuleRunner {
  const predicates = rule.expressions.map((expression) => compileCondition(expression.condition, lookup))
  switch (rule.mode) {
    case 'result':
      return resultRunner(rule, predicates, layout.markBase)
    case 'score':
      return scoreRunner(rule, predicates, layout)
    case 'quota':
      return quotaRunner(rule, predicates, layout)
  }
}

function resultRunner(rule: TResultRule, predicates: readonly TPredicate[], base: number): TRuleRunner {
  const outcomes = rule.expressions.map((expression) => OUTCOME_CODES[expression.result])
  const n = predicates.length
  if (rule.relation === 'all_pass') {
    // The most severe outcome; an expression that does not match raises no objection.
    return (values, state) => {
      const marks = state.marks
      let worst = PASS
      for (let i = 0; i < n; i++) {
        if ((predicates[i] as TPredicate)(values)) {
          marks[base + i] = 1
          const outcome = outcomes[i] as number
          if (outcome > worst) worst = outcome
        } else {
          marks[base + i] = 0
        }
      }
      return worst
    }
  }
  // any_pass: the mildest outcome, i.e. pass as soon as one expression passes.
  return (values, state) => {
    const marks = state.marks
    let mildest = REJECT
    for (let i = 0; i < n; i++) {
      let outcome = PASS
      if ((predicates[i] as TPredicate)(values)) {
        marks[base + i] = 1
        outcome = outcomes[i] as number
      } else {
        marks[base + i] = 0
      }
      if (outcome < mildest) mildest = outcome
    }
    return n === 0 ? PASS : mildest
  }
}

function scoreRunner(rule: TScoreRule, predicates: readonly TPredicate[], layout: TRunnerLayout): TRuleRunner {
  const scores = rule.expressions.map((expression) => expression.result)
  const thresholds = [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below)
  const belows = thresholds.map((t) => t.below)
  const thresholdOutcomes = thresholds.map((t) => OUTCOME_CODES[t.result])
  const relation = rule.relation
  const n = predicates.length
  const t = belows.length
  const { markBase: base, resultIndex } = layout
  return (values, state) => {
    const marks = state.marks
    let total = 0
    let hits = 0
    for (let i = 0; i < n; i++) {
      if (!(predicates[i] as TPredicate)(values)) {
        marks[base + i] = 0
        continue
      }
      marks[base + i] = 1
      const score = scores[i] as number
      if (hits === 0 || relation === 'sum') total = hits === 0 ? score : total + score
      else if (relation === 'max' ? score > total : score < total) total = score
      hits++
    }
    state.scores[resultIndex] = total
    state.scoreTotal += total
    state.scoreRulesRun++
    for (let i = 0; i < t; i++) if (total < (belows[i] as number)) return thresholdOutcomes[i] as number
    return PASS
  }
}

function quotaRunner(rule: TQuotaRule, predicates: readonly TPredicate[], layout: TRunnerLayout): TRuleRunner {
  // Parsed once: the hot path only compares prepared Decimals and hands out their prepared text.
  const amounts = rule.expressions.map((expression) => toAmountValue(parseAmount(expression.result)))
  const relation = rule.relation
  const n = predicates.length
  const { markBase: base, resultIndex } = layout
  return (values, state) => {
    const marks = state.marks
    let chosen: TAmountValue | null = null
    let sum: Decimal | null = null
    for (let i = 0; i < n; i++) {
      if (!(predicates[i] as TPredicate)(values)) {
        marks[base + i] = 0
        continue
      }
      marks[base + i] = 1
      const amount = amounts[i] as TAmountValue
      if (relation === 'sum') sum = sum === null ? amount.value : sum.plus(amount.value)
      else if (chosen === null) chosen = amount
      else if (relation === 'max' ? amount.value.greaterThan(chosen.value) : amount.value.lessThan(chosen.value))
        chosen = amount
    }
    const result = sum === null ? chosen : toAmountValue(sum)
    state.quotas[resultIndex] = result
    if (result !== null && (state.amountLowest === null || result.value.lessThan(state.amountLowest.value))) {
      state.amountLowest = result
    }
    return PASS
  }
}
