/**
 * Recording a collection action (催记): channel, contact, reached or not, result, an optional promise to
 * pay, notes and recording reference. Contact compliance is enforced here, before anything is
 * written: a breach is refused (422) with the rule that forbids it. A stop request flags the contact.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { addDays, compareDates, isIsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, type FieldError } from '../../platform/errors.ts'
import { isAmountString, parseAmount } from '../../platform/money.ts'
import { findCase, promiseDto, recordDto } from './case-queries.ts'
import { loadCompliance } from './config.ts'
import { deps } from './deps.ts'
import { type Channel, type ContactKind, checkContact, localDateTime, TIMED_CHANNELS } from './domain/compliance.ts'
import { collectionCases, collectionContactFlags, collectionPromises, collectionRecords } from './schema.ts'
import { caseScope } from './scope.ts'

export const RESULT_CODES = [
  'promise_to_pay',
  'paid_claimed',
  'callback',
  'refused',
  'dispute',
  'wrong_number',
  'no_answer',
  'left_message',
  'other',
] as const
export type ResultCode = (typeof RESULT_CODES)[number]

export const PROMISE_MAX_DAYS = 90

export type RecordInput = {
  channel: Channel
  contact: ContactKind
  /** emergency_contact: the customer contact's id; other: who it was (free text) */
  contactRef?: string
  reached: boolean
  resultCode: ResultCode
  notes?: string
  recordingRef?: string
  debtDisclosed?: boolean
  stopRequested?: boolean
  promise?: { amount: string; date: string }
}

