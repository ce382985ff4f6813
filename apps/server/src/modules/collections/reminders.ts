/**
 * The reminder ladder (item 7). At each daily close, after the case flow, every loan whose position
 * (DPD, or days before its next due date) equals a step's day gets one `collection_reminders` row per
 * loan, due date and step — the unique key makes a step impossible to send twice, also when a close is
 * re-run. Rows are `queued`; `dispatchReminders` delivers them through the notification module
 * (outbox provider by default): borrower-facing steps only within the institution's allowed contact
 * hours and never to a borrower flagged do-not-contact / stop (then `skipped` with the reason);
 * staff-facing steps (work order, legal escalation proposal) as in-app messages to the case's collector,
 * or to the collection leads when the case is unassigned. The close dispatches at once (queued rows
 * wait when the close runs outside the hours); `POST /collections/reminders/dispatch` sends the waiting
 * ones later (a morning job or the console).
 */
import { eq, sql } from 'drizzle-orm'
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/record.ts'
import type { CloseDay } from '../../platform/close-hooks.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { loadCompliance } from './config.ts'
import { deps } from './deps.ts'
import { localDateTime, withinHours } from './domain/compliance.ts'
import { BORROWER_ACTIONS, channelOf, DEFAULT_LADDER, type LadderAction, type LadderStep } from './domain/ladder.ts'
import { collectionSettings } from './schema.ts'

export async function loadLadder(tx: Tx, institutionId: string): Promise<LadderStep[]> {
  const [r] = await tx
    .select({ steps: collectionSettings.reminderSteps })
    .from(collectionSettings)
    .where(eq(collectionSettings.institutionId, institutionId))
  return r?.steps ?? DEFAULT_LADDER.map((s) => ({ ...s }))
}

/** Queues today's steps (once per loan, due date and step) and dispatches what may go now. */
export async function runReminderLadder(
  tx: Tx,
  day: CloseDay,
): Promise<{ queued: number; sent: number; skipped: number }> {
  const steps = await loadLadder(tx, day.institutionId)
  if (steps.length === 0) return { queued: 0, sent: 0, skipped: 0 }
  const I = sql`${day.institutionId}::uuid`
  const D = sql`${day.date}::date`
  const ahead = Math.max(0, ...steps.map((s) => -s.day))
  const values = sql.join(
    steps.map((s) => sql`(${s.code}::text, ${s.day}::int, ${s.action}::text, ${channelOf(s.action)}::text)`),
    sql`, `,
  )
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`with cand as (
        select l.id, l.loan_no, l.customer_id, l.dpd from loans l
        where l.institution_id = ${I} and l.status in ('active', 'overdue') and l.dpd > 0
        union
        select l.id, l.loan_no, l.customer_id, l.dpd from loans l
        where l.id in (select i.loan_id from installments i where i.institution_id = ${I} and i.status <> 'paid'
            and i.due_date between ${D} and ${D} + ${ahead}::int)
          and l.status in ('active', 'overdue') and l.dpd = 0),
      pos as (
        select c.*, case when c.dpd > 0 then c.dpd
          else ${D} - (select min(i.due_date) from installments i where i.loan_id = c.id and i.status <> 'paid') end as pos
        from cand c)
      insert into collection_reminders (institution_id, loan_id, loan_no, customer_id, case_id, due_date, step_code,
        action, channel, status, business_date)
      select ${I}, p.id, p.loan_no, p.customer_id,
        (select cc.id from collection_cases cc where cc.loan_id = p.id and cc.status in ('unassigned', 'assigned')),
        ${D} - p.pos, s.code, s.action, s.channel, 'queued', ${D}
      from pos p join (values ${values}) s(code, day, action, channel) on s.day = p.pos
      on conflict (loan_id, due_date, step_code) do nothing
      returning id`,
  )
  const sent = await dispatchReminders(tx, day.institutionId)
  return { queued: inserted.length, ...sent }
}

type Queued = {
  id: string
  loan_id: string
  loan_no: string
  customer_id: string | null
  case_id: string | null
  due_date: string
  step_code: string
  action: LadderAction
  channel: 'sms' | 'robocall' | 'inapp'
  phone_enc: string | null
  flag: string | null
  loan_status: string
  collector: string | null
}

