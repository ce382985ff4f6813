/** Commands on staff users: create, edit, freeze/unfreeze, unlock, reset password. */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { canSeeInstitution, type StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { hashPassword, isStrongEnough } from './passwords.ts'
import { institutions, positions, teams, userPositions, users } from './schema.ts'
import { getUser, lockUserRow, type UserDto } from './user-queries.ts'

export type CreateUserOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  input: {
    username: string
    displayName: string
    password: string
    institutionId?: string
    teamId?: string | null
    positionIds: string[]
  }
}

async function resolveInstitution(
  tx: Queryable,
  p: StaffPrincipal,
  institutionId: string | undefined,
): Promise<string> {
  const id = institutionId ?? p.institutionId
  if (!canSeeInstitution(p, id)) throw fieldError('body.institutionId', 'field.institution_unknown')
  const [row] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, id))
  if (!row) throw fieldError('body.institutionId', 'field.institution_unknown')
  return id
}

async function checkTeam(tx: Queryable, institutionId: string, teamId: string | null | undefined) {
  if (!teamId) return
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.institutionId, institutionId)))
  if (!row) throw fieldError('body.teamId', 'field.team_unknown')
}

async function checkPositions(tx: Queryable, institutionId: string, positionIds: string[]) {
  if (positionIds.length === 0) return
  const found = await tx
    .select({ id: positions.id })
    .from(positions)
    .where(and(inArray(positions.id, positionIds), eq(positions.institutionId, institutionId)))
  if (found.length !== new Set(positionIds).size) throw fieldError('body.positionIds', 'field.position_unknown')
}

export async function createUser({ tx, principal, actor, input }: CreateUserOptions): Promise<UserDto> {
  if (!isStrongEnough(input.password)) throw fieldError('body.password', 'field.password_weak')
  const institutionId = await resolveInstitution(tx, principal, input.institutionId)
  await checkTeam(tx, institutionId, input.teamId)
  await checkPositions(tx, institutionId, input.positionIds)
  const passwordHash = await hashPassword(input.password)
  let id: string
  try {
    const [row] = await tx
      .insert(users)
      .values({
        institutionId,
        teamId: input.teamId ?? null,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
      })
      .returning({ id: users.id })
    id = row!.id
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.username', 'field.username_taken', undefined, 'conflict')
    throw err
  }
  if (input.positionIds.length > 0)
    await tx
      .insert(userPositions)
      .values([...new Set(input.positionIds)].map((positionId) => ({ userId: id, positionId, institutionId })))
  const dto = await getUser(tx, principal, id)
  await recordAudit(tx, actor, {
    operation: 'user.create',
    objectType: 'user',
    objectId: id,
    institutionId,
    after: auditView(dto),
  })
  return dto
}

function auditView(u: UserDto) {
  return {
    username: u.username,
    displayName: u.displayName,
    institutionId: u.institutionId,
    teamId: u.teamId,
    status: u.status,
    positions: u.positions.map((p) => p.code).sort(),
  }
}

export type UpdateUserOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { displayName?: string; teamId?: string | null; positionIds?: string[] }
}

export async function updateUser({ tx, principal, actor, id, input }: UpdateUserOptions): Promise<UserDto> {
  const row = await lockUserRow(tx, principal, id)
  const before = await getUser(tx, principal, id)
  if (input.teamId !== undefined) await checkTeam(tx, row.institutionId, input.teamId)
  if (input.positionIds) await checkPositions(tx, row.institutionId, input.positionIds)
  const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() }
  if (input.displayName !== undefined) set.displayName = input.displayName
  if (input.teamId !== undefined) set.teamId = input.teamId
  await tx.update(users).set(set).where(eq(users.id, id))
  if (input.positionIds) {
    await tx.delete(userPositions).where(eq(userPositions.userId, id))
    if (input.positionIds.length > 0)
      await tx.insert(userPositions).values(
        [...new Set(input.positionIds)].map((positionId) => ({
          userId: id,
          positionId,
          institutionId: row.institutionId,
        })),
      )
  }
  const after = await getUser(tx, principal, id)
  await recordAudit(tx, actor, {
    operation: 'user.update',
    objectType: 'user',
    objectId: id,
    institutionId: row.institutionId,
    before: auditView(before),
    after: auditView(after),
  })
  return after
}

export type UserStatusChange = 'freeze' | 'unfreeze' | 'unlock'

export type ChangeUserStatusOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  id: string
  change: UserStatusChange
}

export async function changeUserStatus({
  tx,
  principal,
  actor,
  id,
  change,
}: ChangeUserStatusOptions): Promise<UserDto> {
  const row = await lockUserRow(tx, principal, id)
  if (change === 'freeze' && id === principal.userId) throw fieldError('params.id', 'field.self_freeze')
  const before = {
    status: row.status,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    failedLogins: row.failedLogins,
  }
  if (change === 'freeze') {
    await tx.update(users).set({ status: 'frozen', online: false, updatedAt: new Date() }).where(eq(users.id, id))
    // a frozen user's sessions end now, not at their idle timeout
    await tx.execute(sql`update sessions set revoked_at = now() where user_id = ${id} and revoked_at is null`)
  } else if (change === 'unfreeze') {
    await tx.update(users).set({ status: 'active', updatedAt: new Date() }).where(eq(users.id, id))
  } else {
    await tx.update(users).set({ lockedUntil: null, failedLogins: 0, updatedAt: new Date() }).where(eq(users.id, id))
  }
  const after = await getUser(tx, principal, id)
  await recordAudit(tx, actor, {
    operation: `user.${change}`,
    objectType: 'user',
    objectId: id,
    institutionId: row.institutionId,
    before,
    after: { status: after.status, lockedUntil: after.lockedUntil },
  })
  return after
}

export type ResetPasswordOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  id: string
  newPassword: string
}

export async function resetPassword({ tx, principal, actor, id, newPassword }: ResetPasswordOptions): Promise<void> {
  if (!isStrongEnough(newPassword)) throw fieldError('body.newPassword', 'field.password_weak')
  const row = await lockUserRow(tx, principal, id)
  const passwordHash = await hashPassword(newPassword)
  await tx
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, passwordChangedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, id))
  await tx.execute(sql`update sessions set revoked_at = now() where user_id = ${id} and revoked_at is null`)
  await recordAudit(tx, actor, {
    operation: 'user.reset_password',
    objectType: 'user',
    objectId: id,
    institutionId: row.institutionId,
  })
}
