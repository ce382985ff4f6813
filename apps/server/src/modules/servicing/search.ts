/** Header search: a loan by its number (exact or prefix) or borrower name, within the caller's scope. */
import { and, eq, ilike, or } from 'drizzle-orm'
import { can } from '../../platform/access/principal.ts'
import type { SearchProvider } from '../../platform/search.ts'
import { loanScope } from './loan-queries.ts'
import { loans } from './schema.ts'

export const loanSearch: SearchProvider = async (tx, p, q) => {
  if (!can(p, 'loan.read')) return []
  const escaped = q.replace(/[%_\\]/g, '\\$&')
  const rows = await tx
    .select({ id: loans.id, loanNo: loans.loanNo, borrowerName: loans.borrowerName, status: loans.status })
    .from(loans)
    .where(
      and(
        loanScope(p),
        or(eq(loans.loanNo, q), ilike(loans.loanNo, `${escaped}%`), ilike(loans.borrowerName, `%${escaped}%`)),
      ),
    )
    .limit(10)
  return rows.map((r) => ({
    type: 'loan',
    id: r.id,
    title: r.loanNo,
    subtitle: `${r.borrowerName} · ${r.status}`,
    path: `/servicing/loans/${r.id}`,
  }))
}
