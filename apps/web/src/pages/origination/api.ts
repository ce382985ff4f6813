/** Types of the origination and review API as the console uses them. */
export type Application = {
  id: string
  appNo: string
  customerId: string
  productId: string
  productName: string
  amount: string
  term: number
  termUnit: string
  method: string
  purpose: string
  applicant: {
    name: string
    idNumberMasked: string
    age: number
    phoneMasked: string
    employmentType: string
    monthlyIncome: string | null
    employer: string | null
    province: string | null
    city: string | null
  }
  documents: { uploadId: string; kind: string; name: string; type: string; size: number }[]
  status: string
  borrowerStatus: string
  channel: string
  checks: { check: string; status: string; detail: string | null; latencyMs: number }[]
  sceneCode: string | null
  riskReportId: string | null
  riskDecision: string | null
  riskScore: string | null
  quota: string | null
  rejectReason: string | null
  loanId: string | null
  submittedAt: string
  decidedAt: string | null
}

export type ApprovalStep = {
  stepNo: number
  code: string
  name: string
  position: string | null
  status: string
  decidedByName: string | null
  decidedAt: string | null
  comment: string | null
}

export type ApplicationDetail = Application & {
  approvals: ApprovalStep[]
  contract: {
    contractNo: string
    status: string
    sha256: string
    signedAt: string | null
    signedIp: string | null
    signedDevice: string | null
    signMethod: 'h5' | 'in_branch'
    signedByStaffName: string | null
    identityChecked: boolean
  } | null
}

export type RejectReason = {
  id: string
  code: string
  'zh-CN': string
  'en-US': string
  borrowerText: { 'zh-CN': string; 'en-US': string }
  active: boolean
  sortOrder: number
}

export type Order = {
  id: string
  applicationId: string
  appNo: string
  customerName: string
  amount: string
  stage: 'first' | 'second'
  status: string
  assigneeId: string | null
  assigneeName: string | null
  assignedAt: string | null
  dueAt: string
  slaState: 'ok' | 'warning' | 'overdue' | 'done'
  handlingMinutes: number | null
  result: string | null
  rejectReasonCode: string | null
  notes: string | null
  createdAt: string
}

export type Reviewer = { id: string; username: string; displayName: string; online: boolean; open: number }

export type Pool = {
  stage: 'first' | 'second'
  teamId: string | null
  teamName: string | null
  autoMode: 'manual' | 'round_robin' | 'least_loaded'
  cap: number
  slaMinutes: number
  counts: Record<string, number>
  overdueOpen: number
  reviewers: Reviewer[]
}

export const APPLICATION_STATUSES = [
  'submitted',
  'manual_review',
  'approval',
  'approved',
  'disbursing',
  'disbursed',
  'rejected',
] as const
export const ORDER_STATUSES = ['awaiting_assignment', 'awaiting_review', 'in_review', 'approved', 'rejected'] as const

export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