export async function recordContact({
  tx,
  principal,
  actor,
  caseId,
  input,
}: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  caseId: string
  input: RecordInput
}) {
  const c = await findCase(tx, principal, caseId, true)
  const date = await getBusinessDate(tx, c.institutionId)

  // 1. the request itself
  const fields: FieldError[] = []
  let contactKey = 'borrower'
  let contactLabel: string | null = null
  if (input.contact === 'emergency_contact') {
    const ok =
      input.contactRef && c.customerId
        ? (
            await queryRows<{ id: string; relation: string }>(
              tx,
              sql`select id, relation from customer_contacts where id::text = ${input.contactRef} and customer_id = ${c.customerId}::uuid`,
            )
          )[0]
        : undefined
    if (!ok) fields.push({ field: 'body.contactRef', key: 'collections.contact_unknown' })
    else {
      contactKey = `contact:${ok.id}`
      contactLabel = ok.relation
    }
  } else if (input.contact === 'other') {
    const label = input.contactRef?.trim()
    if (!label) fields.push({ field: 'body.contactRef', key: 'collections.contact_label_required' })
    else {
      contactKey = `other:${label.toLowerCase()}`
      contactLabel = label
    }
  }
  if (input.promise) {
    if (!isAmountString(input.promise.amount) || parseAmount(input.promise.amount).lt('0.01'))
      fields.push({ field: 'body.promise.amount', key: 'collections.promise_amount' })
    if (!isIsoDate(input.promise.date)) fields.push({ field: 'body.promise.date', key: 'collections.field_date' })
    else if (compareDates(input.promise.date, date) < 0)
      fields.push({ field: 'body.promise.date', key: 'collections.promise_date_past', params: { businessDate: date } })
    else if (compareDates(input.promise.date, addDays(date, PROMISE_MAX_DAYS)) > 0)
      fields.push({
        field: 'body.promise.date',
        key: 'collections.promise_date_far',
        params: { days: PROMISE_MAX_DAYS },
      })
    if (!input.reached) fields.push({ field: 'body.promise', key: 'collections.promise_needs_reached' })
  } else if (input.resultCode === 'promise_to_pay')
    fields.push({ field: 'body.promise', key: 'collections.promise_required' })
  if (fields.length > 0) throw new AppError('validation', { fields })

  // 2. the case must still be in collection
  if (c.status !== 'unassigned' && c.status !== 'assigned')
    throw businessRule('collections.case_finished', { loanNo: c.loanNo })

  // 3. contact compliance
  const settings = await loadCompliance(tx, c.institutionId)
  const now = deps.clock.now()
  const local = localDateTime(now, settings.timeZone)
  const sameCustomer = c.customerId
    ? sql`r.case_id in (select id from collection_cases where customer_id = ${c.customerId}::uuid)`
    : sql`r.loan_id = ${c.loanId}::uuid`
  const [stats] = await queryRows<{ unanswered: number; last_borrower_reached: boolean | null }>(
    tx,
    sql`select
        (select count(*)::int from collection_records r where ${sameCustomer} and r.contact_key = ${contactKey}
          and r.local_date = ${local.date}::date and not r.reached
          and r.channel in (${sql.join(
            TIMED_CHANNELS.map((ch) => sql`${ch}`),
            sql`, `,
          )})) as unanswered,
        (select r.reached from collection_records r where ${sameCustomer} and r.contact = 'borrower'
          order by r.created_at desc limit 1) as last_borrower_reached`,
  )
  // flags belong to the customer (or to the loan when it has none)
  const subject = c.customerId ?? c.loanId
  const [flag] = await tx
    .select()
    .from(collectionContactFlags)
    .where(and(eq(collectionContactFlags.customerId, subject), eq(collectionContactFlags.contactKey, contactKey)))
  const breach = checkContact(settings, {
    channel: input.channel,
    contact: input.contact,
    localTime: local.time,
    unansweredToday: Number(stats?.unanswered ?? 0),
    borrowerUnreachable: stats?.last_borrower_reached === false,
    debtDisclosed: input.debtDisclosed ?? false,
    flagged: (flag?.flag as 'do_not_contact' | 'stop_requested' | undefined) ?? null,
  })
  if (breach) throw businessRule(breach.key, breach.params)

  // 4. write
  const [record] = await tx
    .insert(collectionRecords)
    .values({
      institutionId: c.institutionId,
      caseId: c.id,
      loanId: c.loanId,
      collectorId: principal.userId,
      channel: input.channel,
      contact: input.contact,
      contactKey,
      contactLabel,
      reached: input.reached,
      resultCode: input.resultCode,
      notes: input.notes ?? null,
      recordingRef: input.recordingRef ?? null,
      debtDisclosed: input.debtDisclosed ?? false,
      businessDate: date,
      localDate: local.date,
    })
    .returning()
  let promise = null
  if (input.promise) {
    const [p] = await tx
      .insert(collectionPromises)
      .values({
        institutionId: c.institutionId,
        caseId: c.id,
        loanId: c.loanId,
        recordId: record!.id,
        collectorId: principal.userId,
        amount: parseAmount(input.promise.amount).toFixed(2),
        promisedDate: input.promise.date,
        madeOn: date,
      })
      .returning()
    promise = promiseDto(p!)
  }
  if (input.stopRequested)
    await tx
      .insert(collectionContactFlags)
      .values({
        institutionId: c.institutionId,
        customerId: subject,
        contactKey,
        flag: 'stop_requested',
        reason: input.notes ?? null,
        createdBy: principal.userId,
      })
      .onConflictDoNothing()
  await tx
    .update(collectionCases)
    .set({ lastContactAt: now, updatedAt: new Date() })
    .where(eq(collectionCases.id, c.id))
  await recordAudit(tx, actor, {
    operation: 'collection.record',
    objectType: 'collection_case',
    objectId: c.id,
    institutionId: c.institutionId,
    after: {
      recordId: record!.id,
      channel: input.channel,
      contact: input.contact,
      reached: input.reached,
      resultCode: input.resultCode,
      promise: input.promise ?? null,
      stopRequested: input.stopRequested ?? false,
    },
  })
  return { record: recordDto(record!), promise }
}

/** Promises of the cases in the caller's scope (newest first). */
export async function listPromises(
  tx: Tx,
  principal: StaffPrincipal,
  o: { status?: 'pending' | 'kept' | 'broken'; caseId?: string; page: number; pageSize: number },
) {
  const caseIds = tx.select({ id: collectionCases.id }).from(collectionCases).where(caseScope(principal))
  const where = and(
    inArray(collectionPromises.caseId, caseIds),
    o.status ? eq(collectionPromises.status, o.status) : undefined,
    o.caseId ? eq(collectionPromises.caseId, o.caseId) : undefined,
  )
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(collectionPromises).where(where)
  const rows = await tx
    .select()
    .from(collectionPromises)
    .where(where)
    .orderBy(desc(collectionPromises.createdAt))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(promiseDto), total: Number(n), page: o.page, pageSize: o.pageSize }
}
