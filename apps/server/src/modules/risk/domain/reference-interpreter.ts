/**
 * A deliberately plain interpreter of a rule set — walk the model, compare, combine — with none of the
 * compiler's tricks (slots, inline tests, bit marks, ranked amounts). The property tests hold the
 * compiled engine to it; it is the executable statement of the semantics in model.ts.
 */
import { Decimal, formatAmount } from '../../../platform/money.ts'
import type { TCondition, TConditionLeaf, TDecision, TIndicatorDefinition, TRule, TRuleSet } from './model.ts'
import { isConditionGroup } from './model.ts'

type Input = Readonly<Record<string, unknown>>
export type TReferenceRule = {
  result: TDecision | null
  skipped: boolean
  matched: boolean[]
  score?: number
  amount?: string | null
}
export type TReferenceOutcome = {
  decision: TDecision
  score: number | null
  amount: string | null
  rules: TReferenceRule[]
}

const severity: Record<TDecision, number> = { pass: 0, manual: 1, reject: 2 }

export function interpret(
  ruleSet: TRuleSet,
  catalog: readonly TIndicatorDefinition[],
  input: Input,
): TReferenceOutcome {
  const types = new Map(catalog.map((indicator) => [indicator.code, indicator.type]))
  const test = (condition: TCondition): boolean => {
    if (isConditionGroup(condition)) {
      return condition.op === 'and' ? condition.items.every(test) : condition.items.some(test)
    }
    return testLeaf(condition, input[condition.indicator] ?? null, types.get(condition.indicator))
  }
  const rules: TReferenceRule[] = []
  let stopped = false
  let manual = false
  let score: number | null = null
  let amount: Decimal | null = null
  for (const rule of ruleSet.rules.filter((r) => r.enabled)) {
    if (stopped) {
      rules.push({ result: null, skipped: true, matched: [] })
      continue
    }
    const matched = rule.expressions.map((e) => test(e.condition))
    const outcome = ruleOutcome(rule, matched)
    rules.push(outcome.trace)
    if (outcome.score !== undefined) score = (score ?? 0) + outcome.score
    if (outcome.amount && (amount === null || outcome.amount.lessThan(amount))) amount = outcome.amount
    if (outcome.trace.result === 'reject') stopped = true
    if (outcome.trace.result === 'manual') manual = true
  }
  const decision: TDecision = stopped ? 'reject' : manual ? 'manual' : 'pass'
  return { decision, score, amount: stopped || amount === null ? null : formatAmount(amount), rules }
}

function ruleOutcome(
  rule: TRule,
  matched: boolean[],
): { trace: TReferenceRule; score?: number; amount?: Decimal | null } {
  if (rule.mode === 'result') {
    const outcomes = rule.expressions.map((e, i) => severity[matched[i] ? e.result : 'pass'])
    const chosen = rule.relation === 'all_pass' ? Math.max(0, ...outcomes) : Math.min(...outcomes, 2)
    const result = (['pass', 'manual', 'reject'] as const)[outcomes.length === 0 ? 0 : chosen] ?? 'pass'
    return { trace: { result, skipped: false, matched } }
  }
  if (rule.mode === 'score') {
    const hits = rule.expressions.filter((_, i) => matched[i]).map((e) => e.result)
    const total =
      hits.length === 0 ? 0 : rule.relation === 'sum' ? hits.reduce((a, b) => a + b) : Math[rule.relation](...hits)
    const threshold = [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below).find((t) => total < t.below)
    return { trace: { result: threshold?.result ?? 'pass', skipped: false, matched, score: total }, score: total }
  }
  const hits = rule.expressions.filter((_, i) => matched[i]).map((e) => new Decimal(e.result))
  const chosen =
    hits.length === 0
      ? null
      : rule.relation === 'sum'
        ? hits.reduce((a, b) => a.plus(b))
        : hits.reduce((a, b) => (rule.relation === 'max' ? (b.greaterThan(a) ? b : a) : b.lessThan(a) ? b : a))
  const text = chosen === null ? null : formatAmount(chosen)
  return { trace: { result: 'pass' as const, skipped: false, matched, amount: text }, amount: chosen }
}

function testLeaf(leaf: TConditionLeaf, value: unknown, type: string | undefined): boolean {
  if (leaf.operator === 'is_empty') {
    return (
      value === null ||
      (type !== 'number' &&
        type !== 'boolean' &&
        type !== 'date' &&
        (value === '' || (Array.isArray(value) && value.length === 0)))
    )
  }
  if (value === null) return false
  const x = value as number
  switch (leaf.operator) {
    case 'eq':
      return value === leaf.value
    case 'ne':
      return value !== leaf.value
    case 'lt':
      return x < (leaf.value as number)
    case 'lte':
      return x <= (leaf.value as number)
    case 'gt':
      return x > (leaf.value as number)
    case 'gte':
      return x >= (leaf.value as number)
    case 'between':
      return x >= (leaf.values[0] as number) && x <= (leaf.values[1] as number)
    case 'in':
      return leaf.values.some((v) => v === value)
    case 'not_in':
      return !leaf.values.some((v) => v === value)
    case 'contains':
      return (value as string | string[]).includes(leaf.value as string)
  }
}
