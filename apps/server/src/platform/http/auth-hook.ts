/**
 * The one enforcement point for authentication, CSRF and operation permissions. Every route under
 * /api/v1 is staff-only unless its config says otherwise; data scope is then applied by the
 * queries through `scopeCondition` and the database's row-level security.
 */
// brings the request and route-config fields the platform adds to Fastify into every program
import './types.ts'
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type StaffPrincipal, widestScope } from '../access/principal.ts'
import { queryRows } from '../db/open.ts'
import { AppError } from '../errors.ts'
import type { AppContext } from './app.ts'
import { cachedPrincipal, cachePrincipal } from './session-cache.ts'

export const STAFF_COOKIE = 'xd_session'
export const BORROWER_COOKIE = 'xd_borrower'
export const CSRF_COOKIE = 'xd_csrf'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

type StaffRow = {
  state: 'none' | 'expired' | 'active'
  user_id: string
  institution_id: string
  csrf_token: string
  username: string
  display_name: string
  team_id: string | null
  user_status: string
  online: boolean
  institution_code: string
  institution_name: string
  institution_kind: 'platform' | 'lender'
  operations: string[]
  scopes: string[]
  business_date: string | null
}

type BorrowerRow = {
  state: 'none' | 'expired' | 'active'
  borrower_id: string
  csrf_token: string
  phone_masked: string
  borrower_status: string
}

export async function authenticate(ctx: AppContext, req: FastifyRequest, _reply: FastifyReply) {
  const url = req.routeOptions.url
  if (!url) return
  const config = req.routeOptions.config
  const auth = config.auth ?? (url.startsWith('/api/v1') ? 'staff' : 'public')
  if (auth === 'public') return
  const idleSeconds = ctx.config.sessionIdleMinutes * 60
  if (auth === 'staff') {
    const token = req.cookies[STAFF_COOKIE]
    if (!token) throw new AppError('unauthenticated')
    const principal = await resolveStaffSession(ctx, token)
    checkCsrf(req, principal.csrfToken, config.csrf)
    req.principal = principal
    if (config.permission && !principal.permissions.has(config.permission)) throw new AppError('forbidden')
    return
  }
  const token = req.cookies[BORROWER_COOKIE]
  if (!token) throw new AppError('unauthenticated')
  const [row] = await queryRows<BorrowerRow>(
    ctx.db.root,
    sql`select * from xindai_borrower_session(${sessionIdOf(token)}, ${idleSeconds})`,
  )
  if (!row || row.state === 'none') throw new AppError('unauthenticated')
  if (row.state === 'expired') throw new AppError('session_expired')
  if (row.borrower_status !== 'active') throw new AppError('frozen')
  checkCsrf(req, row.csrf_token, config.csrf)
  req.borrower = {
    kind: 'borrower',
    borrowerId: row.borrower_id,
    phoneMasked: row.phone_masked,
    csrfToken: row.csrf_token,
  }
}

/** Resolves a staff session token to its principal in one round trip, or throws 401/403. */
export async function resolveStaffSession(ctx: AppContext, token: string): Promise<StaffPrincipal> {
  const sessionId = sessionIdOf(token)
  const cached = cachedPrincipal(sessionId)
  if (cached) return cached
  const idleSeconds = ctx.config.sessionIdleMinutes * 60
  const [row] = await queryRows<StaffRow>(
    ctx.db.root,
    sql`select * from xindai_staff_session(${sessionId}, ${idleSeconds})`,
  )
  if (!row || row.state === 'none') throw new AppError('unauthenticated')
  if (row.state === 'expired') throw new AppError('session_expired')
  if (row.user_status !== 'active') throw new AppError('frozen')
  const principal: StaffPrincipal = {
    kind: 'staff',
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    institutionId: row.institution_id,
    institutionCode: row.institution_code,
    institutionName: row.institution_name,
    institutionKind: row.institution_kind,
    teamId: row.team_id,
    permissions: new Set(row.operations),
    scope: widestScope(row.scopes),
    online: row.online,
    csrfToken: row.csrf_token,
    businessDate: row.business_date,
  }
  cachePrincipal(sessionId, principal)
  return principal
}

function checkCsrf(req: FastifyRequest, expected: string, routeSetting: boolean | undefined) {
  if (routeSetting === false || SAFE_METHODS.has(req.method)) return
  const sent = req.headers['x-csrf-token']
  if (typeof sent !== 'string' || sent !== expected) throw new AppError('csrf')
}

/** The signed-in staff member; only call from staff routes (the hook guarantees it is set). */
export function staffOf(req: FastifyRequest): StaffPrincipal {
  if (!req.principal) throw new AppError('unauthenticated')
  return req.principal
}
