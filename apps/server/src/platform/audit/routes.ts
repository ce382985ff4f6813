/** Reading and verifying the audit trail (留痕). */
import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { dbContextOf } from '../access/principal.ts'
import { auditLog } from '../db/schema.ts'
import { fieldError } from '../errors.ts'
import type { AppContext, XindaiApp } from '../http/app.ts'
import { asStaff } from '../http/request.ts'
import { pageOf, problems } from '../http/schemas.ts'
import { verifyAuditChains } from './verify.ts'

const ZAuditRow = z.object({
  id: z.number(),
  institutionId: z.string().nullable(),
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  operation: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
})

const ZVerify = z.object({
  ok: z.boolean(),
  checkedRows: z.number(),
  chains: z.number(),
  problems: z.array(
    z.object({ chain: z.string(), seq: z.number(), id: z.number().nullable(), kind: z.string(), message: z.string() }),
  ),
})

export function registerAuditRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (newest first)',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          operation: z.string().max(80).optional(),
          objectType: z.string().max(80).optional(),
          objectId: z.string().max(80).optional(),
          actor: z.string().max(80).optional(),
          institutionId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: pageOf(ZAuditRow), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const q = req.query
        if (q.from && q.to && q.from > q.to) throw fieldError('query.from', 'field.date_range')
        const conds: (SQL | undefined)[] = [
          dbContextOf(principal).scope === 'platform' ? undefined : eq(auditLog.institutionId, principal.institutionId),
          q.operation ? eq(auditLog.operation, q.operation) : undefined,
          q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
          q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
          q.actor ? eq(auditLog.actorName, q.actor) : undefined,
          q.institutionId ? eq(auditLog.institutionId, q.institutionId) : undefined,
          q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
          q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
        ]
        const where = and(...conds)
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditLog).where(where)
        const rows = await tx
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
        return {
          items: rows.map((r) => ({ ...r, at: r.at.toISOString(), id: Number(r.id), seq: Number(r.seq) })),
          total: Number(total),
          page: q.page,
          pageSize: q.pageSize,
        }
      }),
  )
  app.post(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chains; names every edited, deleted or reordered row',
        body: z.strictObject({ institutionId: z.uuid().optional() }),
        response: { 200: ZVerify, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) => {
        const platform = dbContextOf(principal).scope === 'platform'
        const institutionId = platform ? req.body.institutionId : principal.institutionId
        return verifyAuditChains(tx, institutionId ? { institutionId } : {})
      }),
  )
}
