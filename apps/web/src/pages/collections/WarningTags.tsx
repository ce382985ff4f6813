/** Tags for a warning's severity and status. */
import { Tag } from 'antd'
import { type MessageKey, useT } from '../../shared/i18n'
import type { Severity, WarningStatus } from './warning-types'

const SEVERITY_COLORS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' }
const STATUS_COLORS: Record<WarningStatus, string> = {
  open: 'volcano',
  acknowledged: 'gold',
  resolved: 'green',
  dismissed: 'default',
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT()
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`collections.warnings.severity.${severity}` as MessageKey)}</Tag>
}

export function WarningStatusTag({ status }: { status: WarningStatus }) {
  const t = useT()
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="warning-status">
      {t(`collections.warnings.status.${status}` as MessageKey)}
    </Tag>
  )
}
