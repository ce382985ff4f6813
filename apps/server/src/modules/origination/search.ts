/** Header search: an application by its number (exact or prefix), within the caller's scope. */
import { and, eq, ilike, or } from 'drizzle-orm'
import { can } from '../../platform/access/principal.ts'
import type { SearchProvider } from '../../platform/search.ts'
import { applicationScope } from './application-queries.ts'
import { applications } from './schema.ts'

export const applicationSearch: SearchProvider = async (tx, p, q) => {
  if (!can(p, 'application.read') || !/^ap\d/i.test(q)) return []
  const escaped = q.toUpperCase().replace(/[%_\\]/g, '\\$&')
  const rows = await tx
    .select({
      id: applications.id,
      appNo: applications.appNo,
      status: applications.status,
      applicant: applications.applicant,
      customerId: applications.customerId,
    })
    .from(applications)
    .where(
      and(applicationScope(p), or(eq(applications.appNo, q.toUpperCase()), ilike(applications.appNo, `${escaped}%`))),
    )
    .limit(10)
  return rows.map((r) => ({
    type: 'application',
    id: r.id,
    title: r.appNo,
    subtitle: `${r.applicant.name} · ${r.status}`,
    path: `/origination/applications/${r.id}`,
  }))
}
