/** The strategy and segment a case follows, with the segment's approach (channel mix, priority, frequency). */
import { Space, Tag } from 'antd'
import { type MessageKey, useT } from '../../shared/i18n'
import type { CaseStrategy } from './strategy-types'

export function SegmentInfo({ strategy }: { strategy: CaseStrategy | null }) {
  const t = useT()
  if (!strategy) return <>—</>
  const g = strategy.segment
  return (
    <Space wrap size={4} data-testid="case-segment">
      <span>{strategy.name}</span>
      {g ? (
        <>
          <Tag color="blue">{g.name}</Tag>
          <Tag color={g.priority <= 2 ? 'red' : 'default'}>P{g.priority}</Tag>
          {g.channels.map((c) => (
            <Tag key={c.channel}>
              {t(`collections.channel.${c.channel}` as MessageKey)} {c.weight}%
            </Tag>
          ))}
          {g.contactEveryDays && <span>{t('collections.segment.every').replace('N', String(g.contactEveryDays))}</span>}
        </>
      ) : (
        <Tag>{t('collections.segment.none')}</Tag>
      )}
    </Space>
  )
}
