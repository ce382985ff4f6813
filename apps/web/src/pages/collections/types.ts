/** Shapes of the collections API (docs/api-collections.md). */
import type { CaseStrategy, LegalCaseDetail } from './strategy-types'

export const COLLECTIONS = '/api/v1/collections'

export type CaseStatus = 'unassigned' | 'assigned' | 'collected' | 'closed'

export type CollectionCase = {
  id: string
  institutionId: string
  loanId: string
  loanNo: string
  customerId: string | null
  borrowerName: string
  status: CaseStatus
  stageCode: string
  collectorId: string | null
  collectorName: string | null
  dpd: number
  overdueAmount: string
  brokenPromises: number
  lastContactAt: string | null
  openedOn: string
  stageEnteredOn: string
  assignedOn: string | null
  finishedOn: string | null
  finishReason: string | null
  strategyId?: string | null
  segmentCode?: string | null
  segmentPriority?: number | null
}

export type Pool = {
  stageCode: string
  position: string
  opensCases: boolean
  autoAssign: boolean
  strategy: 'round_robin' | 'by_load'
  capPerCollector: number | null
  unassigned: number
  assigned: number
}

export type Collector = {
  id: string
  username: string
  displayName: string
  teamId: string | null
  positions: string[]
  paused: boolean
  cap: number | null
  load: number
}

export type Stage = { code: string; fromDay: number; toDay: number | null; position: string; opensCases: boolean }

export type StageSets = {
  short: Stage[]
  monthly: Stage[]
  products: {
    productId: string
    productName: string
    termUnit: string | null
    follows: string
    stages: Stage[] | null
  }[]
}

export type CollectionRecord = {
  id: string
  caseId: string
  collectorId: string
  collectorName: string | null
  channel: string
  contact: string
  contactKey: string
  contactLabel: string | null
  reached: boolean
  resultCode: string
  notes: string | null
  recordingRef: string | null
  businessDate: string
  createdAt: string
}

export type PromiseToPay = {
  id: string
  caseId: string
  amount: string
  promisedDate: string
  madeOn: string
  status: 'pending' | 'kept' | 'broken'
  paidAmount: string
  resolvedOn: string | null
}

export type CaseDetail = CollectionCase & {
  loan: {
    id: string
    loanNo: string
    productName: string | null
    status: string
    principal: string
    principalOutstanding: string
    penaltyOutstanding: string
    interestOutstanding: string
    feeOutstanding: string
    dpd: number
    overdueSince: string | null
    installmentsDue: number
  }
  transactions: {
    id: string
    type: string
    valueDate: string
    amount: string
    channel: string | null
    reversed: boolean
  }[]
  borrower: {
    id: string
    name: string
    idNumber: string
    phone: string
    contacts: { id: string; name: string; relation: string; phone: string }[]
    addressBook: { count: number; uploadedAt: string | null }
  } | null
  complaints: Complaint[]
  thirdPartyData: { source: string; values: Record<string, unknown>; fetchedAt: string }[]
  riskReports: {
    id: string
    sceneCode: string
    decision: 'pass' | 'reject' | 'manual'
    score: string | null
    createdAt: string
  }[]
  stages: {
    stageCode: string
    enteredOn: string
    leftOn: string | null
    dpdOnEntry: number
    collectorId: string | null
  }[]
  assignments: {
    stageCode: string
    collectorName: string | null
    kind: string
    businessDate: string
    createdAt: string
  }[]
  records: CollectionRecord[]
  promises: PromiseToPay[]
  contactFlags: { contactKey: string; flag: string; reason: string | null; createdAt: string }[]
  legal: {
    id: string
    kind: string
    reason: string
    documents: { name: string; fileRef: string }[]
    approvalId: string | null
    businessDate: string
  }[]
  legalCases: LegalCaseDetail[]
  strategy: CaseStrategy | null
}

export type Compliance = {
  allowedFrom: string
  allowedTo: string
  timeZone: string
  maxUnansweredPerDay: number
  thirdPartyOnlyWhenUnreachable: boolean
}

export type Statistics = {
  from: string
  to: string
  groupBy: string
  total: { finished: number; inCollection: number; rate: number | null }
  items: {
    key: string
    label: string | null
    finished: number
    inCollection: number
    rate: number | null
    recovered: string
  }[]
  rolls: {
    stageCode: string
    entered: number
    rolled: number
    cured: number
    rollRate: number | null
    cureRate: number | null
  }[]
  collectors: {
    collectorId: string
    name: string | null
    actions: number
    reached: number
    promises: number
    kept: number
    broken: number
    promiseKeptRate: number | null
  }[]
}

export type Complaint = {
  id: string
  caseId: string
  receivedVia: 'phone' | 'app' | 'letter' | 'regulator' | 'other'
  category: 'harassment' | 'third_party' | 'wrong_amount' | 'hours' | 'other'
  description: string
  status: 'open' | 'resolved'
  resolution: string | null
  createdAt: string
  resolvedAt: string | null
}
