/** Reading applications within the caller's scope, for staff and for the borrower. */
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { type Locale, t } from '../../platform/i18n.ts'
import { type ApplicationStatus, borrowerStatusOf, progressOf } from './domain/status.ts'
import { applicationApprovals, applications, contracts } from './schema.ts'

export type ApplicationRow = typeof applications.$inferSelect

export const applicationScope = (p: StaffPrincipal) =>
  scopeCondition(p, { institution: applications.institutionId, owner: applications.ownerId })

export function applicationDto(r: ApplicationRow) {
  return {
    id: r.id,
    institutionId: r.institutionId,
    appNo: r.appNo,
    customerId: r.customerId,
    borrowerId: r.borrowerId,
    productId: r.productId,
    productName: r.productName,
    amount: r.amount,
    term: r.term,
    termUnit: r.termUnit,
    method: r.method,
    purpose: r.purpose,
    applicant: r.applicant,
    documents: r.documents,
    status: r.status,
    borrowerStatus: borrowerStatusOf(r.status as ApplicationStatus),
    channel: r.channel,
    checks: r.checks,
    sceneCode: r.sceneCode,
    riskReportId: r.riskReportId,
    riskDecision: r.riskDecision,
    riskScore: r.riskScore,
    quota: r.quota,
    rejectReasonCode: r.rejectReasonCode,
    rejectReason: r.rejectReason,
    firstReviewerId: r.firstReviewerId,
    secondReviewerId: r.secondReviewerId,
    loanId: r.loanId,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    disbursedAt: r.disbursedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}
export type ApplicationDto = ReturnType<typeof applicationDto>

export type ListApplicationsOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'createdAt' | 'amount' | 'appNo'
  status?: string
  q?: string
  customerId?: string
  productId?: string
  channel?: string
}

const SORT = { createdAt: applications.createdAt, amount: applications.amount, appNo: applications.appNo }

export async function listApplications(
  tx: Queryable,
  p: StaffPrincipal,
  o: ListApplicationsOptions,
): Promise<Page<ApplicationDto>> {
  const conds: (SQL | undefined)[] = [applicationScope(p)]
  if (o.status) conds.push(eq(applications.status, o.status))
  if (o.customerId) conds.push(eq(applications.customerId, o.customerId))
  if (o.productId) conds.push(eq(applications.productId, o.productId))
  if (o.channel) conds.push(eq(applications.channel, o.channel))
  if (o.q) {
    const like = `${o.q.replace(/[%_\\]/g, '\\$&')}%`
    conds.push(or(ilike(applications.appNo, like), ilike(applications.productName, `%${like}`)))
  }
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(applications).where(where)
  const rows = await tx
    .select()
    .from(applications)
    .where(where)
    .orderBy(orderBy(SORT[o.sort ?? 'createdAt'], o.order), applications.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(applicationDto), total: Number(total), page: o.page, pageSize: o.pageSize }
}

export async function findApplication(tx: Queryable, p: StaffPrincipal, id: string): Promise<ApplicationRow> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), applicationScope(p)))
  if (!row) throw notFound()
  return row
}

export async function approvalStepsOf(tx: Queryable, applicationId: string) {
  const rows = await tx
    .select()
    .from(applicationApprovals)
    .where(eq(applicationApprovals.applicationId, applicationId))
    .orderBy(applicationApprovals.stepNo)
  return rows.map((s) => ({
    stepNo: s.stepNo,
    code: s.stepCode,
    name: s.stepName,
    position: s.position,
    status: s.status,
    decidedBy: s.decidedBy,
    decidedByName: s.decidedByName,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    comment: s.comment,
  }))
}

export async function contractSummaryOf(tx: Queryable, applicationId: string) {
  const [c] = await tx
    .select({
      id: contracts.id,
      contractNo: contracts.contractNo,
      status: contracts.status,
      sha256: contracts.sha256,
      signedAt: contracts.signedAt,
      signedIp: contracts.signedIp,
      signedDevice: contracts.signedDevice,
      signMethod: contracts.signMethod,
      signedByStaffName: contracts.signedByStaffName,
      identityChecked: contracts.identityChecked,
      createdAt: contracts.createdAt,
    })
    .from(contracts)
    .where(eq(contracts.applicationId, applicationId))
  return c
    ? {
        ...c,
        signedAt: c.signedAt?.toISOString() ?? null,
        createdAt: c.createdAt.toISOString(),
      }
    : null
}

export async function getApplicationDetail(tx: Queryable, p: StaffPrincipal, id: string) {
  const row = await findApplication(tx, p, id)
  return {
    ...applicationDto(row),
    approvals: await approvalStepsOf(tx, id),
    contract: await contractSummaryOf(tx, id),
  }
}

/** What the borrower sees: the progress steps and a readable reason; no internals (scores, checks). */
export async function borrowerApplications(tx: Queryable, borrowerId: string, locale: Locale) {
  const rows = await tx
    .select()
    .from(applications)
    .where(eq(applications.borrowerId, borrowerId))
    .orderBy(desc(applications.createdAt))
    .limit(50)
  return rows.map((r) => borrowerView(r, locale))
}

export function borrowerView(r: ApplicationRow, locale: Locale) {
  return {
    id: r.id,
    appNo: r.appNo,
    productName: r.productName,
    amount: r.amount,
    term: r.term,
    termUnit: r.termUnit,
    method: r.method,
    purpose: r.purpose,
    status: borrowerStatusOf(r.status as ApplicationStatus),
    progress: progressOf(r.status as ApplicationStatus),
    rejectReason: r.rejectReasonCode ? readableReason(r, locale) : null,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    disbursedAt: r.disbursedAt?.toISOString() ?? null,
    loanId: r.loanId,
  }
}

/** The text stored when the application was rejected (catalog reasons are the institution's own). */
function readableReason(r: ApplicationRow, locale: Locale): string {
  const stored = locale === 'en-US' ? r.rejectReasonEn : r.rejectReason
  return stored ?? t(locale, `origination.reason.${r.rejectReasonCode}`)
}

export async function findBorrowerApplication(tx: Queryable, borrowerId: string, id: string): Promise<ApplicationRow> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), eq(applications.borrowerId, borrowerId)))
  if (!row) throw notFound()
  return row
}
