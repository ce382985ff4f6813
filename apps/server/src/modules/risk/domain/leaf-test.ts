/**
 * The simple comparisons — one indicator against one or two literals — as data the evaluator tests
 * inline. Calling a closure per condition costs more than the comparison itself; most conditions in
 * real strategies are of this kind, so runners check them with `testLeaf` (which V8 inlines) and keep
 * closures for the rest (lists, text, nested groups).
 */
import type { TSlotLookup, TSlotValue } from './compile-condition.ts'
import type { TCondition, TConditionLeaf } from './model.ts'
import { isConditionGroup } from './model.ts'

export const OP_CALL = 0
// Equality is split by literal type so that each comparison site in `testLeaf` sees one kind of
// value and V8 compiles it to a plain compare instead of a call to its generic strict equality.
const OP_EQ_NUMBER = 1
const OP_NE = 2
const OP_LT = 3
const OP_LTE = 4
const OP_GT = 5
const OP_GTE = 6
/** low ≤ x ≤ high (between) */
const OP_GTE_LTE = 7
/** low ≤ x < high (the usual score bin) */
const OP_GTE_LT = 8
const OP_GT_LT = 9
const OP_GT_LTE = 10
const OP_IS_NULL = 11
const OP_EQ_BOOLEAN = 12
const OP_EQ_TEXT = 13

/** A condition reduced to an opcode, its slot and literals; `op === OP_CALL` means "call the predicate". */
export type TLeafTest = { op: number; slot: number; a: unknown; b: unknown }

export const CALL: TLeafTest = { op: OP_CALL, slot: 0, a: null, b: null }

// See compile-condition.ts: ordered literals are numbers or ISO-date strings, compared alike.
type Ordered = number

export function testLeaf(op: number, x: TSlotValue, a: unknown, b: unknown): boolean {
  if (x === null) return op === OP_IS_NULL
  switch (op) {
    case OP_EQ_NUMBER:
      return (x as number) === (a as number)
    case OP_EQ_BOOLEAN:
      return (x as boolean) === (a as boolean)
    case OP_EQ_TEXT:
      return (x as string) === (a as string)
    case OP_NE:
      return x !== a
    case OP_LT:
      return (x as Ordered) < (a as Ordered)
    case OP_LTE:
      return (x as Ordered) <= (a as Ordered)
    case OP_GT:
      return (x as Ordered) > (a as Ordered)
    case OP_GTE:
      return (x as Ordered) >= (a as Ordered)
    case OP_GTE_LTE:
      return (x as Ordered) >= (a as Ordered) && (x as Ordered) <= (b as Ordered)
    case OP_GTE_LT:
      return (x as Ordered) >= (a as Ordered) && (x as Ordered) < (b as Ordered)
    case OP_GT_LT:
      return (x as Ordered) > (a as Ordered) && (x as Ordered) < (b as Ordered)
    case OP_GT_LTE:
      return (x as Ordered) > (a as Ordered) && (x as Ordered) <= (b as Ordered)
  }
  return false
}

const SIMPLE: Partial<Record<TConditionLeaf['operator'], number>> = {
  ne: OP_NE,
  lt: OP_LT,
  lte: OP_LTE,
  gt: OP_GT,
  gte: OP_GTE,
}

/** The inline form of a condition, or CALL when it needs its closure. Same semantics as the closures. */
export function leafTestOf(condition: TCondition, lookup: TSlotLookup): TLeafTest {
  if (isConditionGroup(condition)) return condition.op === 'and' ? rangeTestOf(condition.items, lookup) : CALL
  const { slot, indicator } = lookup(condition.indicator)
  if (condition.operator === 'between') return { op: OP_GTE_LTE, slot, a: condition.values[0], b: condition.values[1] }
  // On text, empty also means ''; only types whose sole empty value is null are inlined.
  if (condition.operator === 'is_empty') {
    const nullOnly = indicator.type === 'number' || indicator.type === 'boolean' || indicator.type === 'date'
    return nullOnly ? { op: OP_IS_NULL, slot, a: null, b: null } : CALL
  }
  if (condition.operator === 'eq') {
    const literal = condition.value
    const op = typeof literal === 'number' ? OP_EQ_NUMBER : typeof literal === 'boolean' ? OP_EQ_BOOLEAN : OP_EQ_TEXT
    return { op, slot, a: literal, b: null }
  }
  const op = SIMPLE[condition.operator]
  return op !== undefined && 'value' in condition ? { op, slot, a: condition.value, b: null } : CALL
}

/** `x > a and x < b` style pairs on one indicator (score bins, tiers). */
function rangeTestOf(items: readonly TCondition[], lookup: TSlotLookup): TLeafTest {
  const [first, second] = items
  if (items.length !== 2 || !first || !second || isConditionGroup(first) || isConditionGroup(second)) return CALL
  if (first.indicator !== second.indicator) return CALL
  const isLow = (leaf: TConditionLeaf) => leaf.operator === 'gt' || leaf.operator === 'gte'
  const isHigh = (leaf: TConditionLeaf) => leaf.operator === 'lt' || leaf.operator === 'lte'
  const low = isLow(first) ? first : isLow(second) ? second : null
  const high = isHigh(first) ? first : isHigh(second) ? second : null
  if (!low || !high || !('value' in low) || !('value' in high)) return CALL
  const inclusiveLow = low.operator === 'gte'
  const inclusiveHigh = high.operator === 'lte'
  const op = inclusiveLow ? (inclusiveHigh ? OP_GTE_LTE : OP_GTE_LT) : inclusiveHigh ? OP_GT_LTE : OP_GT_LT
  return { op, slot: lookup(first.indicator).slot, a: low.value, b: high.value }
}
