/** Loading a loan and its lists, and refreshing all of them after a command changed the loan. */
import { type QueryClient, useQuery } from '@tanstack/react-query'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { invalidateList } from '../../shared/list/usePagedList'
import { LOANS_PATH } from './LoanCreateModal'
import type { JournalEntry, LoanDetail, LoanTransaction } from './types'

const loanPath = (id: string) => `${LOANS_PATH}/${encodeURIComponent(id)}`

export function useLoan(id: string) {
  return useQuery({
    queryKey: ['loan', id],
    queryFn: ({ signal }) => api.get<LoanDetail>(loanPath(id), undefined, { signal }),
    enabled: Boolean(id),
  })
}

export function useLoanTransactions(id: string) {
  return useQuery({
    queryKey: ['loan', id, 'transactions'],
    queryFn: ({ signal }) => api.get<LoanTransaction[]>(`${loanPath(id)}/transactions`, undefined, { signal }),
  })
}

export function useLoanJournal(id: string) {
  const { can } = usePermissions()
  return useQuery({
    queryKey: ['loan', id, 'journal'],
    queryFn: ({ signal }) => api.get<JournalEntry[]>(`${loanPath(id)}/journal`, undefined, { signal }),
    enabled: can('ledger.read'),
  })
}

/** After a repayment, reversal, prepayment …: the loan, its tabs, the loan list and the approvals inbox. */
export function refreshLoan(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: ['loan', id] })
  void invalidateList(queryClient, LOANS_PATH)
  void invalidateList(queryClient, '/api/v1/approvals')
  void invalidateList(queryClient, '/api/v1/audit')
}

export { loanPath }