const TEXT: Record<LadderAction, (r: Queued) => string> = {
  reminder: (r) => `【还款提醒】您的借款 ${r.loan_no} 本期应还日为 ${r.due_date}，请按时还款。`,
  sms: (r) => `【逾期提醒】您的借款 ${r.loan_no}（应还日 ${r.due_date}）已逾期，请尽快还款，以免影响信用。`,
  robocall: (r) => `【语音外呼任务】借款 ${r.loan_no}（应还日 ${r.due_date}）逾期 3 天，自动外呼提醒还款。`,
  work_order: (r) =>
    `催收工单：借据 ${r.loan_no}（应还日 ${r.due_date}）已逾期 7 天，请人工跟进。 / Work order: loan ${r.loan_no} is 7 days past due; please follow up.`,
  legal_proposal: (r) =>
    `法务建议：借据 ${r.loan_no}（应还日 ${r.due_date}）逾期已超过 30 天，建议转法务处理。 / Legal escalation proposed: loan ${r.loan_no} is more than 30 days past due.`,
}

/** Sends the institution's queued reminders that may go now; returns how many were sent and skipped. */
export async function dispatchReminders(tx: Tx, institutionId: string): Promise<{ sent: number; skipped: number }> {
  const notifier = deps.notifier
  if (!notifier) return { sent: 0, skipped: 0 }
  const settings = await loadCompliance(tx, institutionId)
  const inHours = withinHours(
    localDateTime(deps.clock.now(), settings.timeZone).time,
    settings.allowedFrom,
    settings.allowedTo,
  )
  const rows = await queryRows<Queued>(
    tx,
    sql`select r.id, r.loan_id, r.loan_no, r.customer_id, r.case_id, r.due_date::text as due_date, r.step_code, r.action,
        r.channel, cu.phone_enc, f.flag, l.status as loan_status,
        (select u.username from collection_cases c join users u on u.id = c.collector_id where c.id = r.case_id) as collector
      from collection_reminders r
      join loans l on l.id = r.loan_id
      left join customers cu on cu.id = r.customer_id
      left join collection_contact_flags f on f.customer_id = coalesce(r.customer_id, r.loan_id) and f.contact_key = 'borrower'
      where r.institution_id = ${institutionId}::uuid and r.status = 'queued'
      order by r.created_at, r.id
      limit 5000`,
  )
  let leads: string[] | null = null
  let sent = 0
  let skipped = 0
  const mark = async (id: string, status: 'sent' | 'skipped', reason: string | null, notificationId: string | null) => {
    await tx.execute(sql`update collection_reminders set status = ${status}, reason = ${reason},
        notification_id = ${notificationId}::uuid, sent_at = case when ${status} = 'sent' then now() end
      where id = ${id}::uuid`)
    if (status === 'sent') sent++
    else skipped++
  }
  for (const r of rows) {
    if (r.loan_status !== 'active' && r.loan_status !== 'overdue') {
      await mark(r.id, 'skipped', 'loan_closed', null)
      continue
    }
    if (BORROWER_ACTIONS.includes(r.action)) {
      if (r.flag) {
        await mark(r.id, 'skipped', r.flag, null)
        continue
      }
      if (!r.phone_enc || !deps.pii) {
        await mark(r.id, 'skipped', 'no_contact', null)
        continue
      }
      if (!inHours) continue // waits for the allowed hours
      const id = await notifier.send(tx, {
        institutionId,
        channel: r.channel as 'sms' | 'robocall',
        recipient: deps.pii.decrypt(r.phone_enc),
        template: `collections.ladder.${r.step_code}`,
        body: TEXT[r.action](r),
      })
      await mark(r.id, 'sent', null, id)
    } else {
      let to = r.collector ? [r.collector] : null
      if (!to) {
        leads ??= (
          await queryRows<{ username: string }>(
            tx,
            sql`select distinct u.username from users u join user_positions up on up.user_id = u.id
              join positions p on p.id = up.position_id
              where u.institution_id = ${institutionId}::uuid and u.status = 'active' and 'collection.assign' = any(p.operations)`,
          )
        ).map((u) => u.username)
        to = leads
      }
      let first: string | null = null
      for (const username of to) {
        const id = await notifier.send(tx, {
          institutionId,
          channel: 'inapp',
          recipient: username,
          template: `collections.ladder.${r.step_code}`,
          subject:
            r.action === 'work_order' ? '催收工单 / Collection work order' : '法务建议 / Legal escalation proposal',
          body: TEXT[r.action](r),
        })
        first ??= id
      }
      await mark(r.id, first ? 'sent' : 'skipped', first ? null : 'no_recipient', first)
    }
  }
  if (sent + skipped > 0)
    await recordAudit(
      tx,
      { ...SYSTEM_ACTOR, institutionId },
      {
        operation: 'collection.reminders.dispatch',
        objectType: 'collection_reminders',
        objectId: institutionId,
        after: { sent, skipped },
      },
    )
  return { sent, skipped }
}
