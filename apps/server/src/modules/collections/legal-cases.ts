/**
 * The legal process after an escalation (issue item 10): a legal case is opened by the escalation and
 * followed through its statuses (escalated → lawyer/firm assigned → filed → judgment → enforcement →
 * closed, or closed early with an outcome), each move dated and with its documents; fees are exact
 * money (numeric(20,2), decimal.js) and add up on the case; notes keep the rest of the story.
 * Moves follow `domain/legal-process.ts`; a move that the process does not allow answers 422.
 */
import { and, eq, ne } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { compareDates, isIsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, type FieldError, fieldError, notFound } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { Decimal, isAmountString } from '../../platform/money.ts'
import type { CaseRow } from './case-queries.ts'
import { canMove, type LegalStatus, REQUIRED_ON } from './domain/legal-process.ts'
import { collectionCases } from './schema.ts'
import { caseScope } from './scope.ts'
import { collectionLegalCases, collectionLegalEvents } from './strategy-schema.ts'

type Call = { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string }
type Doc = { name: string; fileRef: string }
export type LegalCaseRow = typeof collectionLegalCases.$inferSelect

const DATE_COLUMN: Partial<Record<LegalStatus, keyof LegalCaseRow>> = {
  lawyer_assigned: 'lawyerAssignedOn',
  filed: 'filedOn',
  judgment: 'judgmentOn',
  enforcement: 'enforcementOn',
  closed: 'closedOn',
}

/** Opened by `escalateToLegal` in its transaction; one open legal case per collection case. */
export async function openLegalCase(
  tx: Tx,
  o: { c: CaseRow; escalationId: string; userId: string; date: string; documents: Doc[]; reason: string },
) {
  const [open] = await tx
    .select({ id: collectionLegalCases.id })
    .from(collectionLegalCases)
    .where(and(eq(collectionLegalCases.caseId, o.c.id), ne(collectionLegalCases.status, 'closed')))
  if (open) throw businessRule('collections.legal_already_open', { loanNo: o.c.loanNo })
  const [row] = await tx
    .insert(collectionLegalCases)
    .values({
      institutionId: o.c.institutionId,
      caseId: o.c.id,
      loanId: o.c.loanId,
      loanNo: o.c.loanNo,
      borrowerName: o.c.borrowerName,
      escalationId: o.escalationId,
      claimAmount: o.c.overdueAmount,
      escalatedOn: o.date,
      createdBy: o.userId,
    })
    .returning()
  await tx.insert(collectionLegalEvents).values({
    institutionId: o.c.institutionId,
    legalCaseId: row!.id,
    kind: 'status',
    toStatus: 'escalated',
    eventDate: o.date,
    notes: o.reason,
    documents: o.documents,
    createdBy: o.userId,
  })
  await emitEvent(tx, {
    institutionId: o.c.institutionId,
    topic: 'collection.legal.opened',
    aggregateType: 'collection_legal_case',
    aggregateId: row!.id,
    payload: { caseId: o.c.id, loanId: o.c.loanId },
    businessDate: o.date,
  })
  return row!
}

/** A legal case within the caller's case scope (a collector sees those of their own cases); else 404. */
export async function findLegalCase(tx: Tx, p: StaffPrincipal, id: string, lock = false): Promise<LegalCaseRow> {
  const q = tx
    .select({ l: collectionLegalCases })
    .from(collectionLegalCases)
    .innerJoin(collectionCases, eq(collectionCases.id, collectionLegalCases.caseId))
    .where(and(eq(collectionLegalCases.id, id), caseScope(p)))
  const [row] = lock ? await q.for('update', { of: collectionLegalCases }) : await q
  if (!row) throw notFound()
  return row.l
}

function checkDate(date: string, field: string, today: string, notBefore: string) {
  if (!isIsoDate(date)) throw fieldError(field, 'collections.field_date')
  if (compareDates(date, today) > 0) throw fieldError(field, 'collections.legal_date_future', { businessDate: today })
  if (compareDates(date, notBefore) < 0) throw fieldError(field, 'collections.legal_date_order', { date: notBefore })
}

/** The latest dated step of the case: a later move or fee cannot be dated before it. */
function lastDate(l: LegalCaseRow): string {
  return [l.escalatedOn, l.lawyerAssignedOn, l.filedOn, l.judgmentOn, l.enforcementOn, l.closedOn]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!
}

export type MoveInput = {
  to: LegalStatus
  date: string
  firm?: string
  lawyer?: string
  court?: string
  docketNo?: string
  claimAmount?: string
  judgmentAmount?: string
  outcome?: string
  notes?: string
  documents: Doc[]
}

