/** Status tags and small renderers shared by the collections pages. */
import { Tag } from 'antd'
import { type MessageKey, useT } from '../../shared/i18n'
import type { CaseStatus } from './types'

const COLORS: Record<CaseStatus, string> = {
  unassigned: 'orange',
  assigned: 'blue',
  collected: 'green',
  closed: 'default',
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const t = useT()
  return (
    <Tag color={COLORS[status]} data-testid="case-status">
      {t(`collections.case.status.${status}` as MessageKey)}
    </Tag>
  )
}

export function PromiseTag({ status }: { status: 'pending' | 'kept' | 'broken' }) {
  const t = useT()
  const color = status === 'kept' ? 'green' : status === 'broken' ? 'red' : 'gold'
  return <Tag color={color}>{t(`collections.promise.status.${status}` as MessageKey)}</Tag>
}

export function StageTag({ code }: { code: string }) {
  const rank = Number(code.replace(/\D/g, '')) || 0
  const color = ['cyan', 'gold', 'orange', 'volcano', 'red'][Math.min(rank, 4)]
  return <Tag color={color}>{code}</Tag>
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`)
