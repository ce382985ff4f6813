/**
 * Collection stages (催收阶段) as configuration, and their validation. A stage covers a range of
 * "days" relative to the due date of the loan's oldest unpaid installment: positive = days past due
 * (DPD), zero = the due date, negative = days before it. A set is an ordered list of stages that
 * leaves no gap and no overlap, whose last stage is open-ended.
 */

export type StageDef = {
  /** pool code, e.g. S1 or M2 */
  code: string
  /** first day of the range (inclusive); −2 = two days before the due date */
  fromDay: number
  /** last day of the range (inclusive); null = open-ended (only the last stage) */
  toDay: number | null
  /** the position whose holders collect this stage (offered for assignment) */
  position: string
  /** false = reminder group handled by the reminder ladder only; no case is opened */
  opensCases: boolean
}

export type StageSetKind = 'short' | 'monthly'

/** Day-term products: S0 reminder group, S1 1–7, S2 8–15, S3 16–30, S4 31+. */
export const DEFAULT_SHORT_SET: StageDef[] = [
  { code: 'S0', fromDay: -2, toDay: 0, position: 'collector_s1', opensCases: false },
  { code: 'S1', fromDay: 1, toDay: 7, position: 'collector_s1', opensCases: true },
  { code: 'S2', fromDay: 8, toDay: 15, position: 'collector_s2', opensCases: true },
  { code: 'S3', fromDay: 16, toDay: 30, position: 'collector_s2', opensCases: true },
  { code: 'S4', fromDay: 31, toDay: null, position: 'collector_s2', opensCases: true },
]

/** Month-term products: M0 reminder group, M1 1–30, M2 31–60, M3 61–90, M4+ 91+. */
export const DEFAULT_MONTHLY_SET: StageDef[] = [
  { code: 'M0', fromDay: -2, toDay: 0, position: 'collector_s1', opensCases: false },
  { code: 'M1', fromDay: 1, toDay: 30, position: 'collector_s1', opensCases: true },
  { code: 'M2', fromDay: 31, toDay: 60, position: 'collector_s2', opensCases: true },
  { code: 'M3', fromDay: 61, toDay: 90, position: 'collector_s2', opensCases: true },
  { code: 'M4+', fromDay: 91, toDay: null, position: 'collector_s2', opensCases: true },
]

export function defaultSet(kind: StageSetKind): StageDef[] {
  return (kind === 'short' ? DEFAULT_SHORT_SET : DEFAULT_MONTHLY_SET).map((s) => ({ ...s }))
}

export type StageProblem = { field: string; key: string; params: Record<string, unknown> }

export const MIN_DAY = -30
export const MAX_DAY = 3650
const CODE = /^[A-Z][A-Z0-9+]{0,9}$/

export const rangeLabel = (s: Pick<StageDef, 'code' | 'fromDay' | 'toDay'>) =>
  `${s.code} (${s.fromDay}–${s.toDay === null ? '∞' : s.toDay})`

/**
 * Checks a stage set: codes well-formed and unique, each range well-formed, the stages ordered,
 * contiguous (no gap, no overlap), day 1 covered (every overdue loan has a stage) and the last
 * stage open-ended. Returns every problem, each naming the offending ranges; [] when valid.
 */
export function validateStageSet(stages: readonly StageDef[], field = 'body.stages'): StageProblem[] {
  const out: StageProblem[] = []
  if (stages.length === 0) return [{ field, key: 'collections.stage_empty', params: {} }]
  const seen = new Set<string>()
  stages.forEach((s, i) => {
    const f = `${field}.${i}`
    if (!CODE.test(s.code)) out.push({ field: `${f}.code`, key: 'collections.stage_code', params: { code: s.code } })
    else if (seen.has(s.code))
      out.push({ field: `${f}.code`, key: 'collections.stage_code_duplicate', params: { code: s.code } })
    seen.add(s.code)
    if (!Number.isInteger(s.fromDay) || s.fromDay < MIN_DAY || s.fromDay > MAX_DAY)
      out.push({ field: `${f}.fromDay`, key: 'collections.stage_day', params: { min: MIN_DAY, max: MAX_DAY } })
    if (s.toDay !== null && (!Number.isInteger(s.toDay) || s.toDay < MIN_DAY || s.toDay > MAX_DAY))
      out.push({ field: `${f}.toDay`, key: 'collections.stage_day', params: { min: MIN_DAY, max: MAX_DAY } })
    if (s.toDay !== null && s.toDay < s.fromDay)
      out.push({ field: `${f}.toDay`, key: 'collections.stage_inverted', params: { range: rangeLabel(s) } })
    if (s.toDay === null && i < stages.length - 1)
      out.push({ field: `${f}.toDay`, key: 'collections.stage_open_not_last', params: { range: rangeLabel(s) } })
  })
  for (let i = 1; i < stages.length; i++) {
    const prev = stages[i - 1]!
    const cur = stages[i]!
    if (prev.toDay === null) continue
    const f = `${field}.${i}.fromDay`
    const params = { previous: rangeLabel(prev), range: rangeLabel(cur) }
    if (cur.fromDay <= prev.fromDay) out.push({ field: f, key: 'collections.stage_order', params })
    else if (cur.fromDay <= prev.toDay) out.push({ field: f, key: 'collections.stage_overlap', params })
    else if (cur.fromDay > prev.toDay + 1)
      out.push({
        field: f,
        key: 'collections.stage_gap',
        params: { ...params, from: prev.toDay + 1, to: cur.fromDay - 1 },
      })
  }
  const last = stages.at(-1)!
  if (last.toDay !== null)
    out.push({
      field: `${field}.${stages.length - 1}.toDay`,
      key: 'collections.stage_last_open',
      params: { range: rangeLabel(last) },
    })
  if (stages[0]!.fromDay > 1)
    out.push({
      field: `${field}.0.fromDay`,
      key: 'collections.stage_day_one',
      params: { range: rangeLabel(stages[0]!) },
    })
  return out
}

/** The stage whose range holds `day`, if any (the set is assumed valid). */
export function stageOf(stages: readonly StageDef[], day: number): StageDef | undefined {
  return stages.find((s) => day >= s.fromDay && (s.toDay === null || day <= s.toDay))
}

/** Order of a stage in its set (for urgency ordering): later stages are more urgent. */
export function stageRank(stages: readonly StageDef[], code: string): number {
  const i = stages.findIndex((s) => s.code === code)
  return Math.max(i, 0)
}
