/**
 * The caller of a request and what they may do. Built once per request from the session; every
 * route's permission check and every query's scope come from here — one mechanism for all.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { DbContext } from '../db/open.ts'
import { AppError } from '../errors.ts'

export type Scope = 'own' | 'team' | 'institution' | 'platform'

const SCOPE_RANK: Record<Scope, number> = { own: 0, team: 1, institution: 2, platform: 3 }

export function widestScope(scopes: readonly string[]): Scope {
  let best: Scope = 'own'
  for (const s of scopes) if (s in SCOPE_RANK && SCOPE_RANK[s as Scope] > SCOPE_RANK[best]) best = s as Scope
  return best
}

export type StaffPrincipal = {
  kind: 'staff'
  userId: string
  username: string
  displayName: string
  institutionId: string
  institutionCode: string
  institutionName: string
  institutionKind: 'platform' | 'lender'
  teamId: string | null
  permissions: ReadonlySet<string>
  scope: Scope
  online: boolean
  csrfToken: string
  /** the institution's business date when the request started (display only; commands read the clock) */
  businessDate: string | null
}

export function can(p: StaffPrincipal, operation: string): boolean {
  return p.permissions.has(operation)
}

export function requirePermission(p: StaffPrincipal, operation: string): void {
  if (!p.permissions.has(operation)) throw new AppError('forbidden')
}

export function dbContextOf(p: StaffPrincipal): DbContext {
  // platform scope is granted only to staff of the platform operator
  const scope = p.scope === 'platform' && p.institutionKind !== 'platform' ? 'institution' : p.scope
  return { scope, institutionId: p.institutionId }
}

/** Columns a scoped table exposes; `owner` and `team` are optional. */
export type ScopeColumns = { institution: PgColumn; team?: PgColumn; owner?: PgColumn }

/**
 * The WHERE condition that limits a query to what the caller may see. Used by every list, search,
 * export and single-object read; a single-object read that finds nothing answers 404.
 */
export function scopeCondition(p: StaffPrincipal, cols: ScopeColumns): SQL | undefined {
  const ctx = dbContextOf(p)
  if (ctx.scope === 'platform') return undefined
  const inInstitution = eq(cols.institution, p.institutionId)
  if (ctx.scope === 'institution') return inInstitution
  if (ctx.scope === 'team' && cols.team) return p.teamId ? and(inInstitution, eq(cols.team, p.teamId)) : sql`false`
  if (cols.owner) return and(inInstitution, eq(cols.owner, p.userId))
  return inInstitution
}

/** Whether an object of the given institution is inside the caller's institution scope. */
export function canSeeInstitution(p: StaffPrincipal, institutionId: string | null): boolean {
  return dbContextOf(p).scope === 'platform' || institutionId === p.institutionId
}
