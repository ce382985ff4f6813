/**
 * Borrower sign-up and sign-in by phone and one-time code (短信验证码). Codes are stored hashed,
 * expire, allow a few attempts, and requests are rate limited per phone and per IP. The first
 * successful sign-in creates the borrower account.
 */
import { createHmac, randomInt } from 'node:crypto'
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { type Database, SYSTEM } from '../../platform/db/open.ts'
import { AppError } from '../../platform/errors.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { maskPhone, type PiiCipher } from '../../platform/pii.ts'
import { hit } from '../../platform/rate-limit.ts'
import { createSession, type NewSession } from '../identity/sessions.ts'
import { captureLogin } from '../risk/capture-login.ts'
import { borrowers, otpCodes } from './schema.ts'

export const PHONE_PATTERN = /^1[3-9]\d{9}$/

type Deps = { db: Database; config: Config; pii: PiiCipher; notifier: Notifier }

function codeHash(config: Config, phoneHash: string, code: string): string {
  return createHmac('sha256', config.hmacKey).update(`${phoneHash}:${code}`).digest('hex')
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', { headers: { 'retry-after': String(Math.max(1, retryAfterSeconds)) } })
}

export async function requestOtp(deps: Deps, phone: string, ip: string): Promise<{ retryAfterSeconds: number }> {
  const { db, config, pii, notifier } = deps
  const phoneHash = pii.blindIndex(phone)
  return db.tx(SYSTEM, async (tx) => {
    const resend = await hit(tx, { key: `otp:resend:${phoneHash}`, limit: 1, windowSeconds: config.otp.resendSeconds })
    if (!resend.allowed) throw rateLimited(resend.retryAfterSeconds)
    const daily = await hit(tx, {
      key: `otp:day:${phoneHash}`,
      limit: config.otp.maxPerPhonePerDay,
      windowSeconds: 86_400,
    })
    if (!daily.allowed) throw rateLimited(daily.retryAfterSeconds)
    const perIp = await hit(tx, { key: `otp:ip:${ip}`, limit: config.otp.maxPerIpPerHour, windowSeconds: 3600 })
    if (!perIp.allowed) throw rateLimited(perIp.retryAfterSeconds)
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await tx.insert(otpCodes).values({
      phoneHash,
      codeHash: codeHash(config, phoneHash, code),
      purpose: 'login',
      expiresAt: new Date(Date.now() + config.otp.ttlSeconds * 1000),
      ip,
    })
    await notifier.send(tx, {
      institutionId: null,
      channel: 'sms',
      recipient: phone,
      template: 'borrower.otp',
      body: `【信贷】您的验证码是 ${code}，${Math.round(config.otp.ttlSeconds / 60)} 分钟内有效，请勿告诉他人。`,
    })
    return { retryAfterSeconds: config.otp.resendSeconds }
  })
}

export type BorrowerLogin = NewSession & { borrowerId: string; phoneMasked: string; isNew: boolean }

export async function loginWithOtp(
  deps: Deps,
  phone: string,
  code: string,
  ip: string,
  userAgent: string | null,
  deviceFingerprint: string | null = null,
): Promise<BorrowerLogin> {
  const { db, config, pii } = deps
  const phoneHash = pii.blindIndex(phone)
  const outcome = await db.tx(SYSTEM, async (tx) => {
    const [otp] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.phoneHash, phoneHash), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, sql`now()`)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
      .for('update')
    if (!otp || otp.attempts >= config.otp.maxAttempts) return { error: new AppError('invalid_code') }
    if (otp.codeHash !== codeHash(config, phoneHash, code)) {
      // the attempt is counted even though the request fails, so the update must commit
      await tx
        .update(otpCodes)
        .set({ attempts: otp.attempts + 1 })
        .where(eq(otpCodes.id, otp.id))
      return { error: new AppError('invalid_code') }
    }
    await tx.update(otpCodes).set({ consumedAt: new Date() }).where(eq(otpCodes.id, otp.id))
    const [existing] = await tx.select().from(borrowers).where(eq(borrowers.phoneHash, phoneHash))
    let borrowerId = existing?.id
    const isNew = !existing
    const phoneMasked = maskPhone(phone)
    if (!borrowerId) {
      const [row] = await tx
        .insert(borrowers)
        .values({ phoneEnc: pii.encrypt(phone), phoneHash, phoneMasked })
        .onConflictDoUpdate({ target: borrowers.phoneHash, set: { lastLoginAt: new Date() } })
        .returning({ id: borrowers.id })
      borrowerId = row!.id
    } else if (existing?.status !== 'active') return { error: new AppError('frozen') }
    await tx.update(borrowers).set({ lastLoginAt: new Date() }).where(eq(borrowers.id, borrowerId))
    const actor: Actor = { type: 'borrower', id: borrowerId, name: phoneMasked, institutionId: null, ip }
    await recordAudit(tx, actor, {
      operation: isNew ? 'borrower.register' : 'borrower.login',
      objectType: 'borrower',
      objectId: borrowerId,
      after: { phone },
    })
    // device capture and the register_login scene; only a rule that rejects can stop the sign-in
    const risk = await captureLogin({ tx, pii, borrowerId, isNew, ip, fingerprint: deviceFingerprint })
    if (risk.blocked) return { error: new AppError('forbidden', { detailKey: 'risk.login_blocked' }) }
    const session = await createSession({
      tx,
      subject: { type: 'borrower', borrowerId },
      ip,
      userAgent,
      maxHours: config.sessionMaxHours,
    })
    return { ok: { ...session, borrowerId, phoneMasked, isNew } }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.ok
}
