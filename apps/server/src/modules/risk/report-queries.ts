/** Reads of stored risk reports (风控报告). */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import { addDays, type IsoDate } from '../../platform/dates.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { subjectKeyOf } from './evaluation-subject.ts'
import { riskReports, riskSourceCache } from './schema.ts'

type ReportRow = typeof riskReports.$inferSelect

const summary = (row: Omit<ReportRow, 'report' | 'challenger' | 'values'>) => ({
  id: row.id,
  institutionId: row.institutionId,
  sceneCode: row.sceneCode,
  versionId: row.versionId,
  version: row.version,
  variant: row.variant,
  customerId: row.customerId,
  applicationId: row.applicationId,
  subjectKey: row.subjectKey,
  decision: row.decision,
  score: row.score === null ? null : Number(row.score),
  amount: row.amount,
  dataCost: row.dataCost,
  challengerDecision: row.challengerDecision,
  createdAt: row.createdAt.toISOString(),
})

const summaryColumns = {
  id: riskReports.id,
  institutionId: riskReports.institutionId,
  sceneCode: riskReports.sceneCode,
  versionId: riskReports.versionId,
  version: riskReports.version,
  variant: riskReports.variant,
  customerId: riskReports.customerId,
  applicationId: riskReports.applicationId,
  subjectKey: riskReports.subjectKey,
  decision: riskReports.decision,
  score: riskReports.score,
  amount: riskReports.amount,
  dataCost: riskReports.dataCost,
  challengerDecision: riskReports.challengerDecision,
  deviceFingerprint: riskReports.deviceFingerprint,
  ip: riskReports.ip,
  createdAt: riskReports.createdAt,
}

export type ListReportsOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  scene?: string
  decision?: string
  customerId?: string
  applicationId?: string
  from?: string
  to?: string
}

export async function listReports(
  tx: Queryable,
  p: StaffPrincipal,
  o: ListReportsOptions,
): Promise<Page<ReturnType<typeof summary>>> {
  const conds: (SQL | undefined)[] = [scopeCondition(p, { institution: riskReports.institutionId })]
  if (o.scene) conds.push(eq(riskReports.sceneCode, o.scene))
  if (o.decision) conds.push(eq(riskReports.decision, o.decision))
  if (o.customerId) conds.push(eq(riskReports.customerId, o.customerId))
  if (o.applicationId) conds.push(eq(riskReports.applicationId, o.applicationId))
  if (o.from) conds.push(gte(riskReports.createdAt, new Date(`${o.from}T00:00:00Z`)))
  if (o.to) conds.push(lt(riskReports.createdAt, new Date(`${addDays(o.to as IsoDate, 1)}T00:00:00Z`)))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(riskReports).where(where)
  const rows = await tx
    .select(summaryColumns)
    .from(riskReports)
    .where(where)
    .orderBy(orderBy(riskReports.createdAt, o.order), riskReports.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(summary), total: Number(total), page: o.page, pageSize: o.pageSize }
}

export async function getReport(tx: Queryable, p: StaffPrincipal, id: string) {
  const [row] = await tx
    .select()
    .from(riskReports)
    .where(and(eq(riskReports.id, id), scopeCondition(p, { institution: riskReports.institutionId })))
  if (!row) throw notFound()
  return {
    ...summary(row),
    device: row.deviceFingerprint || row.ip ? { fingerprint: row.deviceFingerprint, ip: row.ip } : null,
    report: row.report,
    challenger: row.challenger,
  }
}

/** The customer's latest risk reports, newest first: what another module's page shows as a summary. */
export async function latestReportsOfCustomer(tx: Queryable, institutionId: string, customerId: string, limit = 5) {
  const rows = await tx
    .select({
      id: riskReports.id,
      sceneCode: riskReports.sceneCode,
      decision: riskReports.decision,
      score: riskReports.score,
      createdAt: riskReports.createdAt,
    })
    .from(riskReports)
    .where(and(eq(riskReports.institutionId, institutionId), eq(riskReports.customerId, customerId)))
    .orderBy(desc(riskReports.createdAt))
    .limit(limit)
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}

/**
 * The third-party answers last fetched for the customer (bureau, telecom, …), one per data source, as
 * the call-cycle cache holds them: what a collector may look at without paying for a new call.
 */
export async function thirdPartyDataOfCustomer(tx: Queryable, institutionId: string, customerId: string) {
  const rows = await tx
    .select({ source: riskSourceCache.source, answer: riskSourceCache.answer, fetchedAt: riskSourceCache.fetchedAt })
    .from(riskSourceCache)
    .where(
      and(
        eq(riskSourceCache.institutionId, institutionId),
        eq(riskSourceCache.subjectKey, subjectKeyOf({ customerId })),
      ),
    )
    .orderBy(riskSourceCache.source)
  return rows.map((r) => ({ source: r.source, values: r.answer, fetchedAt: r.fetchedAt.toISOString() }))
}
