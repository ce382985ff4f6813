/**
 * Conditions → predicates over the evaluation's slot array. Indicator codes are resolved to slot
 * indices and literals are captured once, here, so that evaluating a leaf is one array read and one
 * comparison. Nothing here builds code from strings: every predicate is one of the closures below.
 *
 * Missing values: a predicate never sees `undefined` (the evaluator resolves what a rule needs before
 * running it). `null` means "no value" and matches only `is_empty`, like SQL's NULL: `ne` and `not_in`
 * do not match it either, so "no bureau score" never passes as "score ≠ 0".
 */
import type { TCondition, TConditionLeaf, TIndicatorDefinition, TIndicatorValue, TScalar } from './model.ts'
import { isConditionGroup } from './model.ts'

/** One value per slot; `undefined` until the indicator is known. */
export type TSlotValue = TIndicatorValue | undefined
export type TSlots = readonly TSlotValue[]
export type TPredicate = (values: TSlots) => boolean

export type TSlotLookup = (code: string) => { slot: number; indicator: TIndicatorDefinition }

/** Linear search beats hashing for short lists; past this length `in` uses a Set. */
const SET_THRESHOLD = 8

export function compileCondition(condition: TCondition, lookup: TSlotLookup): TPredicate {
  if (!isConditionGroup(condition)) {
    const { slot, indicator } = lookup(condition.indicator)
    return compileLeaf(condition, slot, indicator)
  }
  if (condition.op === 'and') {
    const range = asRange(condition.items, lookup)
    if (range) return range
  }
  const items = condition.items.map((item) => compileCondition(item, lookup))
  return condition.op === 'and' ? allOf(items) : anyOf(items)
}

/**
 * `x >= a and x < b` on one indicator is how score bins and tiers are written; one range test is
 * markedly cheaper than two predicates and a group.
 */
function asRange(items: readonly TCondition[], lookup: TSlotLookup): TPredicate | null {
  const [first, second] = items
  if (items.length !== 2 || !first || !second || isConditionGroup(first) || isConditionGroup(second)) return null
  if (first.indicator !== second.indicator) return null
  const isLow = (leaf: TConditionLeaf) => leaf.operator === 'gt' || leaf.operator === 'gte'
  const isHigh = (leaf: TConditionLeaf) => leaf.operator === 'lt' || leaf.operator === 'lte'
  const low = isLow(first) ? first : isLow(second) ? second : null
  const high = isHigh(first) ? first : isHigh(second) ? second : null
  if (!low || !high || !('value' in low) || !('value' in high)) return null
  const { slot } = lookup(first.indicator)
  const a = low.value as Ordered
  const b = high.value as Ordered
  if (low.operator === 'gte') {
    return high.operator === 'lt'
      ? (v) => {
          const x = v[slot] as Ordered | null
          return x !== null && x >= a && x < b
        }
      : (v) => {
          const x = v[slot] as Ordered | null
          return x !== null && x >= a && x <= b
        }
  }
  return high.operator === 'lt'
    ? (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x > a && x < b
      }
    : (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x > a && x <= b
      }
}

function allOf(items: readonly TPredicate[]): TPredicate {
  const [a, b] = items
  if (items.length === 1 && a) return a
  if (items.length === 2 && a && b) return (v) => a(v) && b(v)
  const n = items.length
  return (v) => {
    for (let i = 0; i < n; i++) if (!(items[i] as TPredicate)(v)) return false
    return true
  }
}

function anyOf(items: readonly TPredicate[]): TPredicate {
  const [a, b] = items
  if (items.length === 1 && a) return a
  if (items.length === 2 && a && b) return (v) => a(v) || b(v)
  const n = items.length
  return (v) => {
    for (let i = 0; i < n; i++) if ((items[i] as TPredicate)(v)) return true
    return false
  }
}

// Ordered comparisons are typed as numbers, but dates reach them as ISO strings, which JavaScript's
// `<` orders exactly like the calendar; validation guarantees both sides have the same kind.
type Ordered = number

function compileLeaf(leaf: TConditionLeaf, slot: number, indicator: TIndicatorDefinition): TPredicate {
  switch (leaf.operator) {
    case 'eq': {
      const k = leaf.value
      return (v) => v[slot] === k
    }
    case 'ne': {
      const k = leaf.value
      return (v) => {
        const x = v[slot]
        return x !== null && x !== k
      }
    }
    case 'lt': {
      const k = leaf.value as Ordered
      return (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x < k
      }
    }
    case 'lte': {
      const k = leaf.value as Ordered
      return (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x <= k
      }
    }
    case 'gt': {
      const k = leaf.value as Ordered
      return (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x > k
      }
    }
    case 'gte': {
      const k = leaf.value as Ordered
      return (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x >= k
      }
    }
    case 'between': {
      const low = leaf.values[0] as Ordered
      const high = leaf.values[1] as Ordered
      return (v) => {
        const x = v[slot] as Ordered | null
        return x !== null && x >= low && x <= high
      }
    }
    case 'in':
      return compileMembership(leaf.values, slot, true)
    case 'not_in':
      return compileMembership(leaf.values, slot, false)
    case 'contains': {
      const k = leaf.value as string
      // On text it is a substring test, on a list a membership test; both are `.includes`.
      return (v) => {
        const x = v[slot] as string | readonly string[] | null
        return x !== null && x.includes(k)
      }
    }
    case 'is_empty':
      return compileIsEmpty(slot, indicator)
  }
}

function compileMembership(literals: readonly TScalar[], slot: number, wanted: boolean): TPredicate {
  if (literals.length > SET_THRESHOLD) {
    const set: ReadonlySet<TSlotValue> = new Set<TSlotValue>(literals)
    return wanted
      ? (v) => set.has(v[slot])
      : (v) => {
          const x = v[slot]
          return x !== null && !set.has(x)
        }
  }
  const list: readonly TSlotValue[] = [...literals]
  // Literals are never null, so `includes(null)` is false and `in` needs no null test of its own.
  return wanted
    ? (v) => list.includes(v[slot])
    : (v) => {
        const x = v[slot]
        return x !== null && !list.includes(x)
      }
}

function compileIsEmpty(slot: number, indicator: TIndicatorDefinition): TPredicate {
  switch (indicator.type) {
    case 'string':
    case 'enum':
      return (v) => {
        const x = v[slot]
        return x === null || x === ''
      }
    case 'string_list':
      return (v) => {
        const x = v[slot] as readonly string[] | null
        return x === null || x.length === 0
      }
    default:
      return (v) => v[slot] === null
  }
}

/** The indicator codes a condition reads, in order of first appearance. */
export function collectIndicators(condition: TCondition, into: string[] = []): string[] {
  if (!isConditionGroup(condition)) {
    if (!into.includes(condition.indicator)) into.push(condition.indicator)
    return into
  }
  for (const item of condition.items) collectIndicators(item, into)
  return into
}
