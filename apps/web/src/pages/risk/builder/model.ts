/**
 * Pure helpers of the rule builder: which operators fit an indicator type (the same table as the
 * server's operators.ts), blank rules and conditions, immutable edits of a condition tree by path, and
 * the placement of the server's field errors on the row that caused them.
 */
import type { Condition, ConditionLeaf, Indicator, IndicatorType, Operator, Rule, RuleMode, Scalar } from '../types'
import { isGroup } from '../types'

const ORDERED: Operator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'not_in', 'is_empty']

export const OPERATORS_BY_TYPE: Record<IndicatorType, Operator[]> = {
  number: ORDERED,
  date: ORDERED,
  string: ['eq', 'ne', 'in', 'not_in', 'contains', 'is_empty'],
  enum: ['eq', 'ne', 'in', 'not_in', 'is_empty'],
  boolean: ['eq', 'ne', 'is_empty'],
  string_list: ['contains', 'is_empty'],
}

export const OPERATOR_SYMBOLS: Record<Operator, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  between: '∈ [a, b]',
  in: '∈',
  not_in: '∉',
  contains: '∋',
  is_empty: '∅',
}

/** A path into the rule-set document, e.g. `rules.3.expressions.0.condition.items.1`. */
export type Path = (string | number)[]
export const pathKey = (path: Path) => path.join('.')

export function blankLeaf(indicator?: Indicator): ConditionLeaf {
  if (!indicator) return { indicator: '', operator: 'eq', value: '' }
  return {
    indicator: indicator.code,
    operator: OPERATORS_BY_TYPE[indicator.type][0] ?? 'eq',
    value: defaultScalar(indicator),
  } as ConditionLeaf
}

export function defaultScalar(indicator: Indicator | undefined): Scalar {
  if (!indicator) return ''
  if (indicator.type === 'number') return 0
  if (indicator.type === 'boolean') return true
  if (indicator.type === 'enum') return indicator.enumValues?.[0] ?? ''
  return ''
}

/** Keeps what still makes sense when the indicator or operator changes (a number stays a number). */
export function retypeLeaf(leaf: ConditionLeaf, indicator: Indicator | undefined, operator: Operator): ConditionLeaf {
  const code = indicator?.code ?? leaf.indicator
  const allowed = indicator ? OPERATORS_BY_TYPE[indicator.type] : ORDERED
  const op = allowed.includes(operator) ? operator : (allowed[0] ?? 'eq')
  const previous: Scalar[] = 'value' in leaf ? [leaf.value] : 'values' in leaf ? [...leaf.values] : []
  const fits = (value: Scalar | undefined) =>
    value !== undefined &&
    (!indicator ||
      (indicator.type === 'number'
        ? typeof value === 'number'
        : indicator.type === 'boolean'
          ? typeof value === 'boolean'
          : indicator.type === 'enum'
            ? typeof value === 'string' && (indicator.enumValues ?? []).includes(value)
            : typeof value === 'string'))
  const first = fits(previous[0]) ? (previous[0] as Scalar) : defaultScalar(indicator)
  if (op === 'is_empty') return { indicator: code, operator: op }
  if (op === 'between') {
    const second = fits(previous[1]) ? (previous[1] as Scalar) : first
    return { indicator: code, operator: op, values: [first, second] }
  }
  if (op === 'in' || op === 'not_in') return { indicator: code, operator: op, values: previous.filter(fits) }
  return { indicator: code, operator: op, value: first }
}

export function blankRule(mode: RuleMode, index: number, indicator?: Indicator): Rule {
  const id = `r_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`
  const header = { id, code: `rule_${index + 1}`, name: '', version: 1, enabled: true }
  const condition = blankLeaf(indicator)
  if (mode === 'score') return { ...header, mode, relation: 'sum', expressions: [{ condition, result: 0 }] }
  if (mode === 'quota') return { ...header, mode, relation: 'max', expressions: [{ condition, result: '0.00' }] }
  return { ...header, mode, relation: 'all_pass', expressions: [{ condition, result: 'reject' }] }
}

/** Switching a rule's mode keeps its header and conditions; results and relation take the new mode's defaults. */
export function changeMode(rule: Rule, mode: RuleMode): Rule {
  const { id, code, name, version, enabled } = rule
  const conditions = rule.expressions.map((expression) => expression.condition)
  const header = { id, code, name, version, enabled }
  if (mode === 'score')
    return { ...header, mode, relation: 'sum', expressions: conditions.map((condition) => ({ condition, result: 0 })) }
  if (mode === 'quota')
    return {
      ...header,
      mode,
      relation: 'max',
      expressions: conditions.map((condition) => ({ condition, result: '0.00' })),
    }
  return {
    ...header,
    mode,
    relation: 'all_pass',
    expressions: conditions.map((condition) => ({ condition, result: 'reject' as const })),
  }
}

