/**
 * The risk engine's shapes as the console sees them: the configuration model mirrors
 * apps/server/src/modules/risk/domain/model.ts, the rest follows docs/api-risk.md.
 */

export type IndicatorType = 'number' | 'string' | 'boolean' | 'date' | 'enum' | 'string_list'
export type IndicatorSourceKind = 'input' | 'own' | 'derived' | 'list' | 'third_party'
export type Decision = 'pass' | 'reject' | 'manual'
export type Operator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'in' | 'not_in' | 'contains' | 'is_empty'
export type Scalar = number | string | boolean
export type IndicatorValue = number | string | boolean | string[] | null

export type ConditionLeaf =
  | { indicator: string; operator: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains'; value: Scalar }
  | { indicator: string; operator: 'between'; values: [Scalar, Scalar] }
  | { indicator: string; operator: 'in' | 'not_in'; values: Scalar[] }
  | { indicator: string; operator: 'is_empty' }
export type ConditionGroup = { op: 'and' | 'or'; items: Condition[] }
export type Condition = ConditionLeaf | ConditionGroup

export const isGroup = (condition: Condition): condition is ConditionGroup => 'op' in condition

export type RuleMode = 'result' | 'score' | 'quota'
export type ScoreThreshold = { below: number; result: 'reject' | 'manual' }
type RuleHeader = { id: string; code: string; name: string; version: number; enabled: boolean }
export type ResultRule = RuleHeader & {
  mode: 'result'
  relation: 'all_pass' | 'any_pass'
  expressions: { condition: Condition; result: Decision }[]
}
export type ScoreRule = RuleHeader & {
  mode: 'score'
  relation: 'max' | 'min' | 'sum'
  expressions: { condition: Condition; result: number }[]
  thresholds?: ScoreThreshold[]
}
export type QuotaRule = RuleHeader & {
  mode: 'quota'
  relation: 'max' | 'min' | 'sum'
  expressions: { condition: Condition; result: string }[]
}
export type Rule = ResultRule | ScoreRule | QuotaRule
export type Expression = Rule['expressions'][number]

export type IndicatorConfig =
  | { kind: 'input' }
  | { kind: 'own'; table: string; field: string }
  | {
      kind: 'derived'
      aggregate: 'count' | 'distinct_count'
      entity: 'device_events' | 'evaluations'
      match: 'device' | 'ip' | 'subject'
      distinct?: 'device' | 'ip' | 'subject'
      event?: 'register' | 'login' | 'apply'
      scene?: string
      window?: Window | null
    }
  | { kind: 'derived'; aggregate: 'overdue_count'; entity: 'installments'; match: 'subject'; window?: Window | null }
  | { kind: 'derived'; aggregate: 'differs'; left: string; right: string }
  | { kind: 'derived'; aggregate: 'days_since'; from: string }
  | { kind: 'list'; listType: ListKind; kinds: ListSubject[] }
  | { kind: 'third_party'; source: string; path: string }
export type Window = { amount: number; unit: 'hour' | 'day' | 'month' }

export type Indicator = {
  id: string
  code: string
  name: string
  description?: string | null
  type: IndicatorType
  enumValues?: string[] | null
  sourceKind: IndicatorSourceKind
  dataSource: string
  config: IndicatorConfig
  enabled: boolean
  usedBy?: { sceneCode: string; version: number; ruleCodes: string[] }[]
  createdAt?: string
  updatedAt?: string
}

export type VersionStatus = 'draft' | 'pending_approval' | 'published' | 'superseded' | 'rejected'

export type RuleSetVersion = {
  id: string
  sceneCode: string
  version: number
  name: string
  status: VersionStatus
  target: 'champion' | 'challenger' | null
  rules: Rule[]
  ruleCount?: number
  createdBy?: string
  createdByName?: string | null
  createdAt?: string
  updatedAt?: string
  submittedBy?: string | null
  approvedBy?: string | null
  publishedAt?: string | null
  approvalId?: string | null
}

export type VersionRef = { versionId: string; version: number; name: string }

export type Scene = {
  id: string
  code: string
  name: string
  description: string | null
  builtIn: boolean
  champion: VersionRef | null
  challenger: VersionRef | null
  challengerShare: number
  useChallengerDecision: boolean
  pendingVersionId: string | null
  updatedAt?: string
}

export type VersionDiff = {
  from: { id: string; version: number } | null
  to: { id: string; version: number }
  added: Rule[]
  removed: Rule[]
  changed: {
    id: string
    code: string
    name: string
    fields: string[]
    expressions: {
      added: Expression[]
      removed: Expression[]
      changed: { index: number; before: Expression; after: Expression }[]
    }
  }[]
  moved: { id: string; code: string; from: number; to: number }[]
}

export type DataSource = {
  id: string
  code: string
  name: string
  enabled: boolean
  url: string
  method: 'GET' | 'POST'
  requestMapping: Record<string, string>
  responseFields: { path: string; indicator: string }[]
  timeoutMs: number
  costPerCall: string
  callCycle: { mode: 'every_time' } | { mode: 'reuse'; days: number }
  fallback: { mode: 'manual' } | { mode: 'default'; values: Record<string, IndicatorValue> }
  createdAt?: string
  updatedAt?: string
}

export type SourceTestResult = {
  ok: boolean
  latencyMs: number
  status: number | null
  values: Record<string, IndicatorValue>
  raw: unknown
  error: string | null
}

export type SourceCall = {
  source: string
  indicators: string[]
  latencyMs: number
  cost: string
  cached: boolean
  failed: boolean
  error?: string
  fallback: 'none' | 'manual' | 'default'
}

export type IndicatorSeen = {
  code: string
  value: IndicatorValue
  origin: 'input' | 'source' | 'default' | 'unavailable'
}
export type ExpressionTrace = {
  matched: boolean
  result: Decision | number | string | null
  indicators: IndicatorSeen[]
}
export type RuleTrace = {
  id: string
  code: string
  name: string
  version: number
  mode: RuleMode
  skipped: boolean
  result: Decision | null
  score?: number
  amount?: string | null
  expressions: ExpressionTrace[]
}

export type RiskReport = {
  ruleSet: { id: string; scene: string; name: string; version: number }
  decision: Decision
  score: number | null
  amount: string | null
  fallbackToManual: boolean
  rules: RuleTrace[]
  sourcesCalled: SourceCall[]
  dataCost: string
}

export type ReportSummary = {
  id: string
  sceneCode: string
  versionId: string
  version: number
  variant: 'champion' | 'challenger' | null
  customerId: string | null
  applicationId: string | null
  subjectKey?: string | null
  decision: Decision
  score: number | null
  amount: string | null
  dataCost: string
  challengerDecision: Decision | null
  createdAt: string
}

export type ReportDetail = ReportSummary & {
  device: { fingerprint: string | null; ip: string | null } | null
  report: RiskReport
  challenger: RiskReport | null
  inputs?: Record<string, IndicatorValue> | null
}

export type TestRun = { decision: Decision; score: number | null; amount: string | null; report: RiskReport }

export type ListKind = 'black' | 'white' | 'grey'
export type ListSubject = 'id_number' | 'phone' | 'device' | 'ip' | 'bank_card'
export type ListEntry = {
  id: string
  listType: ListKind
  kind: ListSubject
  valueMasked: string
  reason: string | null
  expiresAt: string | null
  active: boolean
  createdBy?: string | null
  createdAt: string
}

export type DecisionCounts = Record<Decision, number>
export type BacktestResult = {
  evaluations: number
  transitions: {
    pass_reject: number
    pass_manual: number
    reject_pass: number
    reject_manual: number
    manual_pass: number
    manual_reject: number
    unchanged: number
  }
  decisions: { before: DecisionCounts; after: DecisionCounts }
  creditLine: { before: string; after: string; change: string; averageChange: string; changed: number }
  dataCost: { before: string; after: string }
  missingValues: number
  samples: { reportId: string; before: Decision; after: Decision }[]
}

export type OwnTable = { table: string; fields: { field: string; type: IndicatorType; label: string }[] }
