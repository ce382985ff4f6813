/**
 * Who sees which case. Collectors (`own`) see the cases assigned to them (`collector_id`); team leads
 * (`team`) the cases of their team plus the unassigned cases of the pools; institution-wide positions
 * every case of the institution.
 */
import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import { dbContextOf, type StaffPrincipal } from '../../platform/access/principal.ts'
import { collectionCases } from './schema.ts'

export function caseScope(p: StaffPrincipal): SQL | undefined {
  const ctx = dbContextOf(p)
  if (ctx.scope === 'platform') return undefined
  const inInstitution = eq(collectionCases.institutionId, p.institutionId)
  if (ctx.scope === 'institution') return inInstitution
  if (ctx.scope === 'team')
    return and(
      inInstitution,
      or(isNull(collectionCases.collectorId), p.teamId ? eq(collectionCases.teamId, p.teamId) : sql`false`),
    )
  return and(inInstitution, eq(collectionCases.collectorId, p.userId))
}
