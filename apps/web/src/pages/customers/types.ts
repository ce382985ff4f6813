/** Shapes of the customers API (apps/server/src/modules/customers/routes.ts). */
export type Sex = 'male' | 'female'

export type CustomerListItem = {
  id: string
  institutionId: string
  name: string
  idNumber: string
  phone: string
  sex: Sex
  birthDate: string
  channel: string | null
  tags: string[]
  managerId: string | null
  createdAt: string
}

export type Address = { province: string; city: string; district?: string; detail?: string }
export type Job = { employer?: string; position?: string; industry?: string; monthlyIncome?: string }

export type Customer = CustomerListItem & {
  borrowerId: string | null
  otherPhones: string[]
  address: Address | null
  job: Job | null
  contacts: { id: string; name: string; relation: string; phone: string; createdAt: string }[]
  bankCards: { id: string; bank: string; cardNumber: string; createdAt: string }[]
  addressBook: { count: number; uploadedAt: string | null }
  documents: { kind: string; fileRef: string; name?: string; addedAt: string }[]
  createdBy: string | null
  updatedAt: string
  unmasked: boolean
}

export type Installment = {
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
  status: string
}

export type LoanTransaction = {
  id: string
  type: string
  valueDate: string
  amount: string
  reversedById: string | null
}

export type CustomerLoan = {
  id: string
  loanNo: string
  status: string
  principal: string
  term: number
  termUnit: string
  annualRatePercent: string
  disbursedOn: string | null
  maturityDate: string | null
  principalOutstanding: string
  dpd: number
  schedule: Installment[]
  transactions: LoanTransaction[]
}

export type TimelineEntry = {
  at: string
  source: 'audit' | 'event'
  kind: string
  actor: string | null
  objectType: string
  objectId: string | null
}

export type Customer360 = {
  customer: Customer
  /** sections other modules contribute; absent when the module is not there or the caller may not see it */
  sections: { loans?: { total: number; items: CustomerLoan[] } } & Record<string, unknown>
  timeline: TimelineEntry[]
}

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'relative', 'friend', 'colleague', 'other'] as const
export const CHANNELS = ['app', 'h5', 'wechat', 'partner', 'offline'] as const