/** Replaces the node at `path` (relative to the condition) in an immutable tree. */
export function updateAt(
  condition: Condition,
  path: number[],
  update: (node: Condition) => Condition | null,
): Condition {
  if (path.length === 0) return update(condition) ?? condition
  if (!isGroup(condition)) return condition
  const [head, ...rest] = path as [number, ...number[]]
  const items: Condition[] = []
  condition.items.forEach((item, index) => {
    if (index !== head) items.push(item)
    else if (rest.length === 0) {
      const next = update(item)
      if (next) items.push(next)
    } else items.push(updateAt(item, rest, update))
  })
  return { ...condition, items }
}

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return items
  const next = [...items]
  const [moved] = next.splice(from, 1)
  next.splice(to, 0, moved as T)
  return next
}

/** Every place of the document where the builder can show a message, deepest first wins. */
export function errorAnchors(rules: Rule[]): Set<string> {
  const anchors = new Set<string>(['rules', 'name'])
  const walk = (condition: Condition, path: Path) => {
    anchors.add(pathKey(path))
    if (isGroup(condition)) {
      anchors.add(pathKey([...path, 'items']))
      condition.items.forEach((item, index) => {
        walk(item, [...path, 'items', index])
      })
    } else for (const field of ['indicator', 'operator', 'value', 'values']) anchors.add(pathKey([...path, field]))
  }
  rules.forEach((rule, r) => {
    const base: Path = ['rules', r]
    anchors.add(pathKey(base))
    for (const field of ['code', 'name', 'relation', 'mode', 'expressions', 'thresholds'])
      anchors.add(pathKey([...base, field]))
    if (rule.mode === 'score')
      (rule.thresholds ?? []).forEach((_, k) => {
        anchors.add(pathKey([...base, 'thresholds', k]))
        anchors.add(pathKey([...base, 'thresholds', k, 'below']))
      })
    rule.expressions.forEach((expression, e) => {
      const ex: Path = [...base, 'expressions', e]
      anchors.add(pathKey(ex))
      anchors.add(pathKey([...ex, 'result']))
      walk(expression.condition, [...ex, 'condition'])
    })
  })
  return anchors
}

/** `body.rules.3.expressions.0.condition.items.1.value` → the anchor it is shown at. */
export function placeErrors(
  errors: { field: string; message: string }[],
  rules: Rule[],
): { byAnchor: Map<string, string[]>; unplaced: string[] } {
  const anchors = errorAnchors(rules)
  const byAnchor = new Map<string, string[]>()
  const unplaced: string[] = []
  for (const { field, message } of errors) {
    const parts = field.split(/[.[\]]+/).filter(Boolean)
    if (parts[0] === 'body') parts.shift()
    let anchor: string | undefined
    for (let length = parts.length; length > 0 && !anchor; length--) {
      const key = parts.slice(0, length).join('.')
      if (anchors.has(key)) anchor = key
    }
    if (!anchor) {
      unplaced.push(message)
      continue
    }
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), message])
  }
  return { byAnchor, unplaced }
}

/** The number of errors at or below a path, for the badge on a collapsed rule. */
export function countBelow(byAnchor: Map<string, string[]>, prefix: string): number {
  let count = 0
  for (const [key, messages] of byAnchor) if (key === prefix || key.startsWith(`${prefix}.`)) count += messages.length
  return count
}

/** The indicators a condition reads, for the test panel's input template. */
export function indicatorsOf(condition: Condition, into = new Set<string>()): Set<string> {
  if (isGroup(condition)) for (const item of condition.items) indicatorsOf(item, into)
  else if (condition.indicator) into.add(condition.indicator)
  return into
}

/** Readable one-line text of a condition, e.g. `age < 22 AND (income ≥ 2000 OR …)`. */
export function conditionText(condition: Condition, name: (code: string) => string = (code) => code): string {
  if (isGroup(condition)) {
    const joined = condition.items.map((item) => {
      const text = conditionText(item, name)
      return isGroup(item) && item.items.length > 1 ? `(${text})` : text
    })
    return joined.join(condition.op === 'and' ? ' AND ' : ' OR ') || '∅'
  }
  const label = name(condition.indicator)
  const show = (value: Scalar) => (typeof value === 'string' ? `"${value}"` : String(value))
  switch (condition.operator) {
    case 'is_empty':
      return `${label} ${OPERATOR_SYMBOLS.is_empty}`
    case 'between':
      return `${label} ∈ [${show(condition.values[0])}, ${show(condition.values[1])}]`
    case 'in':
    case 'not_in':
      return `${label} ${OPERATOR_SYMBOLS[condition.operator]} {${condition.values.map(show).join(', ')}}`
    default:
      return `${label} ${OPERATOR_SYMBOLS[condition.operator]} ${show(condition.value)}`
  }
}
