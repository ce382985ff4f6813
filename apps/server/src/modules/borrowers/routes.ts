/** Borrower H5 sign-in routes (public) and the borrower's own profile. */
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { SYSTEM } from '../../platform/db/open.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { BORROWER_COOKIE, CSRF_COOKIE } from '../../platform/http/auth-hook.ts'
import { problems } from '../../platform/http/schemas.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { revokeSession } from '../identity/sessions.ts'
import { loginWithOtp, PHONE_PATTERN, requestOtp } from './otp-login.ts'
import { borrowers } from './schema.ts'

export function registerBorrowerRoutes(app: XindaiApp, ctx: AppContext & { notifier: Notifier }) {
  const tags = ['borrower']
  app.post(
    '/api/v1/borrower/otp',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Send a one-time sign-in code by SMS',
        body: z.strictObject({ phone: z.string().trim().regex(PHONE_PATTERN) }),
        response: {
          202: z.object({ sentAt: z.string(), retryAfterSeconds: z.number() }),
          429: problems[422],
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const r = await requestOtp(ctx, req.body.phone, req.ip)
      return reply.code(202).send({ sentAt: new Date().toISOString(), retryAfterSeconds: r.retryAfterSeconds })
    },
  )
  app.post(
    '/api/v1/borrower/login',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Sign in (or sign up) with phone and code',
        body: z.strictObject({
          phone: z.string().trim().regex(PHONE_PATTERN),
          code: z.string().regex(/^\d{6}$/),
          deviceFingerprint: z.string().trim().min(1).max(200).optional(),
        }),
        response: {
          200: z.object({ id: z.string(), phoneMasked: z.string(), isNew: z.boolean(), csrfToken: z.string() }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const r = await loginWithOtp(
        ctx,
        req.body.phone,
        req.body.code,
        req.ip,
        req.headers['user-agent'] ?? null,
        req.body.deviceFingerprint ?? null,
      )
      const opts = { path: '/', sameSite: 'lax' as const, secure: ctx.config.secureCookies, expires: r.expiresAt }
      reply.setCookie(BORROWER_COOKIE, r.token, { ...opts, httpOnly: true })
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...opts, httpOnly: false })
      return { id: r.borrowerId, phoneMasked: r.phoneMasked, isNew: r.isNew, csrfToken: r.csrfToken }
    },
  )
  app.post(
    '/api/v1/borrower/logout',
    { config: { auth: 'public' }, schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => {
      const token = req.cookies[BORROWER_COOKIE]
      if (token) await ctx.db.tx(SYSTEM, (tx) => revokeSession(tx, token))
      reply.clearCookie(BORROWER_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/api/v1/borrower/me',
    {
      config: { auth: 'borrower' },
      schema: {
        tags,
        response: {
          200: z.object({ id: z.string(), phoneMasked: z.string(), createdAt: z.string(), csrfToken: z.string() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const b = req.borrower!
      const [row] = await ctx.db.tx(SYSTEM, (tx) => tx.select().from(borrowers).where(eq(borrowers.id, b.borrowerId)))
      return {
        id: b.borrowerId,
        phoneMasked: b.phoneMasked,
        createdAt: row!.createdAt.toISOString(),
        csrfToken: b.csrfToken,
      }
    },
  )
}
