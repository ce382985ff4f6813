/** The Outbox page: messages sent through the notification module, newest first. */
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { can, dbContextOf } from '../access/principal.ts'
import { recordAudit } from '../audit/record.ts'
import { notifications } from '../db/schema.ts'
import type { AppContext, XindaiApp } from '../http/app.ts'
import { asStaff } from '../http/request.ts'
import { pageOf, problems } from '../http/schemas.ts'

const ZNotification = z.object({
  id: z.string(),
  institutionId: z.string().nullable(),
  channel: z.string(),
  provider: z.string(),
  recipient: z.string(),
  template: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.string(),
  createdAt: z.string(),
})

export function registerNotificationRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'notification.read' },
      schema: {
        tags: ['notifications'],
        summary: 'Outbox: messages sent (recipients masked unless pii.read)',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          channel: z.enum(['sms', 'email', 'inapp', 'robocall']).optional(),
          q: z.string().trim().max(100).optional(),
          unmask: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageOf(ZNotification), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal, actor }) => {
        const q = req.query
        const conds: (SQL | undefined)[] = [
          dbContextOf(principal).scope === 'platform'
            ? undefined
            : eq(notifications.institutionId, principal.institutionId),
          q.channel ? eq(notifications.channel, q.channel) : undefined,
          q.q
            ? or(ilike(notifications.body, `%${q.q}%`), eq(notifications.recipientHash, ctx.pii.blindIndex(q.q)))
            : undefined,
        ]
        const where = and(...conds)
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(notifications).where(where)
        const rows = await tx
          .select()
          .from(notifications)
          .where(where)
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
        const unmask = q.unmask === 'true' && can(principal, 'pii.read')
        if (unmask && rows.length > 0)
          await recordAudit(tx, actor, {
            operation: 'pii.unmask',
            objectType: 'notification',
            objectId: null,
            after: { ids: rows.map((r) => r.id) },
          })
        return {
          items: rows.map((r) => ({
            id: r.id,
            institutionId: r.institutionId,
            channel: r.channel,
            provider: r.provider,
            recipient: unmask ? ctx.pii.decrypt(r.recipientEnc) : r.recipientMasked,
            template: r.template,
            subject: r.subject,
            body: r.body,
            status: r.status,
            createdAt: r.createdAt.toISOString(),
          })),
          total: Number(total),
          page: q.page,
          pageSize: q.pageSize,
        }
      }),
  )
}
