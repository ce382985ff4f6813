/**
 * Gives an open or acknowledged warning to another person: an active user of the warning's
 * institution who holds `warning.handle` (else 400 on `body.ownerId`). Audited in the same transaction.
 */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { nextWarningStatus, type WarningStatus } from './domain/warnings.ts'
import { collectionWarnings } from './schema.ts'
import { findWarning, getWarning, listWarningOwners } from './warning-queries.ts'

export type ReassignWarningOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  warningId: string
  ownerId: string
}

export async function reassignWarning({ tx, principal, actor, warningId, ownerId }: ReassignWarningOptions) {
  const w = await findWarning(tx, principal, warningId, true)
  if (!nextWarningStatus(w.status as WarningStatus, 'reassign'))
    throw businessRule('collections.warning_transition', { status: w.status, action: 'reassign' })
  const [owner] = await listWarningOwners(tx, w.institutionId, ownerId)
  if (!owner) throw fieldError('body.ownerId', 'collections.warning_owner_unknown')
  await tx
    .update(collectionWarnings)
    .set({ ownerId: owner.id, ownerTeamId: owner.teamId, updatedAt: new Date() })
    .where(eq(collectionWarnings.id, w.id))
  await recordAudit(tx, actor, {
    operation: 'collection.warning.reassign',
    objectType: 'collection_warning',
    objectId: w.id,
    institutionId: w.institutionId,
    before: { ownerId: w.ownerId },
    after: { ownerId: owner.id },
  })
  return getWarning(tx, principal, w.id)
}
