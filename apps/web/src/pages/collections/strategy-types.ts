/** Shapes of the strategy and legal-process API (docs/api-collections.md). */
export const CHANNELS = ['sms', 'call', 'visit', 'letter', 'legal_notice'] as const
export type StrategyChannel = (typeof CHANNELS)[number]

export type Segment = {
  code: string
  name: string
  stages: string[]
  minAmount: string | null
  maxAmount: string | null
  minScore: number | null
  maxScore: number | null
  minBrokenPromises: number | null
  maxBrokenPromises: number | null
  minPreviousCases: number | null
  maxPreviousCases: number | null
  channels: { channel: StrategyChannel; weight: number }[]
  priority: number
  contactEveryDays: number | null
}

export type Strategy = {
  id: string
  name: string
  description: string | null
  segments: Segment[]
  status: 'draft' | 'active' | 'retired'
  role: 'champion' | 'challenger' | null
  challengerPercent: number | null
  activatedOn: string | null
  retiredOn: string | null
  version: number
  updatedAt: string
}

export type ResultFigures = {
  cases: number
  collected: number
  collectionRate: number | null
  recovered: string
  promises: number
  kept: number
  broken: number
  promiseKeptRate: number | null
}

export type StrategyReport = {
  from: string
  to: string
  strategies: (ResultFigures & {
    strategyId: string
    name: string
    status: string
    role: string | null
    segments: (ResultFigures & { segmentCode: string | null; segmentName: string | null; priority: number | null })[]
  })[]
}

export type CaseStrategy = { strategyId: string; name: string; role: string | null; segment: Segment | null }

export const LEGAL_STATUSES = ['escalated', 'lawyer_assigned', 'filed', 'judgment', 'enforcement', 'closed'] as const
export type LegalStatus = (typeof LEGAL_STATUSES)[number]
export const LEGAL_OUTCOMES = ['recovered', 'settled', 'withdrawn', 'uncollectible', 'lost'] as const
export const LEGAL_FEE_KINDS = ['lawyer', 'court', 'enforcement', 'other'] as const

/** Where a legal case may go from each status (as the server's domain/legal-process.ts). */
export const LEGAL_NEXT: Record<LegalStatus, LegalStatus[]> = {
  escalated: ['lawyer_assigned', 'closed'],
  lawyer_assigned: ['filed', 'closed'],
  filed: ['judgment', 'closed'],
  judgment: ['enforcement', 'closed'],
  enforcement: ['closed'],
  closed: [],
}

export type LegalCase = {
  id: string
  caseId: string
  loanId: string
  loanNo: string
  borrowerName: string
  status: LegalStatus
  firm: string | null
  lawyer: string | null
  court: string | null
  docketNo: string | null
  claimAmount: string | null
  judgmentAmount: string | null
  feesTotal: string
  outcome: string | null
  escalatedOn: string
  lawyerAssignedOn: string | null
  filedOn: string | null
  judgmentOn: string | null
  enforcementOn: string | null
  closedOn: string | null
  updatedAt: string
}

export type LegalEvent = {
  id: string
  kind: 'status' | 'fee' | 'note'
  fromStatus: string | null
  toStatus: string | null
  eventDate: string
  feeKind: string | null
  amount: string | null
  notes: string | null
  documents: { name: string; fileRef: string }[]
  createdBy: string | null
  createdAt: string
}

export type LegalCaseDetail = LegalCase & { events: LegalEvent[] }