export async function moveLegalCase({ tx, principal, actor, id, input }: Call & { input: MoveInput }) {
  const l = await findLegalCase(tx, principal, id, true)
  const from = l.status as LegalStatus
  if (!canMove(from, input.to))
    throw businessRule('collections.legal_transition', { from, to: input.to }, [
      { field: 'body.to', key: 'collections.legal_transition', params: { from, to: input.to } },
    ])
  const today = await getBusinessDate(tx, l.institutionId)
  checkDate(input.date, 'body.date', today, lastDate(l))
  const missing: FieldError[] = REQUIRED_ON[input.to]
    .filter((f) => !input[f as keyof MoveInput])
    .map((f) => ({ field: `body.${f}`, key: 'collections.legal_field_required', params: { status: input.to } }))
  for (const k of ['claimAmount', 'judgmentAmount'] as const) {
    const v = input[k]
    if (v !== undefined && (!isAmountString(v) || new Decimal(v).isNegative()))
      missing.push({ field: `body.${k}`, key: 'collections.legal_amount', params: {} })
  }
  if (missing.length > 0) throw new AppError('validation', { fields: missing })
  const dateCol = DATE_COLUMN[input.to]
  const change: Partial<LegalCaseRow> = {
    status: input.to,
    ...(dateCol ? { [dateCol]: input.date } : {}),
    ...(input.firm !== undefined ? { firm: input.firm } : {}),
    ...(input.lawyer !== undefined ? { lawyer: input.lawyer } : {}),
    ...(input.court !== undefined ? { court: input.court } : {}),
    ...(input.docketNo !== undefined ? { docketNo: input.docketNo } : {}),
    ...(input.claimAmount !== undefined ? { claimAmount: input.claimAmount } : {}),
    ...(input.judgmentAmount !== undefined ? { judgmentAmount: input.judgmentAmount } : {}),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    updatedAt: new Date(),
  }
  const [row] = await tx.update(collectionLegalCases).set(change).where(eq(collectionLegalCases.id, l.id)).returning()
  await tx.insert(collectionLegalEvents).values({
    institutionId: l.institutionId,
    legalCaseId: l.id,
    kind: 'status',
    fromStatus: from,
    toStatus: input.to,
    eventDate: input.date,
    amount: input.to === 'judgment' ? (input.judgmentAmount ?? null) : null,
    notes: input.notes ?? null,
    documents: input.documents,
    createdBy: principal.userId,
  })
  const { updatedAt: _u, ...after } = change
  await recordAudit(tx, actor, {
    operation: 'collection.legal.move',
    objectType: 'collection_legal_case',
    objectId: l.id,
    institutionId: l.institutionId,
    before: { status: from },
    after: { ...after, documents: input.documents },
  })
  await emitEvent(tx, {
    institutionId: l.institutionId,
    topic: `collection.legal.${input.to}`,
    aggregateType: 'collection_legal_case',
    aggregateId: l.id,
    payload: { caseId: l.caseId, loanId: l.loanId, from, to: input.to },
    businessDate: today,
  })
  return legalCaseDto(row!)
}

export async function addLegalFee({
  tx,
  principal,
  actor,
  id,
  input,
}: Call & { input: { kind: string; amount: string; date: string; notes?: string; documents: Doc[] } }) {
  const l = await findLegalCase(tx, principal, id, true)
  if (!isAmountString(input.amount) || !new Decimal(input.amount).greaterThan(0))
    throw fieldError('body.amount', 'collections.legal_fee_amount')
  if (l.status === 'closed') throw businessRule('collections.legal_closed', { loanNo: l.loanNo })
  const today = await getBusinessDate(tx, l.institutionId)
  checkDate(input.date, 'body.date', today, l.escalatedOn)
  const total = new Decimal(l.feesTotal).plus(input.amount).toFixed(2)
  const [row] = await tx
    .update(collectionLegalCases)
    .set({ feesTotal: total, updatedAt: new Date() })
    .where(eq(collectionLegalCases.id, l.id))
    .returning()
  await tx.insert(collectionLegalEvents).values({
    institutionId: l.institutionId,
    legalCaseId: l.id,
    kind: 'fee',
    eventDate: input.date,
    feeKind: input.kind,
    amount: input.amount,
    notes: input.notes ?? null,
    documents: input.documents,
    createdBy: principal.userId,
  })
  await recordAudit(tx, actor, {
    operation: 'collection.legal.fee',
    objectType: 'collection_legal_case',
    objectId: l.id,
    institutionId: l.institutionId,
    before: { feesTotal: l.feesTotal },
    after: { feesTotal: total, fee: { kind: input.kind, amount: input.amount, date: input.date } },
  })
  return legalCaseDto(row!)
}

export async function addLegalNote({
  tx,
  principal,
  actor,
  id,
  input,
}: Call & { input: { notes: string; documents: Doc[] } }) {
  const l = await findLegalCase(tx, principal, id, true)
  const today = await getBusinessDate(tx, l.institutionId)
  await tx.insert(collectionLegalEvents).values({
    institutionId: l.institutionId,
    legalCaseId: l.id,
    kind: 'note',
    eventDate: today,
    notes: input.notes,
    documents: input.documents,
    createdBy: principal.userId,
  })
  await recordAudit(tx, actor, {
    operation: 'collection.legal.note',
    objectType: 'collection_legal_case',
    objectId: l.id,
    institutionId: l.institutionId,
    after: { notes: input.notes, documents: input.documents },
  })
  return legalCaseDto(l)
}

export function legalCaseDto(l: LegalCaseRow) {
  return {
    id: l.id,
    institutionId: l.institutionId,
    caseId: l.caseId,
    loanId: l.loanId,
    loanNo: l.loanNo,
    borrowerName: l.borrowerName,
    status: l.status,
    firm: l.firm,
    lawyer: l.lawyer,
    court: l.court,
    docketNo: l.docketNo,
    claimAmount: l.claimAmount,
    judgmentAmount: l.judgmentAmount,
    feesTotal: l.feesTotal,
    outcome: l.outcome,
    escalatedOn: l.escalatedOn,
    lawyerAssignedOn: l.lawyerAssignedOn,
    filedOn: l.filedOn,
    judgmentOn: l.judgmentOn,
    enforcementOn: l.enforcementOn,
    closedOn: l.closedOn,
    updatedAt: l.updatedAt.toISOString(),
  }
}
