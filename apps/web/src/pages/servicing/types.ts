/**
 * Wire shapes of the servicing API (apps/server/src/modules/servicing, docs/api-servicing.md).
 * Money travels as decimal strings ("1234.56"), rates as percent strings ("18" = 18 %), dates as
 * `YYYY-MM-DD`. Only the console's servicing pages use these, so they live beside them.
 */

export type TermUnit = 'month' | 'day'
export type RepaymentMethod = 'equal_installment' | 'equal_principal' | 'interest_first' | 'bullet'
export type DayCount = 'ACT/365' | 'ACT/360' | '30/360'
export type PenaltyBase = 'overdue_principal' | 'overdue_amount'
export type Rounding = 'half_up' | 'half_even'
export type PrepaymentRule = 'allowed' | 'allowed_with_fee' | 'not_allowed'
export type AllocationComponent = 'penalty' | 'fee' | 'interest' | 'principal'

export const METHODS: RepaymentMethod[] = ['equal_installment', 'equal_principal', 'interest_first', 'bullet']
export const ALLOCATION_COMPONENTS: AllocationComponent[] = ['penalty', 'fee', 'interest', 'principal']

export type ProductStatus = 'draft' | 'listed' | 'delisted'
export type VersionStatus = 'draft' | 'pending_approval' | 'active' | 'superseded' | 'rejected'

export type ProductTerms = {
  minAmount: string
  maxAmount: string
  minTerm: number
  maxTerm: number
  termUnit: TermUnit
  annualRatePercent: string
  methods?: RepaymentMethod[]
  dayCount?: DayCount
  upfrontFeePercent?: string
  installmentFee?: string
  penaltyRatePercent?: string
  penaltyBase?: PenaltyBase
  graceDays?: number
  rounding?: Rounding
  allocationOrder?: AllocationComponent[]
  prepaymentRule?: PrepaymentRule
  prepaymentFeePercent?: string
  aprCapPercent?: string
  conditions?: Record<string, unknown>
  requiredDocuments?: string[]
}

export type ProductVersion = Required<ProductTerms> & {
  id: string
  version: number
  status: VersionStatus
  aprPercent: string
  withinCap: boolean
  createdBy: string | null
  approvedBy: string | null
  createdAt: string
}

export type Product = {
  id: string
  institutionId: string
  code: string
  name: string
  category: string
  status: ProductStatus
  currentVersion: ProductVersion | null
  createdAt: string
  updatedAt: string
}

export type ProductDetail = Product & { versions: ProductVersion[] }
/** PATCH answers the product and, when pricing changed on a listed product, the approval it opened. */
export type ProductUpdateResult = ProductDetail & { approvalId: string | null }

export type ScheduleRequest = {
  principal: string
  annualRatePercent: string
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  startDate?: string
  upfrontFee?: string
  installmentFee?: string
}

export type ScheduleLine = {
  number: number
  dueDate: string
  principal: string
  interest: string
  fee: string
  total: string
  remainingPrincipal: string
}

export type Schedule = {
  method: RepaymentMethod
  termUnit: TermUnit
  startDate: string
  maturityDate: string
  levelPayment?: string
  irregularFirstPeriod: boolean
  installments: ScheduleLine[]
  totals: {
    principal: string
    interest: string
    fee: string
    total: string
    upfrontFee: string
    netDisbursement: string
  }
  aprPercent?: string
}

export type LoanStatus =
  | 'pending_disbursement'
  | 'disbursing'
  | 'active'
  | 'overdue'
  | 'settled'
  | 'written_off'
  | 'cancelled'

export const LOAN_STATUSES: LoanStatus[] = [
  'pending_disbursement',
  'disbursing',
  'active',
  'overdue',
  'settled',
  'written_off',
  'cancelled',
]

export type Loan = {
  id: string
  institutionId: string
  loanNo: string
  productId: string
  productVersionId: string
  customerId: string | null
  applicationId: string | null
  borrowerName: string
  status: LoanStatus
  principal: string
  annualRatePercent: string
  penaltyRatePercent: string
  aprPercent: string | null
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  dayCount: string
  rounding: string
  penaltyBase: string
  graceDays: number
  allocationOrder: string[]
  upfrontFee: string
  disbursedOn: string | null
  maturityDate: string | null
  principalOutstanding: string
  interestOutstanding: string
  feeOutstanding: string
  penaltyOutstanding: string
  creditBalance: string
  dpd: number
  overdueSince: string | null
  lastCobDate: string | null
  settledOn: string | null
  writtenOffOn: string | null
  createdAt: string
  updatedAt: string
  /** Some answers name the product; the list otherwise shows its id. */
  productName?: string
}

export type InstallmentStatus = 'pending' | 'partially_paid' | 'paid' | 'overdue'

export type Installment = {
  id: string
  number: number
  dueDate: string
  principalDue: string
  interestDue: string
  feeDue: string
  penaltyDue: string
  principalPaid: string
  interestPaid: string
  feePaid: string
  penaltyPaid: string
  interestWaived: string
  feeWaived: string
  penaltyWaived: string
  status: InstallmentStatus
  paidOn: string | null
}

export type LoanDetail = Loan & { schedule: Installment[] }

export type LoanTransaction = {
  id: string
  loanId: string
  type: string
  valueDate: string
  amount: string
  principalPortion: string
  interestPortion: string
  feePortion: string
  penaltyPortion: string
  creditPortion: string
  channel: string | null
  externalRef: string | null
  reason: string | null
  reversesId: string | null
  reversedById: string | null
  createdAt: string
}

export type JournalLine = { accountCode: string; accountName?: string; debit: string; credit: string }
export type JournalEntry = {
  id: string
  entryDate: string
  eventType: string
  eventId: string
  description: string | null
  createdAt: string
  lines: JournalLine[]
}

/** An outbox event about the loan (became overdue, DPD changed, settled …). */
export type LoanEvent = {
  id: string | number
  type: string
  occurredAt?: string
  createdAt?: string
  businessDate?: string
  payload?: unknown
}

export type PayoffQuote = {
  loanId?: string
  date?: string
  asOf?: string
  principal: string
  interest: string
  fee: string
  penalty: string
  prepaymentFee?: string
  creditBalance?: string
  total: string
}

export type TrialBalanceRow = {
  accountCode: string
  accountName?: string
  name?: string
  kind?: string
  debit: string
  credit: string
  balance?: string
}

export type TrialBalance = {
  asOf?: string
  institutionId?: string
  rows?: TrialBalanceRow[]
  accounts?: TrialBalanceRow[]
  totals?: { debit: string; credit: string }
  balanced?: boolean
}

export type LedgerMismatch = {
  loanId?: string | null
  loanNo?: string | null
  check?: string
  kind?: string
  account?: string
  expected?: string
  actual?: string
  message?: string
}

export type LedgerVerifyResult = {
  ok: boolean
  entries?: number
  checkedEntries?: number
  loans?: number
  checkedLoans?: number
  mismatches?: LedgerMismatch[]
  problems?: LedgerMismatch[]
}

export type CobRun = {
  id: string
  institutionId: string
  businessDate: string
  status: 'running' | 'completed' | 'failed'
  step: string | null
  loansTotal: number
  loansDone: number
  stats: Record<string, number>
  error: string | null
  startedAt: string
  finishedAt: string | null
}
