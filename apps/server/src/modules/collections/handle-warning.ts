/**
 * A warning's owner (or anyone with `warning.handle` who sees it) acknowledges, resolves or dismisses
 * it: open → acknowledged → resolved / dismissed. Dismissing needs a note (why it is a false alarm);
 * a closed warning accepts nothing more (422). Audited with before and after in the same transaction.
 */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { nextWarningStatus, type WarningStatus } from './domain/warnings.ts'
import { collectionWarnings } from './schema.ts'
import { findWarning, getWarning } from './warning-queries.ts'

export type HandleWarningOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  warningId: string
  action: 'acknowledge' | 'resolve' | 'dismiss'
  note?: string
}

export async function handleWarning({ tx, principal, actor, warningId, action, note }: HandleWarningOptions) {
  const w = await findWarning(tx, principal, warningId, true)
  const next = nextWarningStatus(w.status as WarningStatus, action)
  if (!next) throw businessRule('collections.warning_transition', { status: w.status, action })
  if (action === 'dismiss' && !note) throw fieldError('body.note', 'collections.warning_note_required')
  const now = new Date()
  const closing = next === 'resolved' || next === 'dismissed'
  const set = {
    status: next,
    note: note ?? w.note,
    updatedAt: now,
    ...(action === 'acknowledge' ? { acknowledgedAt: now, acknowledgedBy: principal.userId } : {}),
    ...(closing
      ? { closedAt: now, closedBy: principal.userId, closedOn: await getBusinessDate(tx, w.institutionId) }
      : {}),
  }
  await tx.update(collectionWarnings).set(set).where(eq(collectionWarnings.id, w.id))
  await recordAudit(tx, actor, {
    operation: `collection.warning.${action}`,
    objectType: 'collection_warning',
    objectId: w.id,
    institutionId: w.institutionId,
    before: { status: w.status, note: w.note },
    after: { status: next, note: set.note },
  })
  return getWarning(tx, principal, w.id)
}
