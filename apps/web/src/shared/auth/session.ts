/**
 * The signed-in staff member ("Me") and what they may do. Permissions decide what the console shows;
 * the server enforces them again on every request.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { api, setCsrfToken } from '../api/client'
import { isApiError } from '../api/error'
import type { Me } from '../api/types'

export const ME_KEY = ['me'] as const

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/v1/me', undefined, { allowUnauthenticated: true })
    setCsrfToken(me.csrfToken)
    return me
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null
    throw error
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false })
}

/** Permission checks for the signed-in user; `can()` is false until we know who they are. */
export function usePermissions() {
  const { data: me } = useMe()
  const can = useCallback((permission?: string | string[]) => hasPermission(me, permission), [me])
  return { me: me ?? null, can }
}

export function hasPermission(me: Me | null | undefined, permission?: string | string[]): boolean {
  if (!permission) return Boolean(me)
  if (!me) return false
  const needed = Array.isArray(permission) ? permission : [permission]
  return needed.some((code) => me.permissions.includes(code))
}

/** A fresh login: forget whatever the previous user's screens had cached, then remember the new user. */
export function startSession(queryClient: QueryClient, me: Me): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] })
  setCsrfToken(me.csrfToken)
  queryClient.setQueryData(ME_KEY, me)
}

export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null)
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] })
  queryClient.setQueryData(ME_KEY, null)
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { allowUnauthenticated: true })
    } finally {
      endSession(queryClient)
    }
  }, [queryClient])
}
