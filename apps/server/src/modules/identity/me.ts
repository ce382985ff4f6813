/** The signed-in staff member's own account: profile, password, online status. */
import { eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { todayUtc } from '../../platform/dates.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import { runOnlineHooks } from '../../platform/presence.ts'
import { hashPassword, isStrongEnough, verifyPassword } from './passwords.ts'
import { users } from './schema.ts'

export type MeDto = {
  id: string
  username: string
  displayName: string
  institution: { id: string; code: string; name: string; kind: 'platform' | 'lender'; businessDate: string }
  teamId: string | null
  permissions: string[]
  scope: string
  online: boolean
  csrfToken: string
}

export function describeMe(p: StaffPrincipal): MeDto {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    institution: {
      id: p.institutionId,
      code: p.institutionCode,
      name: p.institutionName,
      kind: p.institutionKind,
      businessDate: p.businessDate ?? todayUtc(),
    },
    teamId: p.teamId,
    permissions: [...p.permissions].sort(),
    scope: p.scope,
    online: p.online,
    csrfToken: p.csrfToken,
  }
}

export type ChangePasswordOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  currentPassword: string
  newPassword: string
  currentSessionId: string
}

export async function changeOwnPassword(opts: ChangePasswordOptions): Promise<void> {
  const { tx, principal, actor, currentPassword, newPassword } = opts
  const [row] = await tx.select().from(users).where(eq(users.id, principal.userId)).for('update')
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword)))
    throw fieldError('body.currentPassword', 'field.wrong_password')
  if (!isStrongEnough(newPassword)) throw fieldError('body.newPassword', 'field.password_weak')
  if (currentPassword === newPassword) throw fieldError('body.newPassword', 'field.password_same')
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, principal.userId))
  // other sessions of this user end; the one that changed the password stays
  await tx.execute(
    sql`update sessions set revoked_at = now() where user_id = ${principal.userId} and revoked_at is null and id <> ${opts.currentSessionId}`,
  )
  await recordAudit(tx, actor, { operation: 'user.change_password', objectType: 'user', objectId: principal.userId })
}

export async function setOnline(tx: Tx, principal: StaffPrincipal, actor: Actor, online: boolean): Promise<void> {
  await tx.update(users).set({ online, updatedAt: new Date() }).where(eq(users.id, principal.userId))
  await recordAudit(tx, actor, {
    operation: online ? 'user.online' : 'user.offline',
    objectType: 'user',
    objectId: principal.userId,
    before: { online: principal.online },
    after: { online },
  })
  if (online) await runOnlineHooks(tx, { userId: principal.userId, institutionId: principal.institutionId, actor })
}
