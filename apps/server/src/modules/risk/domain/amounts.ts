/**
 * Amounts inside a compiled rule set. Each is kept as a Decimal (to add exactly, never as a float), as
 * its canonical text (to report) and, for the amounts written in the rule set, as its rank among them:
 * decimal.js allocates on every comparison, so the hot path compares ranks and only amounts computed
 * at run time (quota sums) fall back to Decimal comparison.
 */
import { type Decimal, formatAmount, parseAmount } from '../../../platform/money.ts'

export type TAmountValue = { readonly value: Decimal; readonly text: string; readonly rank: number }

const UNRANKED = -1

export const toAmountValue = (value: Decimal, rank = UNRANKED): TAmountValue => ({
  value,
  text: formatAmount(value),
  rank,
})

export function isLessAmount(a: TAmountValue, b: TAmountValue): boolean {
  return a.rank !== UNRANKED && b.rank !== UNRANKED ? a.rank < b.rank : a.value.lessThan(b.value)
}

/** Ranks every amount literal of a rule set, keyed by its text as written; equal amounts share a rank. */
export function rankAmounts(texts: readonly string[]): ReadonlyMap<string, TAmountValue> {
  const canonical = (text: string) => formatAmount(parseAmount(text))
  const sorted = [...new Set(texts.map(canonical))].map(parseAmount).sort((a, b) => a.comparedTo(b))
  const ranked = new Map(sorted.map((value, rank) => [formatAmount(value), toAmountValue(value, rank)]))
  return new Map(texts.map((text) => [text, ranked.get(canonical(text)) as TAmountValue]))
}
