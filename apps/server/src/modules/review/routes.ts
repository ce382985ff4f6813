/** HTTP routes of credit review: pools, orders, assignment, the review page, calls, QI and statistics. */
import { z } from 'zod'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { readUploadFile } from '../origination/uploads.ts'
import { toCsv } from './domain/assignment.ts'
import { listInspections, sampleInspections, scoreInspection } from './inspections.ts'
import { assignOrders, decideOrder, listOrders, runAutoAssign, saveNotes, startOrder } from './orders.ts'
import { ensurePool, poolReviewers, poolsOf, type Stage, updatePool } from './pools.ts'
import { registerRejectReasonRoutes } from './reject-reason-routes.ts'
import { addCall, orderDocument, reviewPage } from './review-page.ts'
import { efficiencyStats, performanceStats } from './stats.ts'

const ZStage = z.enum(['first', 'second'])
const ZChecklistAnswer = z.strictObject({
  code: text(40),
  ok: z.boolean(),
  note: z.string().trim().max(500).optional(),
})
const ZOrderQuery = pageQuery(['createdAt', 'dueAt', 'completedAt'], {
  stage: ZStage.optional(),
  status: z
    .enum(['awaiting_assignment', 'awaiting_review', 'in_review', 'approved', 'rejected', 'cancelled'])
    .optional(),
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  assigneeId: z.uuid().optional(),
  q: z.string().trim().max(40).optional(),
})
const ZStatsQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  stage: ZStage.optional(),
  format: z.enum(['json', 'csv']).default('json'),
})
const ok = z.object({}).passthrough()

