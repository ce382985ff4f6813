/** Freeze, unfreeze and unlock: one click each (freeze is confirmed by the caller's Popconfirm). */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { api } from '../../shared/api/client'
import type { User } from '../../shared/api/types'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'

export type UserAction = 'freeze' | 'unfreeze' | 'unlock'

const SUCCESS_KEYS = { freeze: 'users.frozenOk', unfreeze: 'users.unfrozenOk', unlock: 'users.unlockedOk' } as const

export function useUserActions() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ user, action }: { user: User; action: UserAction }) =>
      api.post<User | undefined>(`/api/v1/users/${user.id}/${action}`),
    onSuccess: (_data, { user, action }) => {
      message.success(t(SUCCESS_KEYS[action], { name: user.displayName || user.username }))
      void invalidateList(queryClient, '/api/v1/users')
      void queryClient.invalidateQueries({ queryKey: ['user', user.id] })
    },
    onError: (error) => message.error(errorText(error)),
  })
}
