/** Tags and label helpers shared by the risk pages. */
import { Tag } from 'antd'
import { isMessageKey, useT } from '../../shared/i18n'
import type { Decision, IndicatorValue, VersionStatus } from './types'

const DECISION_COLORS: Record<Decision, string> = { pass: 'green', reject: 'red', manual: 'gold' }

export function DecisionTag({ decision, testId }: { decision: Decision | null | undefined; testId?: string }) {
  const t = useT()
  if (!decision) return <Tag>—</Tag>
  return (
    <Tag color={DECISION_COLORS[decision]} data-testid={testId} data-decision={decision}>
      {t(`risk.decision.${decision}`)}
    </Tag>
  )
}

const STATUS_COLORS: Record<VersionStatus, string> = {
  draft: 'blue',
  pending_approval: 'gold',
  published: 'green',
  superseded: 'default',
  rejected: 'red',
}

export function VersionStatusTag({ status, role }: { status: VersionStatus; role?: 'champion' | 'challenger' | null }) {
  const t = useT()
  return (
    <>
      <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="version-status" data-status={status}>
        {t(`risk.versionStatus.${status}`)}
      </Tag>
      {role && <Tag color={role === 'champion' ? 'purple' : 'cyan'}>{t(`risk.scene.${role}`)}</Tag>}
    </>
  )
}

/** `risk.<group>.<code>` when the dictionary knows it, else the code itself. */
export function useCodeLabel() {
  const t = useT()
  return (group: string, code: string | null | undefined) => {
    if (!code) return '—'
    const key = `risk.${group}.${code}`
    return isMessageKey(key) ? t(key) : code
  }
}

export function formatValue(value: IndicatorValue | undefined): string {
  if (value === undefined) return '—'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.join(', ')}]`
  return typeof value === 'string' ? value : String(value)
}
