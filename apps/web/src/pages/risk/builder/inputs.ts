/** A starting point for the inputs of a test run or an evaluation: the caller-supplied indicators the rules read. */
import type { Indicator, IndicatorValue, Rule } from '../types'
import { indicatorsOf } from './model'

function sampleValue(indicator: Indicator): IndicatorValue {
  switch (indicator.type) {
    case 'number':
      return 0
    case 'boolean':
      return false
    case 'date':
      return '2000-01-01'
    case 'enum':
      return indicator.enumValues?.[0] ?? ''
    case 'string_list':
      return []
    default:
      return ''
  }
}

/** The caller-supplied indicators the rules read, with a placeholder value each. */
export function inputTemplate(rules: Rule[], indicators: Indicator[]): string {
  const used = new Set<string>()
  for (const rule of rules) for (const expression of rule.expressions) indicatorsOf(expression.condition, used)
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]))
  const inputs: Record<string, IndicatorValue> = {}
  for (const code of used) {
    const indicator = byCode.get(code)
    if (indicator?.sourceKind === 'input') inputs[code] = sampleValue(indicator)
  }
  return JSON.stringify(inputs, null, 2)
}
