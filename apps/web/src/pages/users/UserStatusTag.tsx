import { Badge, Tag, Tooltip } from 'antd'
import type { User } from '../../shared/api/types'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'

/** Frozen (by an admin) and locked (by failed logins) are separate; a user can be both. */
export function UserStatusTags({ user }: { user: Pick<User, 'status' | 'locked' | 'lockedUntil'> }) {
  const t = useT()
  return (
    <>
      {user.status === 'frozen' ? (
        <Tag color="red">{t('users.status.frozen')}</Tag>
      ) : (
        !user.locked && <Tag color="green">{t('users.status.active')}</Tag>
      )}
      {user.locked && (
        <Tooltip
          title={user.lockedUntil ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) }) : undefined}
        >
          <Tag color="orange">{t('users.status.locked')}</Tag>
        </Tooltip>
      )}
    </>
  )
}

export function OnlineBadge({ online }: { online: boolean }) {
  const t = useT()
  return <Badge status={online ? 'success' : 'default'} text={t(online ? 'users.online.true' : 'users.online.false')} />
}
