/**
 * Early warning (风险预警), the pure part: the built-in rule catalog with its defaults, validation of an
 * institution's settings, the underpayment-streak test, the warning status machine and how new
 * warnings are spread over the holders of the owner position. The SQL that finds candidates lives in
 * `evaluate-warnings.ts`.
 */
import { Decimal } from '../../../platform/money.ts'

export type WarningRuleCode = 'underpayment_streak' | 'ip_velocity' | 'first_payment_default'
export type WarningSeverity = 'low' | 'medium' | 'high'
export type WarningSubjectType = 'loan' | 'customer' | 'ip'
export type WarningStatus = 'open' | 'acknowledged' | 'resolved' | 'dismissed'
export type WarningAction = 'acknowledge' | 'resolve' | 'dismiss' | 'reassign'

export type WarningParams = {
  /** underpayment_streak: repayments below this percentage of the amount due (decimal string) */
  thresholdPercent?: string
  /** underpayment_streak: consecutive periods */
  periods?: number
  /** ip_velocity: applications from one IP … */
  applications?: number
  /** ip_velocity: … within this many minutes */
  windowMinutes?: number
  /** first_payment_default: days the first installment is unpaid after its due date */
  days?: number
}

export type WarningRuleConfig = {
  code: WarningRuleCode
  enabled: boolean
  severity: WarningSeverity
  ownerPosition: string
  toAccountManager: boolean
  params: WarningParams
}

type Catalog = { subjectType: WarningSubjectType; defaults: Omit<WarningRuleConfig, 'code'> }

/** Built-in rules and their defaults (data, not branches); an institution changes them per rule. */
export const WARNING_RULES: Record<WarningRuleCode, Catalog> = {
  underpayment_streak: {
    subjectType: 'loan',
    defaults: {
      enabled: true,
      severity: 'medium',
      ownerPosition: 'risk_manager',
      toAccountManager: true,
      params: { thresholdPercent: '80', periods: 3 },
    },
  },
  ip_velocity: {
    subjectType: 'ip',
    defaults: {
      enabled: true,
      severity: 'high',
      ownerPosition: 'risk_manager',
      toAccountManager: false,
      params: { applications: 10, windowMinutes: 60 },
    },
  },
  first_payment_default: {
    subjectType: 'loan',
    defaults: {
      enabled: true,
      severity: 'high',
      ownerPosition: 'collection_lead',
      toAccountManager: false,
      params: { days: 30 },
    },
  },
}

export const WARNING_RULE_CODES = Object.keys(WARNING_RULES) as WarningRuleCode[]

/** Which parameters each rule takes, with their whole-number bounds (percentages are checked apart). */
const PARAM_BOUNDS: Record<WarningRuleCode, Partial<Record<keyof WarningParams, [number, number] | 'percent'>>> = {
  underpayment_streak: { thresholdPercent: 'percent', periods: [2, 24] },
  ip_velocity: { applications: [2, 10_000], windowMinutes: [5, 1440] },
  first_payment_default: { days: [1, 365] },
}

export function isWarningRuleCode(code: string): code is WarningRuleCode {
  return Object.hasOwn(WARNING_RULES, code)
}

/** The effective settings: stored values over the defaults (a stored row may predate a new parameter). */
export function ruleConfigOf(
  code: WarningRuleCode,
  stored?: Partial<Omit<WarningRuleConfig, 'code'>> | null,
): WarningRuleConfig {
  const d = WARNING_RULES[code].defaults
  return {
    code,
    enabled: stored?.enabled ?? d.enabled,
    severity: stored?.severity ?? d.severity,
    ownerPosition: stored?.ownerPosition ?? d.ownerPosition,
    toAccountManager: stored?.toAccountManager ?? d.toAccountManager,
    params: { ...d.params, ...(stored?.params ?? {}) },
  }
}

export type WarningProblem = { field: string; key: string; params?: Record<string, unknown> }

/** Checks a rule's parameters: only the rule's own, within bounds; one problem per field. */
export function validateWarningParams(code: WarningRuleCode, params: WarningParams): WarningProblem[] {
  const bounds = PARAM_BOUNDS[code]
  const out: WarningProblem[] = []
  for (const [name, value] of Object.entries(params) as [keyof WarningParams, unknown][]) {
    const field = `body.params.${name}`
    const bound = bounds[name]
    if (value === undefined) continue
    if (!bound) {
      out.push({ field, key: 'collections.warning_param_unknown', params: { rule: code } })
    } else if (bound === 'percent') {
      const ok = typeof value === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(value)
      const d = ok ? new Decimal(value) : null
      if (!d || d.lessThanOrEqualTo(0) || d.greaterThan(100))
        out.push({ field, key: 'collections.warning_percent', params: { min: '0.01', max: '100' } })
    } else if (typeof value !== 'number' || !Number.isInteger(value) || value < bound[0] || value > bound[1]) {
      out.push({ field, key: 'collections.warning_param_range', params: { min: bound[0], max: bound[1] } })
    }
  }
  return out
}

export type Period = { dueDate: string; due: string; received: string }
export type StreakEvidence = {
  thresholdPercent: string
  periods: (Period & { ratioPercent: string | null })[]
}

/**
 * Underpayment streak: in each of the last `n` elapsed periods the repayments received were below
 * `thresholdPercent` % of the amount due in that period. A period with nothing due never counts as
 * underpaid (it breaks the streak). Returns the evidence, or null when the streak does not hold.
 */
export function underpaymentStreak(periods: readonly Period[], thresholdPercent: string, n: number) {
  if (periods.length < n) return null
  const last = [...periods].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).slice(-n)
  const share = new Decimal(thresholdPercent).dividedBy(100)
  const rows = last.map((p) => {
    const due = new Decimal(p.due)
    const received = new Decimal(p.received)
    return {
      ...p,
      ratioPercent: due.isZero() ? null : received.dividedBy(due).times(100).toDecimalPlaces(2).toFixed(2),
      under: !due.isZero() && received.lessThan(due.times(share)),
    }
  })
  if (!rows.every((r) => r.under)) return null
  return {
    thresholdPercent,
    periods: rows.map(({ under: _u, ...r }) => r),
  } satisfies StreakEvidence
}

const TRANSITIONS: Record<Exclude<WarningAction, 'reassign'>, { from: WarningStatus[]; to: WarningStatus }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  resolve: { from: ['open', 'acknowledged'], to: 'resolved' },
  dismiss: { from: ['open', 'acknowledged'], to: 'dismissed' },
}

/** The status after an action, or null when the action is not allowed from the current status. */
export function nextWarningStatus(current: WarningStatus, action: WarningAction): WarningStatus | null {
  if (action === 'reassign') return current === 'open' || current === 'acknowledged' ? current : null
  const t = TRANSITIONS[action]
  return t.from.includes(current) ? t.to : null
}

export const isOpenStatus = (s: string) => s === 'open' || s === 'acknowledged'

/**
 * Spreads new warnings over the holders of the owner position, least loaded first, in turn (so a
 * burst of warnings does not all land on one person). Returns warning id → holder id.
 */
export function spreadOwners(
  warningIds: readonly string[],
  holders: readonly { id: string; open: number }[],
): Map<string, string> {
  const out = new Map<string, string>()
  if (holders.length === 0) return out
  const load = holders.map((h) => ({ ...h }))
  for (const id of warningIds) {
    load.sort((a, b) => a.open - b.open || a.id.localeCompare(b.id))
    const h = load[0]!
    out.set(id, h.id)
    h.open++
  }
  return out
}
