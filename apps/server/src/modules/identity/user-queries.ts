/** Reading staff users within the caller's scope. */
import { and, count, eq, gt, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { institutions, positions, teams, userPositions, users } from './schema.ts'

export type UserDto = {
  id: string
  username: string
  displayName: string
  institutionId: string
  institutionName: string
  teamId: string | null
  teamName: string | null
  status: 'active' | 'frozen'
  locked: boolean
  lockedUntil: string | null
  online: boolean
  lastLoginAt: string | null
  positions: { id: string; code: string; name: string }[]
  createdAt: string
}

export type ListUsersOptions = {
  page: number
  pageSize: number
  sort?: 'username' | 'displayName' | 'createdAt' | 'lastLoginAt'
  order: 'asc' | 'desc'
  q?: string
  status?: 'active' | 'frozen' | 'locked'
  institutionId?: string
  online?: boolean
  teamId?: string
  positionCode?: string
}

const SORT = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
}

export function userScope(p: StaffPrincipal): SQL | undefined {
  return scopeCondition(p, { institution: users.institutionId, team: users.teamId, owner: users.id })
}

export async function listUsers(tx: Queryable, p: StaffPrincipal, opts: ListUsersOptions): Promise<Page<UserDto>> {
  const conditions: (SQL | undefined)[] = [userScope(p)]
  if (opts.q) {
    const like = `%${opts.q.replace(/[%_\\]/g, '\\$&')}%`
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like)))
  }
  if (opts.status === 'locked') conditions.push(gt(users.lockedUntil, sql`now()`))
  else if (opts.status) conditions.push(eq(users.status, opts.status))
  if (opts.institutionId) conditions.push(eq(users.institutionId, opts.institutionId))
  if (opts.teamId) conditions.push(eq(users.teamId, opts.teamId))
  if (opts.online !== undefined) conditions.push(eq(users.online, opts.online))
  if (opts.positionCode)
    conditions.push(
      inArray(
        users.id,
        tx
          .select({ id: userPositions.userId })
          .from(userPositions)
          .innerJoin(positions, eq(positions.id, userPositions.positionId))
          .where(eq(positions.code, opts.positionCode)),
      ),
    )
  const where = and(...conditions)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(users).where(where)
  const rows = await tx
    .select({ user: users, institutionName: institutions.name, teamName: teams.name })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(where)
    .orderBy(orderBy(SORT[opts.sort ?? 'createdAt'], opts.order), users.id)
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
  const items = await withPositions(tx, rows)
  return { items, total: Number(total), page: opts.page, pageSize: opts.pageSize }
}

type Joined = { user: typeof users.$inferSelect; institutionName: string; teamName: string | null }

async function withPositions(tx: Queryable, rows: Joined[]): Promise<UserDto[]> {
  if (rows.length === 0) return []
  const pos = await tx
    .select({ userId: userPositions.userId, id: positions.id, code: positions.code, name: positions.name })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(
      inArray(
        userPositions.userId,
        rows.map((r) => r.user.id),
      ),
    )
  const byUser = new Map<string, { id: string; code: string; name: string }[]>()
  for (const p of pos) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), { id: p.id, code: p.code, name: p.name }])
  const now = Date.now()
  return rows.map(({ user, institutionName, teamName }) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    institutionId: user.institutionId,
    institutionName,
    teamId: user.teamId,
    teamName,
    status: user.status as 'active' | 'frozen',
    locked: user.lockedUntil !== null && user.lockedUntil.getTime() > now,
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > now ? user.lockedUntil.toISOString() : null,
    online: user.online,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    positions: byUser.get(user.id) ?? [],
    createdAt: user.createdAt.toISOString(),
  }))
}

/** One user inside the caller's scope, or 404. */
export async function getUser(tx: Queryable, p: StaffPrincipal, id: string): Promise<UserDto> {
  const rows = await tx
    .select({ user: users, institutionName: institutions.name, teamName: teams.name })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(users.id, id), userScope(p)))
  const [dto] = await withPositions(tx, rows)
  if (!dto) throw notFound()
  return dto
}

/** The raw row of a user inside the caller's scope, locked for update, or 404. */
export async function lockUserRow(tx: Queryable, p: StaffPrincipal, id: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), userScope(p)))
    .for('update')
  if (!row) throw notFound()
  return row
}

export const neverLocked = or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))
