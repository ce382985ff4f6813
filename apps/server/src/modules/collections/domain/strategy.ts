/**
 * Collection strategy (催收策略) as configuration: an ordered list of segments, each a condition over
 * the case (stage, overdue amount, risk score, history) and an approach (channel mix, priority,
 * contact frequency). Segments of one strategy must not overlap, so a case matches at most one and
 * the order is only the order of display. The daily close applies the same conditions in SQL
 * (`strategy-segments.ts`); `matchSegment` is their reference, used by the tests.
 *
 * Ranges: amount and risk score are half-open (`min ≤ x < max`, so 0–5000 and 5000–20000 touch
 * without overlapping); broken promises and previous cases are whole numbers, both ends inclusive.
 * A bound left null is open. A case without a risk score matches only segments without a score
 * condition.
 */
import { createHash } from 'node:crypto'
import { Decimal, isAmountString } from '../../../platform/money.ts'

export const CHANNELS = ['sms', 'call', 'visit', 'letter', 'legal_notice'] as const
export type StrategyChannel = (typeof CHANNELS)[number]

export type SegmentDef = {
  code: string
  name: string
  /** stage codes the segment covers; [] = every stage */
  stages: string[]
  minAmount: string | null
  maxAmount: string | null
  minScore: number | null
  maxScore: number | null
  minBrokenPromises: number | null
  maxBrokenPromises: number | null
  minPreviousCases: number | null
  maxPreviousCases: number | null
  /** channel mix: weights in percent, adding up to 100, most used first */
  channels: { channel: StrategyChannel; weight: number }[]
  /** 1 = most urgent … 5; orders "my cases" before the stage/amount urgency */
  priority: number
  /** contact the borrower at least every n days; null = no rule */
  contactEveryDays: number | null
}

export type CaseFacts = {
  stageCode: string
  overdueAmount: string
  riskScore: number | null
  brokenPromises: number
  previousCases: number
}

export type StrategyProblem = { field: string; key: string; params: Record<string, unknown> }

const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/

const amountLabel = (min: string | null, max: string | null) => `${min ?? '0'}–${max ?? '∞'}`
const numLabel = (min: number | null, max: number | null) => `${min ?? '−∞'}–${max ?? '∞'}`

/** Half-open [min, max) ranges with open (null) bounds intersect. */
function halfOpenIntersect<T>(a: [T | null, T | null], b: [T | null, T | null], lt: (x: T, y: T) => boolean): boolean {
  const lo = a[0] === null ? b[0] : b[0] === null ? a[0] : lt(a[0], b[0]) ? b[0] : a[0]
  const hi = a[1] === null ? b[1] : b[1] === null ? a[1] : lt(a[1], b[1]) ? a[1] : b[1]
  return lo === null || hi === null || lt(lo, hi)
}

/** Inclusive whole-number ranges with open (null) bounds intersect. */
function inclusiveIntersect(a: [number | null, number | null], b: [number | null, number | null]): boolean {
  const lo = Math.max(a[0] ?? Number.NEGATIVE_INFINITY, b[0] ?? Number.NEGATIVE_INFINITY)
  const hi = Math.min(a[1] ?? Number.POSITIVE_INFINITY, b[1] ?? Number.POSITIVE_INFINITY)
  return lo <= hi
}

const decLt = (x: string, y: string) => new Decimal(x).lessThan(y)
const numLt = (x: number, y: number) => x < y

/** True when some case could match both segments. */
export function segmentsOverlap(a: SegmentDef, b: SegmentDef): boolean {
  const stages = a.stages.length === 0 || b.stages.length === 0 || a.stages.some((s) => b.stages.includes(s))
  return (
    stages &&
    halfOpenIntersect([a.minAmount, a.maxAmount], [b.minAmount, b.maxAmount], decLt) &&
    halfOpenIntersect([a.minScore, a.maxScore], [b.minScore, b.maxScore], numLt) &&
    inclusiveIntersect([a.minBrokenPromises, a.maxBrokenPromises], [b.minBrokenPromises, b.maxBrokenPromises]) &&
    inclusiveIntersect([a.minPreviousCases, a.maxPreviousCases], [b.minPreviousCases, b.maxPreviousCases])
  )
}

/**
 * Checks a strategy's segments: codes well-formed and unique, stages known, each range well-formed
 * (amounts exact to the cent, min below max), the channel mix (known channels once each, weights
 * adding up to 100), and no two segments overlapping. Returns every problem; [] when valid.
 */
