/**
 * Reads of early warnings: the list (server-side paging, sort, filters), one warning, the dashboard
 * statistics and the staff a warning may be given to. Scope: institution-wide positions see every
 * warning of the institution; team leads their team's warnings plus the unassigned ones; `own`
 * positions the warnings they own. A warning outside the scope answers 404.
 */
import { and, asc, count, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import { dbContextOf, type StaffPrincipal } from '../../platform/access/principal.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { collectionWarnings } from './schema.ts'

const W = collectionWarnings

export function warningScope(p: StaffPrincipal): SQL | undefined {
  const ctx = dbContextOf(p)
  if (ctx.scope === 'platform') return undefined
  const inInstitution = eq(W.institutionId, p.institutionId)
  if (ctx.scope === 'institution') return inInstitution
  if (ctx.scope === 'team')
    return and(inInstitution, or(isNull(W.ownerId), p.teamId ? eq(W.ownerTeamId, p.teamId) : sql`false`))
  return and(inInstitution, eq(W.ownerId, p.userId))
}

export type WarningListQuery = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'raisedAt' | 'severity' | 'status' | 'businessDate'
  status?: 'open' | 'acknowledged' | 'resolved' | 'dismissed' | 'active' | 'closed'
  rule?: string
  severity?: string
  ownerId?: string
  unassigned?: boolean
  q?: string
}

const SEVERITY_RANK = sql`case ${W.severity} when 'high' then 3 when 'medium' then 2 else 1 end`
const STATUS_RANK = sql`case ${W.status} when 'open' then 1 when 'acknowledged' then 2 when 'resolved' then 3 else 4 end`

