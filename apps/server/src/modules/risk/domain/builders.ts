/**
 * Short constructors for conditions and rules, so that strategies written in code (the demo strategy,
 * tests, seeds) read like the rule builder in the console: `resultRule('age_min', 'Age under 18',
 * [[is('age', 'lt', 18), 'reject']])`. New rules start at version 1, enabled, with id = code.
 */
import type {
  TCondition,
  TConditionLeaf,
  TDecision,
  TQuotaRule,
  TResultRule,
  TScalar,
  TScoreRule,
  TScoreThreshold,
} from './model.ts'

type ComparisonOperator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains'

export const is = (indicator: string, operator: ComparisonOperator, value: TScalar): TConditionLeaf => ({
  indicator,
  operator,
  value,
})
export const between = (indicator: string, low: TScalar, high: TScalar): TConditionLeaf => ({
  indicator,
  operator: 'between',
  values: [low, high],
})
export const oneOf = (indicator: string, values: TScalar[]): TConditionLeaf => ({ indicator, operator: 'in', values })
export const noneOf = (indicator: string, values: TScalar[]): TConditionLeaf => ({
  indicator,
  operator: 'not_in',
  values,
})
export const isEmpty = (indicator: string): TConditionLeaf => ({ indicator, operator: 'is_empty' })
export const all = (...items: TCondition[]): TCondition => ({ op: 'and', items })
export const any = (...items: TCondition[]): TCondition => ({ op: 'or', items })

type Header = { code: string; name: string; version?: number; enabled?: boolean }
const header = ({ code, name, version = 1, enabled = true }: Header) => ({ id: code, code, name, version, enabled })

export const resultRule = (
  rule: Header & { relation?: TResultRule['relation']; when: [TCondition, TDecision][] },
): TResultRule => ({
  ...header(rule),
  mode: 'result',
  relation: rule.relation ?? 'all_pass',
  expressions: rule.when.map(([condition, result]) => ({ condition, result })),
})

export const scoreRule = (
  rule: Header & { relation?: TScoreRule['relation']; when: [TCondition, number][]; thresholds?: TScoreThreshold[] },
): TScoreRule => ({
  ...header(rule),
  mode: 'score',
  relation: rule.relation ?? 'sum',
  expressions: rule.when.map(([condition, result]) => ({ condition, result })),
  ...(rule.thresholds ? { thresholds: rule.thresholds } : {}),
})

export const quotaRule = (
  rule: Header & { relation?: TQuotaRule['relation']; when: [TCondition, string][] },
): TQuotaRule => ({
  ...header(rule),
  mode: 'quota',
  relation: rule.relation ?? 'max',
  expressions: rule.when.map(([condition, result]) => ({ condition, result })),
})