export function validateSegments(
  segments: readonly SegmentDef[],
  knownStages: ReadonlySet<string>,
  field = 'body.segments',
): StrategyProblem[] {
  const out: StrategyProblem[] = []
  if (segments.length === 0) return [{ field, key: 'collections.segment_empty', params: {} }]
  const seen = new Set<string>()
  const wellFormed: boolean[] = []
  segments.forEach((s, i) => {
    const f = `${field}.${i}`
    const before = out.length
    if (!CODE.test(s.code)) out.push({ field: `${f}.code`, key: 'collections.segment_code', params: { code: s.code } })
    else if (seen.has(s.code))
      out.push({ field: `${f}.code`, key: 'collections.segment_code_duplicate', params: { code: s.code } })
    seen.add(s.code)
    for (const stage of s.stages)
      if (!knownStages.has(stage))
        out.push({ field: `${f}.stages`, key: 'collections.segment_stage_unknown', params: { stage } })
    for (const k of ['minAmount', 'maxAmount'] as const) {
      const v = s[k]
      if (v !== null && (!isAmountString(v) || new Decimal(v).isNegative()))
        out.push({ field: `${f}.${k}`, key: 'collections.segment_amount', params: { value: v } })
    }
    if (
      out.length === before &&
      s.minAmount !== null &&
      s.maxAmount !== null &&
      !new Decimal(s.minAmount).lessThan(s.maxAmount)
    )
      out.push({
        field: `${f}.maxAmount`,
        key: 'collections.segment_range',
        params: { segment: s.code, range: amountLabel(s.minAmount, s.maxAmount) },
      })
    if (s.minScore !== null && s.maxScore !== null && !(s.minScore < s.maxScore))
      out.push({
        field: `${f}.maxScore`,
        key: 'collections.segment_range',
        params: { segment: s.code, range: numLabel(s.minScore, s.maxScore) },
      })
    for (const [lo, hi] of [
      ['minBrokenPromises', 'maxBrokenPromises'],
      ['minPreviousCases', 'maxPreviousCases'],
    ] as const) {
      const a = s[lo]
      const b = s[hi]
      if (a !== null && b !== null && a > b)
        out.push({
          field: `${f}.${hi}`,
          key: 'collections.segment_range',
          params: { segment: s.code, range: `${a}–${b}` },
        })
    }
    const channels = s.channels.map((c) => c.channel)
    if (s.channels.length === 0 || new Set(channels).size !== channels.length)
      out.push({ field: `${f}.channels`, key: 'collections.segment_channels', params: {} })
    else {
      const total = s.channels.reduce((n, c) => n + c.weight, 0)
      if (total !== 100) out.push({ field: `${f}.channels`, key: 'collections.segment_weights', params: { total } })
    }
    wellFormed.push(out.length === before)
  })
  for (let j = 1; j < segments.length; j++)
    for (let i = 0; i < j; i++)
      if (wellFormed[i] && wellFormed[j] && segmentsOverlap(segments[i]!, segments[j]!)) {
        out.push({
          field: `${field}.${j}`,
          key: 'collections.segment_overlap',
          params: { segment: segments[j]!.code, other: segments[i]!.code },
        })
        break
      }
  return out
}

function inHalfOpen(x: Decimal | number, min: string | number | null, max: string | number | null): boolean {
  const d = new Decimal(x)
  return (min === null || d.greaterThanOrEqualTo(min)) && (max === null || d.lessThan(max))
}

const inInclusive = (x: number, min: number | null, max: number | null) =>
  (min === null || x >= min) && (max === null || x <= max)

/** The segment a case falls into (the first whose condition holds), or null. */
export function matchSegment(segments: readonly SegmentDef[], c: CaseFacts): SegmentDef | null {
  return (
    segments.find(
      (s) =>
        (s.stages.length === 0 || s.stages.includes(c.stageCode)) &&
        inHalfOpen(new Decimal(c.overdueAmount), s.minAmount, s.maxAmount) &&
        (s.minScore === null && s.maxScore === null
          ? true
          : c.riskScore !== null && inHalfOpen(c.riskScore, s.minScore, s.maxScore)) &&
        inInclusive(c.brokenPromises, s.minBrokenPromises, s.maxBrokenPromises) &&
        inInclusive(c.previousCases, s.minPreviousCases, s.maxPreviousCases),
    ) ?? null
  )
}

/**
 * The case's bucket 0–99 for the champion/challenger split: the first 28 bits of md5(case id) mod
 * 100, so a case stays in its arm from day to day. The SQL of the close computes the same number
 * (`('x' || substr(md5(id::text), 1, 7))::bit(28)::int % 100`).
 */
export function challengerBucket(caseId: string): number {
  return Number.parseInt(createHash('md5').update(caseId).digest('hex').slice(0, 7), 16) % 100
}

/** Which strategy a case follows: the challenger for buckets below its percentage, else the champion. */
export function strategyFor(
  caseId: string,
  champion: string | null,
  challenger: { id: string; percent: number } | null,
): string | null {
  if (challenger && challengerBucket(caseId) < challenger.percent) return challenger.id
  return champion
}
