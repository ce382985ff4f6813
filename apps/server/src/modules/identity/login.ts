/**
 * Staff sign-in: argon2id verification, lockout after repeated failures (cool-down or an admin
 * unlocks), frozen accounts refused, and the outcome recorded in the audit trail either way.
 */
import { eq, sql } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { type Database, SYSTEM } from '../../platform/db/open.ts'
import { AppError } from '../../platform/errors.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { institutions, users } from './schema.ts'
import { createSession, type NewSession } from './sessions.ts'

export type LoginOptions = {
  db: Database
  config: Config
  username: string
  password: string
  ip: string | null
  userAgent: string | null
}

export async function login({
  db,
  config,
  username,
  password,
  ip,
  userAgent,
}: LoginOptions): Promise<NewSession & { userId: string }> {
  // Verification happens outside the transaction (argon2 is slow on purpose); the counters are
  // then updated under a row lock so concurrent attempts count correctly.
  const [candidate] = await db.tx(SYSTEM, (tx) =>
    tx
      .select({ id: users.id, hash: users.passwordHash, status: users.status, instStatus: institutions.status })
      .from(users)
      .innerJoin(institutions, eq(institutions.id, users.institutionId))
      .where(eq(users.username, username)),
  )
  const ok = await verifyPassword(candidate?.hash ?? (await dummyPasswordHash()), password)
  if (!candidate) throw new AppError('invalid_credentials')

  const outcome = await db.tx(SYSTEM, async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, candidate.id)).for('update')
    if (!row) throw new AppError('invalid_credentials')
    const actor: Actor = { type: 'staff', id: row.id, name: row.username, institutionId: row.institutionId, ip }
    const lockedNow = row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now()
    if (lockedNow) {
      await recordAudit(tx, actor, {
        operation: 'auth.login_refused',
        objectType: 'user',
        objectId: row.id,
        after: { reason: 'locked' },
      })
      return {
        error: new AppError('locked', {
          headers: { 'retry-after': String(Math.ceil((row.lockedUntil!.getTime() - Date.now()) / 1000)) },
        }),
      }
    }
    if (!ok) {
      const failures = row.failedLogins + 1
      const lock = failures >= config.loginMaxFailures
      await tx
        .update(users)
        .set({
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? sql`now() + make_interval(mins => ${config.loginLockMinutes})` : row.lockedUntil,
        })
        .where(eq(users.id, row.id))
      await recordAudit(tx, actor, {
        operation: lock ? 'auth.locked' : 'auth.login_failed',
        objectType: 'user',
        objectId: row.id,
        after: { failures },
      })
      return { error: new AppError(lock ? 'locked' : 'invalid_credentials') }
    }
    if (row.status !== 'active' || candidate.instStatus !== 'active') {
      await recordAudit(tx, actor, {
        operation: 'auth.login_refused',
        objectType: 'user',
        objectId: row.id,
        after: { reason: 'frozen' },
      })
      return { error: new AppError('frozen') }
    }
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(users.id, row.id))
    const session = await createSession({
      tx,
      subject: { type: 'staff', userId: row.id, institutionId: row.institutionId },
      ip,
      userAgent,
      maxHours: config.sessionMaxHours,
    })
    await recordAudit(tx, actor, { operation: 'auth.login', objectType: 'user', objectId: row.id })
    return { session: { ...session, userId: row.id } }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.session
}