export function registerReviewRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['review']
  const work = { permission: 'review.work' }
  const assign = { permission: 'review.assign' }

  app.get(
    '/api/v1/review/pools',
    {
      config: assign,
      schema: {
        tags,
        summary: 'Both pools: group, mode, cap, SLA, checklist, counts, reviewers',
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => poolsOf(tx, principal)),
  )
  app.patch(
    '/api/v1/review/pools/:stage',
    {
      config: assign,
      schema: {
        tags,
        summary: 'Configure a pool (automatic assignment on/off and mode, cap, SLA, group, checklist)',
        params: z.strictObject({ stage: ZStage }),
        body: z.strictObject({
          autoMode: z.enum(['manual', 'round_robin', 'least_loaded']).optional(),
          cap: z.number().int().min(1).max(500).optional(),
          slaMinutes: z
            .number()
            .int()
            .min(5)
            .max(60 * 24 * 14)
            .optional(),
          teamId: z.uuid().nullable().optional(),
          checklist: z
            .array(z.strictObject({ code: text(40), label: text(200) }))
            .max(40)
            .optional(),
        }),
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async (call) => {
        await updatePool({ ...call, stage: req.params.stage, input: req.body })
        return poolsOf(call.tx, call.principal)
      }),
  )
  app.get(
    '/api/v1/review/reviewers',
    {
      config: assign,
      schema: {
        tags,
        summary:
          "Reviewers of a pool's group and position, with online status and open orders (assign only to online ones)",
        querystring: z.strictObject({ stage: ZStage }),
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) =>
        poolReviewers(tx, await ensurePool(tx, principal.institutionId, req.query.stage as Stage)),
      ),
  )
  app.post(
    '/api/v1/review/pools/:stage/auto-assign',
    {
      config: assign,
      schema: {
        tags,
        summary: 'Run automatic assignment of the waiting orders now',
        params: z.strictObject({ stage: ZStage }),
        response: { 200: z.object({ assigned: z.number() }), ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => runAutoAssign({ ...call, stage: req.params.stage })),
  )
  app.get(
    '/api/v1/review/orders',
    {
      config: work,
      schema: {
        tags,
        summary: 'Orders in scope (a reviewer: only theirs); ?overdue=true for SLA breaches',
        querystring: ZOrderQuery,
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listOrders(tx, principal, req.query)),
  )
  app.get(
    '/api/v1/review/my-orders',
    {
      config: work,
      schema: {
        tags,
        summary: 'My orders (assigned to me)',
        querystring: ZOrderQuery,
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listOrders(tx, principal, { ...req.query, mine: true })),
  )
  app.post(
    '/api/v1/review/orders/assign',
    {
      config: assign,
      schema: {
        tags,
        summary: 'Assign or reassign orders (single or batch) to one online reviewer of the pool group',
        body: z.strictObject({ orderIds: z.array(z.uuid()).min(1).max(200), reviewerId: z.uuid() }),
        response: { 200: z.object({ assigned: z.number() }), ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => assignOrders({ ...call, ...req.body })),
  )
  app.get(
    '/api/v1/review/orders/:id',
    {
      config: work,
      schema: {
        tags,
        summary: 'The review page: everything on one screen',
        params: ZIdParams,
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => reviewPage(tx, principal, ctx.pii, req.params.id)),
  )
  app.get(
    '/api/v1/review/orders/:id/documents/:uploadId',
    {
      config: work,
      schema: {
        tags,
        summary: 'A document of the order’s application',
        params: z.strictObject({ id: z.uuid(), uploadId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const { doc, storageName } = await asStaff(ctx, req, ({ tx, principal }) =>
        orderDocument(tx, principal, req.params.id, req.params.uploadId),
      )
      const bytes = await readUploadFile(ctx.config.dataDir, storageName)
      return reply
        .type(doc.type)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes)
    },
  )
  app.post(
    '/api/v1/review/orders/:id/start',
    {
      config: work,
      schema: {
        tags,
        summary: 'Start reviewing (awaiting review → in review)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => startOrder({ ...call, id: req.params.id }))
      return reply.code(204).send(null)
    },
  )
  app.put(
    '/api/v1/review/orders/:id/notes',
    {
      config: work,
      schema: {
        tags,
        summary: 'Save notes and checklist answers (draft)',
        params: ZIdParams,
        body: z.strictObject({
          notes: z.string().trim().max(4000).optional(),
          checklist: z.array(ZChecklistAnswer).max(40).optional(),
        }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => saveNotes({ ...call, id: req.params.id, input: req.body }))
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/api/v1/review/orders/:id/calls',
    {
      config: work,
      schema: {
        tags,
        summary: 'Record an outbound verification call with its recording reference',
        params: ZIdParams,
        body: z.strictObject({
          callee: text(60),
          phone: z
            .string()
            .trim()
            .regex(/^1\d{10}$/),
          outcome: z.enum(['connected', 'no_answer', 'refused', 'wrong_number']),
          content: z.string().trim().max(2000).optional(),
          recordingRef: z.string().trim().max(300).optional(),
          durationSeconds: z.number().int().min(0).max(36_000).optional(),
        }),
        response: { 201: ok, ...problems },
      },
    },
    async (req, reply) => {
      const call = await asStaff(ctx, req, (c) => addCall({ ...c, id: req.params.id, input: req.body }))
      return reply.code(201).send(call)
    },
  )
  app.post(
    '/api/v1/review/orders/:id/decide',
    {
      config: work,
      schema: {
        tags,
        summary: 'Approve or reject (reject reason from the catalog); only the assignee',
        params: ZIdParams,
        body: z.strictObject({
          result: z.enum(['approved', 'rejected']),
          rejectReasonCode: z.string().trim().max(40).optional(),
          notes: z.string().trim().max(4000).optional(),
          checklist: z.array(ZChecklistAnswer).max(40).optional(),
        }),
        response: { 200: ok, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async (call) => {
        await decideOrder({ ...call, id: req.params.id, input: req.body })
        return reviewPage(call.tx, call.principal, ctx.pii, req.params.id)
      }),
  )
  registerRejectReasonRoutes(app, ctx)
  app.post(
    '/api/v1/review/qi/sample',
    {
      config: { permission: 'review.qi' },
      schema: {
        tags,
        summary: 'Draw a random sample of processed orders for quality inspection',
        body: z.strictObject({
          size: z.number().int().min(1).max(200),
          stage: ZStage.optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: { 200: z.object({ sampled: z.number() }), ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => sampleInspections({ ...call, input: req.body })),
  )
  app.get(
    '/api/v1/review/qi',
    {
      config: { permission: 'review.qi' },
      schema: {
        tags,
        summary: 'Inspections with the record of each order',
        querystring: z.strictObject({ status: z.enum(['pending', 'done']).optional() }),
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listInspections(tx, principal, req.query)),
  )
  app.put(
    '/api/v1/review/qi/:id',
    {
      config: { permission: 'review.qi' },
      schema: {
        tags,
        summary: 'Score an inspection (0–100) with a comment',
        params: ZIdParams,
        body: z.strictObject({ score: z.number().int().min(0).max(100), comment: text(2000) }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => scoreInspection({ ...call, id: req.params.id, input: req.body }))
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/api/v1/review/stats/efficiency',
    {
      config: { permission: 'review.stats' },
      schema: { tags, summary: 'Efficiency per reviewer per day (+ totals); ?format=csv', querystring: ZStatsQuery },
    },
    async (req, reply) => {
      const rows = await asStaff(ctx, req, ({ tx, principal }) => efficiencyStats(tx, principal, req.query))
      if (req.query.format !== 'csv') return reply.send(rows)
      const csv = toCsv(
        ['day', 'reviewer', 'count', 'min_minutes', 'max_minutes', 'avg_minutes', 'approved', 'rejected'],
        rows.map((r) => [
          r.day,
          r.reviewerName,
          r.count,
          r.minMinutes,
          r.maxMinutes,
          r.avgMinutes,
          r.approved,
          r.rejected,
        ]),
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="review-efficiency.csv"')
        .send(csv)
    },
  )
  app.get(
    '/api/v1/review/stats/performance',
    {
      config: { permission: 'review.stats' },
      schema: { tags, summary: 'Performance per reviewer and stage; ?format=csv', querystring: ZStatsQuery },
    },
    async (req, reply) => {
      const rows = await asStaff(ctx, req, ({ tx, principal }) => performanceStats(tx, principal, req.query))
      if (req.query.format !== 'csv') return reply.send(rows)
      const csv = toCsv(
        ['reviewer', 'stage', 'approved', 'disbursed', 'settled_normally', 'due', 'overdue', 'overdue_rate_percent'],
        rows.map((r) => [
          r.reviewerName,
          r.stage,
          r.approved,
          r.disbursed,
          r.settledNormally,
          r.due,
          r.overdue,
          r.overdueRatePercent,
        ]),
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="review-performance.csv"')
        .send(csv)
    },
  )
}
