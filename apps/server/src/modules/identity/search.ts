/** Search provider for staff users and institutions. */
import { and, eq, ilike, or } from 'drizzle-orm'
import { can, dbContextOf } from '../../platform/access/principal.ts'
import type { SearchProvider } from '../../platform/search.ts'
import { institutions, users } from './schema.ts'
import { userScope } from './user-queries.ts'

export const identitySearch: SearchProvider = async (tx, p, q) => {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`
  const hits = []
  if (can(p, 'user.read')) {
    const rows = await tx
      .select({ id: users.id, username: users.username, displayName: users.displayName })
      .from(users)
      .where(and(userScope(p), or(eq(users.username, q), ilike(users.displayName, like), ilike(users.username, like))))
      .limit(10)
    hits.push(
      ...rows.map((r) => ({
        type: 'user',
        id: r.id,
        title: r.displayName,
        subtitle: r.username,
        path: `/system/users/${r.id}`,
      })),
    )
  }
  if (can(p, 'institution.read')) {
    const rows = await tx
      .select({ id: institutions.id, code: institutions.code, name: institutions.name })
      .from(institutions)
      .where(
        and(
          dbContextOf(p).scope === 'platform' ? undefined : eq(institutions.id, p.institutionId),
          or(ilike(institutions.name, like), eq(institutions.code, q)),
        ),
      )
      .limit(10)
    hits.push(
      ...rows.map((r) => ({
        type: 'institution',
        id: r.id,
        title: r.name,
        subtitle: r.code,
        path: `/system/institutions/${r.id}`,
      })),
    )
  }
  return hits
}
