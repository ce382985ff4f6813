/** Server-side sessions: the cookie carries a random token, the database only its hash. */
import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { sessions } from '../../platform/db/schema.ts'
import { sessionIdOf } from '../../platform/http/auth-hook.ts'
import { evictSession } from '../../platform/http/session-cache.ts'

export type NewSession = { token: string; csrfToken: string; expiresAt: Date }

export type CreateSessionOptions = {
  tx: Queryable
  subject: { type: 'staff'; userId: string; institutionId: string } | { type: 'borrower'; borrowerId: string }
  ip: string | null
  userAgent: string | null
  maxHours: number
}

export async function createSession({
  tx,
  subject,
  ip,
  userAgent,
  maxHours,
}: CreateSessionOptions): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const expiresAt = new Date(Date.now() + maxHours * 3_600_000)
  await tx.insert(sessions).values({
    id: sessionIdOf(token),
    subjectType: subject.type,
    userId: subject.type === 'staff' ? subject.userId : null,
    institutionId: subject.type === 'staff' ? subject.institutionId : null,
    borrowerId: subject.type === 'borrower' ? subject.borrowerId : null,
    csrfToken,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt,
  })
  return { token, csrfToken, expiresAt }
}

export async function revokeSession(tx: Queryable, token: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(eq(sessions.id, sessionIdOf(token)))
  evictSession(sessionIdOf(token))
}
