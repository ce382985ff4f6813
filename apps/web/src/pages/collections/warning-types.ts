/** Shapes of the early-warning API (/api/v1/collections/warnings). */
export const WARNINGS = '/api/v1/collections/warnings'

export const WARNING_RULES = ['underpayment_streak', 'ip_velocity', 'first_payment_default'] as const
export type WarningRuleCode = (typeof WARNING_RULES)[number]
export const SEVERITIES = ['high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]
export const WARNING_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const
export type WarningStatus = (typeof WARNING_STATUSES)[number]

export type Warning = {
  id: string
  ruleCode: WarningRuleCode
  severity: Severity
  subjectType: 'loan' | 'customer' | 'ip'
  subjectId: string | null
  subjectLabel: string
  loanId: string | null
  customerIds: string[]
  status: WarningStatus
  ownerId: string | null
  ownerName: string | null
  evidence: Record<string, unknown>
  businessDate: string
  note: string | null
  raisedAt: string
  acknowledgedAt: string | null
  closedAt: string | null
  closedOn: string | null
  acknowledgedByName?: string | null
  closedByName?: string | null
  caseId?: string | null
}

type Count = { key: string; total: number; active: number }
export type WarningStatistics = {
  from: string
  to: string
  active: number
  byRule: Count[]
  byStatus: Count[]
  bySeverity: Count[]
  trend: { day: string; raised: number; closed: number }[]
}

export type WarningParams = {
  thresholdPercent?: string
  periods?: number
  applications?: number
  windowMinutes?: number
  days?: number
}

export type WarningRule = {
  code: WarningRuleCode
  enabled: boolean
  severity: Severity
  ownerPosition: string
  toAccountManager: boolean
  params: WarningParams
  subjectType: string
}

export type WarningOwner = { id: string; username: string; displayName: string; open: number }
