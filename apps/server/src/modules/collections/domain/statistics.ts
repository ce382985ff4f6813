/**
 * Collection rate (收案率, PRODUCT.md §3.9): cases finished in the period / (cases in collection in
 * the period + cases finished in the period). "In collection" = open at some time in the period and
 * not finished in it. A case is finished when collected (已催回).
 */
export type RateRow = { finished: number; inCollection: number }

export function collectionRate(r: RateRow): number | null {
  const d = r.finished + r.inCollection
  return d === 0 ? null : Math.round((r.finished / d) * 10000) / 10000
}
