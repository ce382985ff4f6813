/** Status tags of applications and review orders. */
import { Tag } from 'antd'
import { type MessageKey, useT } from '../../shared/i18n'

const APP_COLORS: Record<string, string> = {
  submitted: 'default',
  manual_review: 'processing',
  approval: 'purple',
  approved: 'cyan',
  disbursing: 'gold',
  disbursed: 'green',
  rejected: 'red',
  cancelled: 'default',
  under_review: 'processing',
}

export function AppStatusTag({ status }: { status: string }) {
  const t = useT()
  return (
    <Tag color={APP_COLORS[status] ?? 'default'} data-testid="app-status">
      {t(`orig.status.${status}` as MessageKey)}
    </Tag>
  )
}

const ORDER_COLORS: Record<string, string> = {
  awaiting_assignment: 'default',
  awaiting_review: 'blue',
  in_review: 'processing',
  approved: 'green',
  rejected: 'red',
}

export function OrderStatusTag({ status }: { status: string }) {
  const t = useT()
  return <Tag color={ORDER_COLORS[status] ?? 'default'}>{t(`review.status.${status}` as MessageKey)}</Tag>
}

export function SlaTag({ state }: { state: string }) {
  const t = useT()
  const color = state === 'overdue' ? 'red' : state === 'warning' ? 'orange' : state === 'done' ? 'default' : 'green'
  return <Tag color={color}>{t(`review.sla.${state}` as MessageKey)}</Tag>
}
