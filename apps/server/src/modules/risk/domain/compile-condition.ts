/**
 * Conditions → predicates over the evaluation's slot array. Indicator codes are resolved to slot
 * indices and literals are captured once, here, so that evaluating a leaf is one array read and one
 * comparison. Nothing here builds code from strings: every predicate is one of the closures below.
 *
 * Missing values: a predicate never sees `undefined` (the evaluator resolves what a rule needs before
 * running it). `null` means "no value" and matches only `is_empty`, like SQL's NULL: `ne` and `not_in`
 * do not match it either, so "no bureau score" never passes as "score ≠ 0".
 */

import { leafTestOf, OP_CALL, type TLeafTest, testLeaf } from './leaf-test.ts'
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
  const items = condition.items.map((item) => compileCondition(item, lookup))
  const tests = condition.items.map((item) => leafTestOf(item, lookup))
  return condition.op === 'and' ? allOf(items, tests) : anyOf(items, tests)
}

function allOf(items: readonly TPredicate[], tests: readonly TLeafTest[]): TPredicate {
  const [a, b] = items
  if (items.length === 1 && a) return a
  const [ta, tb] = tests
  if (items.length === 2 && a && b && ta && tb && ta.op !== OP_CALL && tb.op !== OP_CALL) {
    const { op: opA, slot: slotA, a: a1, b: a2 } = ta
    const { op: opB, slot: slotB, a: b1, b: b2 } = tb
    return (v) => testLeaf(opA, v[slotA], a1, a2) && testLeaf(opB, v[slotB], b1, b2)
  }
  const n = items.length
  return (v) => {
    for (let i = 0; i < n; i++) if (!(items[i] as TPredicate)(v)) return false
    return true
  }
}

function anyOf(items: readonly TPredicate[], tests: readonly TLeafTest[]): TPredicate {
  const [a, b] = items
  if (items.length === 1 && a) return a
  const [ta, tb] = tests
  if (items.length === 2 && a && b && ta && tb && ta.op !== OP_CALL && tb.op !== OP_CALL) {
    const { op: opA, slot: slotA, a: a1, b: a2 } = ta
    const { op: opB, slot: slotB, a: b1, b: b2 } = tb
    return (v) => testLeaf(opA, v[slotA], a1, a2) || testLeaf(opB, v[slotB], b1, b2)
  }
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
        return x?.includes(k) === true
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