export async function listWarnings(tx: Tx, p: StaffPrincipal, q: WarningListQuery) {
  const status =
    q.status === 'active'
      ? sql`${W.status} in ('open', 'acknowledged')`
      : q.status === 'closed'
        ? sql`${W.status} in ('resolved', 'dismissed')`
        : q.status
          ? eq(W.status, q.status)
          : undefined
  const where = and(
    warningScope(p),
    status,
    q.rule ? eq(W.ruleCode, q.rule) : undefined,
    q.severity ? eq(W.severity, q.severity) : undefined,
    q.ownerId ? eq(W.ownerId, q.ownerId) : undefined,
    q.unassigned ? isNull(W.ownerId) : undefined,
    q.q ? sql`${W.subjectLabel} ilike ${`%${q.q.replace(/[\\%_]/g, '\\$&')}%`}` : undefined,
  )
  const dir = q.order === 'asc' ? asc : desc
  const key =
    q.sort === 'severity'
      ? [dir(SEVERITY_RANK), desc(W.raisedAt)]
      : q.sort === 'status'
        ? [dir(STATUS_RANK), desc(W.raisedAt)]
        : q.sort === 'businessDate'
          ? [dir(W.businessDate), desc(W.raisedAt)]
          : [dir(W.raisedAt)]
  const [n] = await tx.select({ n: count() }).from(W).where(where)
  const rows = await tx
    .select({ w: W, ownerName: sql<string | null>`(select u.display_name from users u where u.id = ${W.ownerId})` })
    .from(W)
    .where(where)
    .orderBy(...key, asc(W.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  return {
    items: rows.map((r) => warningDto(r.w, r.ownerName)),
    total: Number(n!.n),
    page: q.page,
    pageSize: q.pageSize,
  }
}

/** One warning in the caller's scope (404 otherwise), optionally locked for a change. */
export async function findWarning(tx: Tx, p: StaffPrincipal, id: string, lock = false) {
  const query = tx
    .select()
    .from(W)
    .where(and(eq(W.id, id), warningScope(p)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

export async function getWarning(tx: Tx, p: StaffPrincipal, id: string) {
  const w = await findWarning(tx, p, id)
  const [names] = await queryRows<{ owner: string | null; acknowledged_by: string | null; closed_by: string | null }>(
    tx,
    sql`select (select display_name from users where id = ${w.ownerId}::uuid) as owner,
      (select display_name from users where id = ${w.acknowledgedBy}::uuid) as acknowledged_by,
      (select display_name from users where id = ${w.closedBy}::uuid) as closed_by`,
  )
  const caseRow = w.loanId
    ? await queryRows<{ id: string }>(
        tx,
        sql`select id from collection_cases where loan_id = ${w.loanId}::uuid order by opened_on desc limit 1`,
      )
    : []
  return {
    ...warningDto(w, names?.owner ?? null),
    acknowledgedByName: names?.acknowledged_by ?? null,
    closedByName: names?.closed_by ?? null,
    caseId: caseRow[0]?.id ?? null,
  }
}

export function warningDto(w: typeof W.$inferSelect, ownerName: string | null) {
  return {
    id: w.id,
    institutionId: w.institutionId,
    ruleCode: w.ruleCode,
    severity: w.severity,
    subjectType: w.subjectType,
    subjectId: w.subjectId,
    subjectLabel: w.subjectLabel,
    loanId: w.loanId,
    customerIds: w.customerIds,
    status: w.status,
    ownerId: w.ownerId,
    ownerName,
    evidence: w.evidence,
    businessDate: w.businessDate,
    note: w.note,
    raisedAt: w.raisedAt.toISOString(),
    acknowledgedAt: w.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: w.acknowledgedBy,
    closedAt: w.closedAt?.toISOString() ?? null,
    closedBy: w.closedBy,
    closedOn: w.closedOn,
  }
}

/** Dashboard: counts by rule, status and severity (warnings in scope) and new/closed per business day. */
export async function warningStatistics(tx: Tx, p: StaffPrincipal, q: { from: string; to: string }) {
  const scope = warningScope(p) ?? sql`true`
  const group = (col: SQL) =>
    queryRows<{ key: string; n: number; active: number }>(
      tx,
      sql`select ${col} as key, count(*)::int as n,
          count(*) filter (where ${W.status} in ('open', 'acknowledged'))::int as active
        from ${W} where ${scope} group by 1 order by 1`,
    )
  const [byRule, byStatus, bySeverity] = [
    await group(sql`${W.ruleCode}`),
    await group(sql`${W.status}`),
    await group(sql`${W.severity}`),
  ]
  const trend = await queryRows<{ day: string; raised: number; closed: number }>(
    tx,
    sql`with d as (select generate_series(${q.from}::date, ${q.to}::date, interval '1 day')::date as day)
      select d.day::text as day,
        (select count(*)::int from ${W} where ${scope} and ${W.businessDate} = d.day) as raised,
        (select count(*)::int from ${W} where ${scope} and ${W.status} in ('resolved', 'dismissed')
          and ${W.closedOn} = d.day) as closed
      from d order by d.day`,
  )
  const shape = (rows: { key: string; n: number; active: number }[]) =>
    rows.map((r) => ({ key: r.key, total: Number(r.n), active: Number(r.active) }))
  const statusItems = shape(byStatus)
  return {
    from: q.from,
    to: q.to,
    active: statusItems.filter((s) => s.key === 'open' || s.key === 'acknowledged').reduce((a, s) => a + s.total, 0),
    byRule: shape(byRule),
    byStatus: statusItems,
    bySeverity: shape(bySeverity),
    trend: trend.map((t) => ({ day: t.day, raised: Number(t.raised), closed: Number(t.closed) })),
  }
}

/** Staff of the institution who may own warnings (hold `warning.handle`), with their open load. */
export async function listWarningOwners(tx: Tx, institutionId: string, userId?: string) {
  const rows = await queryRows<{
    id: string
    username: string
    display_name: string
    team_id: string | null
    open: number
  }>(
    tx,
    sql`select u.id, u.username, u.display_name, u.team_id,
        (select count(*)::int from collection_warnings w where w.owner_id = u.id and w.status in ('open', 'acknowledged')) as open
      from users u
      where u.institution_id = ${institutionId}::uuid and u.status = 'active'
        ${userId ? sql`and u.id = ${userId}::uuid` : sql``}
        and exists (select 1 from user_positions up join positions p on p.id = up.position_id
          where up.user_id = u.id and 'warning.handle' = any(p.operations))
      order by u.username`,
  )
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    teamId: r.team_id,
    open: Number(r.open),
  }))
}
