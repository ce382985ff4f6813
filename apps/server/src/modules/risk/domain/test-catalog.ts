/**
 * A small indicator catalog with one indicator of every type, shared by the domain tests, plus a
 * shorthand for wrapping rules into a rule set.
 */
import type { TIndicatorDefinition, TIndicatorType, TRule, TRuleSet } from './model.ts'

export const indicator = (
  code: string,
  type: TIndicatorType,
  extra: Partial<TIndicatorDefinition> = {},
): TIndicatorDefinition => ({
  code,
  name: code,
  type,
  sourceKind: 'own',
  dataSource: 'application',
  enabled: true,
  ...extra,
})

export const testCatalog: TIndicatorDefinition[] = [
  indicator('num', 'number'),
  indicator('num2', 'number'),
  indicator('text', 'string'),
  indicator('flag', 'boolean'),
  indicator('day', 'date'),
  indicator('kind', 'enum', { enumValues: ['a', 'b', 'c'] }),
  indicator('tags', 'string_list'),
  indicator('retired', 'number', { enabled: false }),
  indicator('bureau_score', 'number', { sourceKind: 'third_party', dataSource: 'bureau' }),
  indicator('bureau_inquiries', 'number', { sourceKind: 'third_party', dataSource: 'bureau' }),
  indicator('phone_ok', 'boolean', { sourceKind: 'third_party', dataSource: 'telecom' }),
  indicator('ip_count', 'number', { sourceKind: 'derived', dataSource: 'velocity', dependsOn: ['ip'] }),
  indicator('ip', 'string', { dataSource: 'application' }),
]

export const ruleSetOf = (...rules: TRule[]): TRuleSet => ({
  id: 'rs',
  scene: 'pre_review',
  name: 'test',
  version: 1,
  rules,
})
