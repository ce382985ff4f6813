/**
 * Save-time validation of a rule set against the indicator catalog. Returns every problem at once (the
 * console marks all bad fields in one round trip); an empty list means the rule set compiles.
 */
import { Decimal } from '../../../platform/money.ts'
import type {
  TCondition,
  TConditionLeaf,
  TIndicatorDefinition,
  TRule,
  TRuleSet,
  TScalar,
  TScoreThreshold,
} from './model.ts'
import { isConditionGroup } from './model.ts'
import { isLiteralOfType, isOperatorAllowed, LITERAL_KIND } from './operators.ts'
import { problem, type TProblem, type TProblemPath } from './problems.ts'

export { detectDerivedCycles, validateIndicatorCatalog } from './validate-catalog.ts'

/** Deeper nesting than this is unreadable in the builder and would only ever be a mistake. */
export const MAX_GROUP_DEPTH = 8

type Catalog = ReadonlyMap<string, TIndicatorDefinition>

export function validateRuleSet(ruleSet: TRuleSet, catalog: readonly TIndicatorDefinition[]): TProblem[] {
  const byCode: Catalog = new Map(catalog.map((indicator) => [indicator.code, indicator]))
  const problems: TProblem[] = []
  const ids = new Set<string>()
  const codes = new Set<string>()
  ruleSet.rules.forEach((rule, index) => {
    const path = ['rules', index]
    if (ids.has(rule.id)) problems.push(problem([...path, 'id'], 'rule_id_duplicate', { id: rule.id }))
    if (codes.has(rule.code)) problems.push(problem([...path, 'code'], 'rule_code_duplicate', { code: rule.code }))
    ids.add(rule.id)
    codes.add(rule.code)
    validateRule(rule, path, byCode, problems)
  })
  return problems
}

function validateRule(rule: TRule, path: TProblemPath, catalog: Catalog, problems: TProblem[]): void {
  if (rule.expressions.length === 0) problems.push(problem([...path, 'expressions'], 'expressions_empty'))
  // A disabled rule may keep pointing at a retired indicator; it is checked again when re-enabled.
  const context: ConditionContext = { catalog, problems, allowDisabled: !rule.enabled }
  rule.expressions.forEach((expression, index) => {
    const expressionPath = [...path, 'expressions', index]
    validateCondition(expression.condition, [...expressionPath, 'condition'], 1, context)
    if (rule.mode === 'quota' && new Decimal(expression.result as string).isNegative()) {
      problems.push(problem([...expressionPath, 'result'], 'quota_negative', { amount: expression.result as string }))
    }
  })
  if (rule.mode === 'score' && rule.thresholds && !isAscending(rule.thresholds)) {
    problems.push(problem([...path, 'thresholds'], 'thresholds_not_ascending'))
  }
}

const isAscending = (thresholds: readonly TScoreThreshold[]) =>
  thresholds.every((t, i) => i === 0 || (thresholds[i - 1] as TScoreThreshold).below < t.below)

type ConditionContext = { catalog: Catalog; problems: TProblem[]; allowDisabled: boolean }

function validateCondition(condition: TCondition, path: TProblemPath, depth: number, context: ConditionContext): void {
  if (!isConditionGroup(condition)) {
    validateLeaf(condition, path, context)
    return
  }
  if (depth > MAX_GROUP_DEPTH) {
    context.problems.push(problem(path, 'group_too_deep', { max: MAX_GROUP_DEPTH }))
    return
  }
  if (condition.items.length === 0) context.problems.push(problem([...path, 'items'], 'group_empty'))
  condition.items.forEach((item, index) => {
    validateCondition(item, [...path, 'items', index], depth + 1, context)
  })
}

function validateLeaf(
  leaf: TConditionLeaf,
  path: TProblemPath,
  { catalog, problems, allowDisabled }: ConditionContext,
) {
  const indicator = catalog.get(leaf.indicator)
  if (!indicator) {
    problems.push(problem([...path, 'indicator'], 'indicator_unknown', { indicator: leaf.indicator }))
    return
  }
  if (!indicator.enabled && !allowDisabled) {
    problems.push(problem([...path, 'indicator'], 'indicator_disabled', { indicator: leaf.indicator }))
  }
  if (!isOperatorAllowed(indicator.type, leaf.operator)) {
    problems.push(
      problem([...path, 'operator'], 'operator_not_allowed', {
        indicator: indicator.code,
        operator: leaf.operator,
        type: indicator.type,
      }),
    )
    return
  }
  const checkLiteral = (literal: TScalar, literalPath: TProblemPath): boolean => {
    if (!isLiteralOfType(indicator.type, literal)) {
      problems.push(
        problem(literalPath, 'value_type_mismatch', {
          indicator: indicator.code,
          expected: LITERAL_KIND[indicator.type],
          actual: typeof literal,
        }),
      )
      return false
    }
    if (indicator.type === 'enum' && !(indicator.enumValues ?? []).includes(literal as string)) {
      problems.push(problem(literalPath, 'enum_value_unknown', { indicator: indicator.code, value: String(literal) }))
      return false
    }
    return true
  }
  switch (leaf.operator) {
    case 'is_empty':
      return
    case 'between': {
      const [low, high] = leaf.values
      const ok = [low, high].map((literal, i) => checkLiteral(literal, [...path, 'values', i])).every(Boolean)
      if (ok && low > high) {
        problems.push(problem([...path, 'values'], 'between_unordered', { low: String(low), high: String(high) }))
      }
      return
    }
    case 'in':
    case 'not_in':
      if (leaf.values.length === 0) problems.push(problem([...path, 'values'], 'values_empty'))
      leaf.values.forEach((literal, i) => {
        checkLiteral(literal, [...path, 'values', i])
      })
      return
    default:
      checkLiteral(leaf.value, [...path, 'value'])
  }
}
