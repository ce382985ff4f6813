/**
 * The institution's reject-reason catalog (拒绝原因): each reason has a code, a label for staff in
 * zh-CN and en-US, and the text the borrower reads when an application is rejected with it. An
 * institution starts from the built-in catalog (`catalog.ts`, copied on first use); reasons are added
 * and edited, and disabled rather than deleted, because decided orders keep referring to their code.
 * Reviewers pick from the active ones.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.ts'
import { REJECT_REASONS } from './catalog.ts'
import { reviewRejectReasons } from './schema.ts'

type ReasonRow = typeof reviewRejectReasons.$inferSelect
export type Bilingual = { 'zh-CN': string; 'en-US': string }

export function rejectReasonDto(r: ReasonRow) {
  return {
    id: r.id,
    code: r.code,
    'zh-CN': r.labelZh,
    'en-US': r.labelEn,
    borrowerText: { 'zh-CN': r.borrowerTextZh, 'en-US': r.borrowerTextEn },
    active: r.active,
    sortOrder: r.sortOrder,
    updatedAt: r.updatedAt.toISOString(),
  }
}
export type RejectReasonDto = ReturnType<typeof rejectReasonDto>

/** What the borrower reads for a built-in reason (fraud is not named to them). */
function builtInBorrowerText(r: (typeof REJECT_REASONS)[number]): Bilingual {
  return r.code === 'fraud_suspected' || r.code === 'other'
    ? {
        'zh-CN': '很抱歉，审核未通过，请 3 个月后再试',
        'en-US': 'Sorry, the review was not passed; please try again in 3 months',
      }
    : { 'zh-CN': `审核未通过：${r.zh}`, 'en-US': `Not approved in review: ${r.en}` }
}

/** Copies the built-in catalog to an institution that has none yet (idempotent under concurrency). */
async function ensureCatalog(tx: Tx, institutionId: string) {
  const [any] = await tx
    .select({ id: reviewRejectReasons.id })
    .from(reviewRejectReasons)
    .where(eq(reviewRejectReasons.institutionId, institutionId))
    .limit(1)
  if (any) return
  await tx
    .insert(reviewRejectReasons)
    .values(
      REJECT_REASONS.map((r, i) => {
        const text = builtInBorrowerText(r)
        return {
          institutionId,
          code: r.code,
          labelZh: r.zh,
          labelEn: r.en,
          borrowerTextZh: text['zh-CN'],
          borrowerTextEn: text['en-US'],
          sortOrder: (i + 1) * 10,
        }
      }),
    )
    .onConflictDoNothing()
}

export async function listRejectReasons(tx: Tx, institutionId: string, o: { includeDisabled?: boolean } = {}) {
  await ensureCatalog(tx, institutionId)
  const rows = await tx
    .select()
    .from(reviewRejectReasons)
    .where(
      and(
        eq(reviewRejectReasons.institutionId, institutionId),
        o.includeDisabled ? undefined : eq(reviewRejectReasons.active, true),
      ),
    )
    .orderBy(asc(reviewRejectReasons.sortOrder), asc(reviewRejectReasons.code))
  return rows.map(rejectReasonDto)
}

/** An active reason of the institution's catalog, or null (unknown or disabled). */
export async function activeRejectReason(tx: Tx, institutionId: string, code: string) {
  await ensureCatalog(tx, institutionId)
  const [row] = await tx
    .select()
    .from(reviewRejectReasons)
    .where(
      and(
        eq(reviewRejectReasons.institutionId, institutionId),
        eq(reviewRejectReasons.code, code),
        eq(reviewRejectReasons.active, true),
      ),
    )
  return row ?? null
}

export type AddRejectReasonInput = { code: string; label: Bilingual; borrowerText: Bilingual; sortOrder?: number }

export async function addRejectReason(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: AddRejectReasonInput
}) {
  const { tx, principal, actor, input } = o
  await ensureCatalog(tx, principal.institutionId)
  const [taken] = await tx
    .select({ id: reviewRejectReasons.id })
    .from(reviewRejectReasons)
    .where(
      and(eq(reviewRejectReasons.institutionId, principal.institutionId), eq(reviewRejectReasons.code, input.code)),
    )
  if (taken) throw codeTaken(input.code)
  const [{ next } = { next: 10 }] = await tx
    .select({ next: sql<number>`coalesce(max(${reviewRejectReasons.sortOrder}), 0)::int + 10` })
    .from(reviewRejectReasons)
    .where(eq(reviewRejectReasons.institutionId, principal.institutionId))
  const row = await tx
    .insert(reviewRejectReasons)
    .values({
      institutionId: principal.institutionId,
      code: input.code,
      labelZh: input.label['zh-CN'],
      labelEn: input.label['en-US'],
      borrowerTextZh: input.borrowerText['zh-CN'],
      borrowerTextEn: input.borrowerText['en-US'],
      sortOrder: input.sortOrder ?? Number(next),
      updatedBy: principal.userId,
    })
    .returning()
    .then((r) => r[0]!)
    .catch((err: unknown) => {
      // two admins adding the same code at once: the unique key decides
      if (isUniqueViolation(err, 'review_reject_reasons_code')) throw codeTaken(input.code)
      throw err
    })
  const dto = rejectReasonDto(row)
  await recordAudit(tx, actor, {
    operation: 'review.reject_reason.add',
    objectType: 'review_reject_reason',
    objectId: row.id,
    after: auditView(dto),
  })
  return dto
}

export type UpdateRejectReasonInput = {
  label?: Bilingual
  borrowerText?: Bilingual
  active?: boolean
  sortOrder?: number
}

export async function updateRejectReason(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: UpdateRejectReasonInput
}) {
  const { tx, principal, actor, input } = o
  const [before] = await tx
    .select()
    .from(reviewRejectReasons)
    .where(and(eq(reviewRejectReasons.id, o.id), eq(reviewRejectReasons.institutionId, principal.institutionId)))
    .for('update')
  if (!before) throw notFound()
  const [after] = await tx
    .update(reviewRejectReasons)
    .set({
      labelZh: input.label?.['zh-CN'] ?? before.labelZh,
      labelEn: input.label?.['en-US'] ?? before.labelEn,
      borrowerTextZh: input.borrowerText?.['zh-CN'] ?? before.borrowerTextZh,
      borrowerTextEn: input.borrowerText?.['en-US'] ?? before.borrowerTextEn,
      active: input.active ?? before.active,
      sortOrder: input.sortOrder ?? before.sortOrder,
      updatedBy: principal.userId,
      updatedAt: new Date(),
    })
    .where(eq(reviewRejectReasons.id, before.id))
    .returning()
  const dto = rejectReasonDto(after!)
  await recordAudit(tx, actor, {
    operation: 'review.reject_reason.update',
    objectType: 'review_reject_reason',
    objectId: before.id,
    before: auditView(rejectReasonDto(before)),
    after: auditView(dto),
  })
  return dto
}

function codeTaken(code: string) {
  return new AppError('conflict', { detailKey: 'review.reason_code_taken', detailParams: { code } })
}

function auditView(d: RejectReasonDto) {
  return {
    code: d.code,
    label: { 'zh-CN': d['zh-CN'], 'en-US': d['en-US'] },
    borrowerText: d.borrowerText,
    active: d.active,
    sortOrder: d.sortOrder,
  }
}
