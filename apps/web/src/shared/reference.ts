/**
 * Reference lists used by selects and labels across pages (institutions, teams, roles, positions,
 * the operations catalog). They share the list cache keys, so a change made on one page shows on all.
 */
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { api } from './api/client'
import { type Institution, type Operation, type Page, type Position, type Role, rowsOf, type Team } from './api/types'
import { usePermissions } from './auth/session'
import { listKey } from './list/usePagedList'

/** The contract caps pageSize at 200; reference selects show up to that many entries. */
const ALL = { page: 1, pageSize: 200 }

/** `paged`: the endpoint takes page/pageSize; otherwise it answers every row as an array. */
function useReferenceList<T>(path: string, enabled: boolean, paged = false) {
  const query = paged ? ALL : {}
  return useQuery({
    queryKey: [...listKey(path), query],
    queryFn: ({ signal }) => api.get<Page<T> | T[]>(path, query, { signal }),
    select: (data) => rowsOf<T>(data),
    enabled,
    staleTime: 30_000,
  })
}

export function useInstitutions() {
  const { can } = usePermissions()
  return useReferenceList<Institution>('/api/v1/institutions', can('institution.read'), true)
}

export function useTeams() {
  const { can } = usePermissions()
  return useReferenceList<Team>('/api/v1/teams', can('user.read'))
}

export function useRoles() {
  const { can } = usePermissions()
  return useReferenceList<Role>('/api/v1/roles', can('user.read'))
}

export function usePositions() {
  const { can } = usePermissions()
  return useReferenceList<Position>('/api/v1/positions', can('user.read'))
}

export function useOperations() {
  const { can } = usePermissions()
  return useQuery({
    queryKey: ['operations'],
    queryFn: ({ signal }) => api.get<Operation[] | Page<Operation>>('/api/v1/operations', undefined, { signal }),
    select: (data) => rowsOf<Operation>(data),
    enabled: can('user.read'),
    staleTime: 5 * 60_000,
  })
}

/** id → name for institutions the user may read; others show their id. */
export function useInstitutionNames(): (id: string | null | undefined) => string | undefined {
  const { data } = useInstitutions()
  const { me } = usePermissions()
  return useMemo(() => {
    const names = new Map((data ?? []).map((institution) => [institution.id, institution.name]))
    if (me) names.set(me.institution.id, me.institution.name)
    return (id) => (id ? (names.get(id) ?? id) : undefined)
  }, [data, me])
}

/**
 * The business date of the signed-in user's institution, shown in the header. The server includes
 * it in `Me.institution`; older servers only answer it from the institution endpoint.
 */
export function useBusinessDate(institutionId: string | undefined): string | undefined {
  const { me } = usePermissions()
  const fetched = useQuery({
    queryKey: ['business-date', institutionId],
    queryFn: ({ signal }) =>
      api.get<{ institutionId: string; businessDate: string }>(
        `/api/v1/institutions/${institutionId}/business-date`,
        undefined,
        { signal },
      ),
    enabled: Boolean(institutionId) && !me?.institution.businessDate,
    retry: false,
    staleTime: 60_000,
  })
  return me?.institution.businessDate ?? fetched.data?.businessDate
}
