/** The four-eyes request (复核) as the console shows it, shared by the inbox and the pages that open requests. */
import { Tag } from 'antd'
import { isMessageKey, useT } from '../../shared/i18n'

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled'

export type Approval = {
  id: string
  institutionId: string
  kind: string
  objectType: string
  objectId: string
  summary: string
  payload: unknown
  status: ApprovalStatus
  requestedBy: string
  requestedByName: string
  requestedAt: string
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  comment: string | null
  result: unknown
}

export const APPROVALS_PATH = '/api/v1/approvals'

const STATUS_COLORS: Record<ApprovalStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
}

export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const t = useT()
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="approval-status">
      {t(`approvals.status.${status}`)}
    </Tag>
  )
}

/** `loan.waiver` → 减免; kinds registered later by other modules show their code until they add a label. */
export function useApprovalKindLabel() {
  const t = useT()
  return (kind: string) => {
    const key = `approvals.kind.${kind}`
    return isMessageKey(key) ? t(key) : kind
  }
}

/** Where the object of a request is seen in the console. */
export function objectPath(approval: Pick<Approval, 'objectType' | 'objectId'>): string | null {
  if (approval.objectType === 'loan') return `/servicing/loans/${approval.objectId}`
  if (approval.objectType === 'product') return `/servicing/products/${approval.objectId}`
  if (approval.objectType === 'risk_version') return `/risk/versions/${approval.objectId}`
  return null
}
