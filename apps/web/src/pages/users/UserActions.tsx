import { Button, Popconfirm, Space } from 'antd'
import type { User } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { useT } from '../../shared/i18n'
import { useUserActions } from './useUserActions'

type UserActionsProps = { user: User; onEdit: (user: User) => void; onResetPassword: (user: User) => void }

/** Row actions for `user.manage` holders. Only freezing asks first: it locks a colleague out. */
export function UserActions({ user, onEdit, onResetPassword }: UserActionsProps) {
  const t = useT()
  const { me, can } = usePermissions()
  const act = useUserActions()
  if (!can('user.manage')) return null
  const name = user.displayName || user.username
  const busy = act.isPending && act.variables?.user.id === user.id
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={() => onResetPassword(user)}>
        {t('users.resetPassword')}
      </Button>
      {user.locked && (
        <Button type="link" size="small" disabled={busy} onClick={() => act.mutate({ user, action: 'unlock' })}>
          {t('users.unlock')}
        </Button>
      )}
      {user.status === 'frozen' ? (
        <Button type="link" size="small" disabled={busy} onClick={() => act.mutate({ user, action: 'unfreeze' })}>
          {t('users.unfreeze')}
        </Button>
      ) : (
        user.id !== me?.id && (
          <Popconfirm
            title={t('users.freezeConfirm', { name })}
            okButtonProps={{ danger: true }}
            onConfirm={() => act.mutateAsync({ user, action: 'freeze' }).catch(() => undefined)}
          >
            <Button type="link" size="small" danger disabled={busy}>
              {t('users.freeze')}
            </Button>
          </Popconfirm>
        )
      )}
    </Space>
  )
}
