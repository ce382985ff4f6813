/**
 * Application statuses. Internal statuses are finer than what the applicant sees (PRODUCT.md §2:
 * submitted → under review → approved / rejected → disbursing → disbursed).
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'manual_review',
  'approval',
  'approved',
  'disbursing',
  'disbursed',
  'rejected',
  'cancelled',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** Statuses in which the application still holds its product: a second one is refused (409). */
export const ACTIVE_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'manual_review',
  'approval',
  'approved',
  'disbursing',
]

export const BORROWER_STATUSES = [
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'disbursing',
  'disbursed',
] as const
export type BorrowerStatus = (typeof BORROWER_STATUSES)[number] | 'cancelled'

export function borrowerStatusOf(status: ApplicationStatus): BorrowerStatus {
  switch (status) {
    case 'submitted':
      return 'submitted'
    case 'manual_review':
    case 'approval':
      return 'under_review'
    case 'approved':
      return 'approved'
    case 'disbursing':
      return 'disbursing'
    case 'disbursed':
      return 'disbursed'
    case 'rejected':
      return 'rejected'
    default:
      return 'cancelled'
  }
}

/** The progress steps the H5 shows, each done / current / pending / failed. */
export function progressOf(status: ApplicationStatus) {
  const steps = ['submitted', 'under_review', 'approved', 'disbursing', 'disbursed'] as const
  const current = borrowerStatusOf(status)
  if (current === 'rejected' || current === 'cancelled')
    return steps.map((s, i) => ({
      step: s,
      state: i === 0 ? ('done' as const) : i === 1 ? ('failed' as const) : ('pending' as const),
    }))
  const at = steps.indexOf(current as (typeof steps)[number])
  return steps.map((s, i) => ({
    step: s,
    state:
      i < at || (current === 'disbursed' && i === at)
        ? ('done' as const)
        : i === at
          ? ('current' as const)
          : ('pending' as const),
  }))
}

const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['manual_review', 'approval', 'approved', 'rejected', 'cancelled'],
  manual_review: ['approval', 'approved', 'rejected', 'cancelled'],
  approval: ['approved', 'rejected', 'cancelled'],
  approved: ['disbursing', 'cancelled'],
  disbursing: ['disbursed', 'approved'],
  disbursed: [],
  rejected: [],
  cancelled: [],
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return TRANSITIONS[from].includes(to)
}
