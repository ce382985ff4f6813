/** The borrower's own H5 session (cookie `xd_borrower`), separate from any staff session. */
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import { isApiError } from '../api/error'
import type { BorrowerMe } from '../api/types'

export const BORROWER_ME_KEY = ['borrower-me'] as const

async function fetchBorrowerMe(): Promise<BorrowerMe | null> {
  try {
    return await api.get<BorrowerMe>('/api/v1/borrower/me', undefined, { allowUnauthenticated: true })
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null
    throw error
  }
}

export function useBorrowerMe() {
  return useQuery({ queryKey: BORROWER_ME_KEY, queryFn: fetchBorrowerMe, retry: false, staleTime: 60_000 })
}
