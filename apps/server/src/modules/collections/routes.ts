/** HTTP routes of collections under /api/v1/collections (see docs/api-collections.md). */

import { z } from 'zod'
import { getBusinessDate } from '../../platform/clock.ts'
import { addDays, compareDates, daysBetween, isIsoDate } from '../../platform/dates.ts'
import { fieldError } from '../../platform/errors.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { assignCases } from './assign-cases.ts'
import { autoAssignPool } from './auto-assign.ts'
import { getCase, listCases } from './case-queries.ts'
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, recordComplaint, resolveComplaint } from './complaints.ts'
import { escalateToLegal, proposeWriteOff } from './legal.ts'
import { listPromises, RESULT_CODES, recordContact } from './record-contact.ts'
import { dispatchReminders, loadLadder } from './reminders.ts'
import {
  deleteProductStageSet,
  getCompliance,
  getStageSets,
  listPools,
  listReminders,
  poolCollectors,
  updateCollector,
  updateCompliance,
  updateLadder,
  updatePool,
  updateStageSet,
} from './settings.ts'
import { collectionStatistics, OVERDUE_DIMENSIONS, overdueCsv, overdueRates, statisticsCsv } from './statistics.ts'
import { registerStrategyRoutes } from './strategy-routes.ts'
import { registerWarningRoutes } from './warnings-routes.ts'

const ZLoose = z.object({}).passthrough()
const ZStage = z.strictObject({
  code: z.string().trim().min(1).max(10),
  fromDay: z.number().int(),
  toDay: z.number().int().nullable(),
  position: z.string().trim().min(1).max(60),
  opensCases: z.boolean().default(true),
})
const ZStageParams = z.strictObject({ code: z.string().trim().min(1).max(10) })
const ZSetParams = z.strictObject({ setKey: z.union([z.enum(['short', 'monthly']), z.uuid()]) })
const ZOverdueQuery = z.strictObject({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  by: z.enum(OVERDUE_DIMENSIONS).default('product'),
})
const ZPeriod = z.strictObject({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  groupBy: z.enum(['stage', 'collector', 'day', 'week', 'month']).default('stage'),
})

export function registerCollectionsRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['collections']
  const base = '/api/v1/collections'
  registerWarningRoutes(app, ctx)

  // ── stages ──
  app.get(
    `${base}/stages`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Stage sets: the short and monthly defaults and every product (with its own set if any)',
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getStageSets(tx, principal)),
  )
  app.put(
    `${base}/stages/:setKey`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Replace a stage set (short, monthly or a product id); ranges must leave no gap and no overlap',
        params: ZSetParams,
        body: z.strictObject({ stages: z.array(ZStage).max(20) }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) => updateStageSet({ ...call, setKey: req.params.setKey, stages: req.body.stages })),
  )
  app.delete(
    `${base}/stages/:id`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: "Remove a product's own stage set",
        params: ZIdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => deleteProductStageSet({ ...call, productId: req.params.id }))
      return reply.code(204).send(null)
    },
  )

  // ── pools and assignment ──
  app.get(
    `${base}/pools`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Pools (one per stage) with counts and automatic-assignment settings',
        response: { 200: z.object({ items: z.array(ZLoose) }), ...problems },
      },
    },
    async (req) => ({ items: await asStaff(ctx, req, ({ tx, principal }) => listPools(tx, principal)) }),
  )
  app.patch(
    `${base}/pools/:code`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Switch automatic assignment of a pool on or off, its strategy and cap (switching on assigns at once)',
        params: ZStageParams,
        body: z.strictObject({
          autoAssign: z.boolean().optional(),
          strategy: z.enum(['round_robin', 'by_load']).optional(),
          capPerCollector: z.number().int().min(1).max(100_000).nullable().optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updatePool({ ...call, stageCode: req.params.code, input: req.body })),
  )
  app.post(
    `${base}/pools/:code/auto-assign`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Run automatic assignment of the pool now',
        params: ZStageParams,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        await poolCollectors(tx, principal, req.params.code) // 404 for an unknown pool
        const date = await getBusinessDate(tx, principal.institutionId)
        return { assigned: await autoAssignPool(tx, principal.institutionId, req.params.code, date) }
      }),
  )
  app.get(
    `${base}/pools/:code/collectors`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: "Collectors offered for the pool: holders of its stage's position, with load and receiving settings",
        params: ZStageParams,
        response: { 200: z.object({ items: z.array(ZLoose) }), ...problems },
      },
    },
    async (req) => ({
      items: await asStaff(ctx, req, ({ tx, principal }) => poolCollectors(tx, principal, req.params.code)),
    }),
  )
  app.post(
    `${base}/assignments`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Assign or reassign cases (one or a batch) to a collector of their stage group',
        body: z.strictObject({ caseIds: z.array(z.uuid()).min(1).max(500), collectorId: z.uuid() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => assignCases({ ...call, input: req.body })),
  )
  app.patch(
    `${base}/collectors/:id`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: "Pause or resume a collector's automatic receiving; set their cap",
        params: ZIdParams,
        body: z.strictObject({
          paused: z.boolean().optional(),
          cap: z.number().int().min(1).max(100_000).nullable().optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateCollector({ ...call, userId: req.params.id, input: req.body })),
  )
  app.patch(
    `${base}/me/receiving`,
    {
      config: { permission: 'collection.work' },
      schema: {
        tags,
        summary: 'A collector pauses or resumes receiving automatically assigned cases',
        body: z.strictObject({ paused: z.boolean() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) =>
        updateCollector({ ...call, userId: call.principal.userId, input: { paused: req.body.paused } }),
      ),
  )

  // ── cases ──
  const caseQuery = pageQuery(['urgency', 'dpd', 'overdueAmount', 'openedOn', 'finishedOn'], {
    stage: z.string().trim().max(10).optional(),
    status: z.enum(['open', 'finished', 'unassigned', 'assigned', 'collected', 'closed']).optional(),
    collectorId: z.uuid().optional(),
    q: z.string().trim().max(100).optional(),
  })
  app.get(
    `${base}/cases`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Cases in scope (pools), by urgency unless sorted',
        querystring: caseQuery,
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listCases(tx, principal, req.query)),
  )
  app.get(
    `${base}/my-cases`,
    {
      config: { permission: 'collection.work' },
      schema: {
        tags,
        summary: "The caller's own cases (我的案件): status=open (default) or finished, by urgency",
        querystring: caseQuery,
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        listCases(tx, principal, { ...req.query, status: req.query.status ?? 'open', mine: true }),
      ),
  )
  app.get(
    `${base}/cases/:id`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'One case with its loan, borrower (masked), contacts, records, promises and history',
        params: ZIdParams,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getCase(tx, principal, ctx.pii, req.params.id)),
  )
  app.post(
    `${base}/cases/:id/records`,
    {
      config: { permission: 'collection.work' },
      schema: {
        tags,
        summary: 'Record a collection action (contact compliance enforced: 422 with the rule on a breach)',
        params: ZIdParams,
        body: z.strictObject({
          channel: z.enum(['call', 'sms', 'visit', 'letter', 'legal_notice']),
          contact: z.enum(['borrower', 'emergency_contact', 'other']),
          contactRef: z.string().trim().max(100).optional(),
          reached: z.boolean(),
          resultCode: z.enum(RESULT_CODES),
          notes: z.string().trim().max(2000).optional(),
          recordingRef: z.string().trim().max(500).optional(),
          debtDisclosed: z.boolean().optional(),
          stopRequested: z.boolean().optional(),
          promise: z.strictObject({ amount: z.string().max(40), date: z.string().max(20) }).optional(),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => recordContact({ ...call, caseId: req.params.id, input: req.body }))),
  )
  app.post(
    `${base}/cases/:id/legal`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Escalate a case to legal (转法务) with document references',
        params: ZIdParams,
        body: z.strictObject({
          reason: text(1000),
          documents: z
            .array(z.strictObject({ name: text(200), fileRef: text(500) }))
            .max(20)
            .default([]),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => escalateToLegal({ ...call, caseId: req.params.id, input: req.body }))),
  )
  app.post(
    `${base}/cases/:id/complaints`,
    {
      config: { permission: 'collection.work' },
      schema: {
        tags,
        summary: 'Record a complaint about collection (催收投诉) on a case',
        params: ZIdParams,
        body: z.strictObject({
          receivedVia: z.enum(COMPLAINT_CHANNELS),
          category: z.enum(COMPLAINT_CATEGORIES),
          description: text(2000),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => recordComplaint({ ...call, caseId: req.params.id, input: req.body }))),
  )
  app.post(
    `${base}/complaints/:id/resolve`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Resolve a complaint with what was done',
        params: ZIdParams,
        body: z.strictObject({ resolution: text(2000) }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) =>
        resolveComplaint({ ...call, complaintId: req.params.id, resolution: req.body.resolution }),
      ),
  )
  app.post(
    `${base}/cases/:id/write-off`,
    {
      config: { permission: 'writeoff.request' },
      schema: {
        tags,
        summary: "Propose the write-off of the case's loan: servicing's four-eyes loan.write_off request",
        params: ZIdParams,
        body: z.strictObject({ reason: text(1000) }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => proposeWriteOff({ ...call, caseId: req.params.id, input: req.body }))),
  )
  app.get(
    `${base}/promises`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Promises to pay of the cases in scope',
        querystring: pageQuery(['createdAt'], {
          status: z.enum(['pending', 'kept', 'broken']).optional(),
          caseId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listPromises(tx, principal, req.query)),
  )

  // ── compliance settings ──
  app.get(
    `${base}/settings`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Contact-compliance settings of the institution',
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getCompliance(tx, principal)),
  )
  app.put(
    `${base}/settings`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Change the contact-compliance settings (hours, time zone, attempt cap, third-party rule)',
        body: z.strictObject({
          allowedFrom: z.string().max(5).optional(),
          allowedTo: z.string().max(5).optional(),
          timeZone: text(60).optional(),
          maxUnansweredPerDay: z.number().int().min(1).max(50).optional(),
          thirdPartyOnlyWhenUnreachable: z.boolean().optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateCompliance({ ...call, input: req.body })),
  )

  // ── reminder ladder ──
  app.get(
    `${base}/reminder-steps`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'The reminder ladder of the institution (defaults until changed)',
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, async ({ tx, principal }) => ({ steps: await loadLadder(tx, principal.institutionId) })),
  )
  app.put(
    `${base}/reminder-steps`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Replace the reminder ladder: steps by day relative to the due date (negative = before)',
        body: z.strictObject({
          steps: z
            .array(
              z.strictObject({
                code: z.string().trim().min(1).max(40),
                day: z.number().int(),
                action: z.enum(['reminder', 'sms', 'robocall', 'work_order', 'legal_proposal']),
              }),
            )
            .max(30),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateLadder({ ...call, steps: req.body.steps })),
  )
  app.get(
    `${base}/reminders`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Reminder-ladder steps queued, sent or skipped (with the reason)',
        querystring: pageQuery(['createdAt'], {
          status: z.enum(['queued', 'sent', 'skipped']).optional(),
          loanId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listReminders(tx, principal, req.query)),
  )
  app.post(
    `${base}/reminders/dispatch`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Send the queued reminders that may go now (within the allowed contact hours)',
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => dispatchReminders(tx, principal.institutionId)),
  )

  // ── statistics ──
  const period = async (
    tx: Parameters<typeof getBusinessDate>[0],
    institutionId: string,
    q: z.infer<typeof ZPeriod>,
  ) => {
    const today = await getBusinessDate(tx, institutionId)
    const to = q.to ?? today
    const from = q.from ?? addDays(to, -29)
    if (!isIsoDate(from)) throw fieldError('query.from', 'collections.field_date')
    if (!isIsoDate(to)) throw fieldError('query.to', 'collections.field_date')
    if (compareDates(from, to) > 0 || daysBetween(from, to) > 366)
      throw fieldError('query.from', 'collections.field_period')
    return { from, to, groupBy: q.groupBy }
  }
  app.get(
    `${base}/statistics`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary:
          'Collection rate by stage, collector or day/week/month; amounts recovered; roll and cure rates; activity',
        querystring: ZPeriod,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) =>
        collectionStatistics(tx, principal, await period(tx, principal.institutionId, req.query)),
      ),
  )
  app.get(
    `${base}/statistics/overdue`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary:
          'Overdue rate (by count and amount) of installments due in the period, by product, vintage, channel, region or reviewer',
        querystring: ZOverdueQuery,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const p = await period(tx, principal.institutionId, {
          from: req.query.from,
          to: req.query.to,
          groupBy: 'stage',
        })
        return overdueRates(tx, principal, { from: p.from, to: p.to, by: req.query.by })
      }),
  )
  app.get(
    `${base}/statistics/overdue.csv`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'The overdue-rate table as CSV',
        querystring: ZOverdueQuery,
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      const r = await asStaff(ctx, req, async ({ tx, principal }) => {
        const p = await period(tx, principal.institutionId, {
          from: req.query.from,
          to: req.query.to,
          groupBy: 'stage',
        })
        return overdueRates(tx, principal, { from: p.from, to: p.to, by: req.query.by })
      })
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="overdue-rate-${r.by}-${r.from}-${r.to}.csv"`)
        .send(overdueCsv(r))
    },
  )
  app.get(
    `${base}/statistics.csv`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'The collection-rate table as CSV',
        querystring: ZPeriod,
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      const s = await asStaff(ctx, req, async ({ tx, principal }) =>
        collectionStatistics(tx, principal, await period(tx, principal.institutionId, req.query)),
      )
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="collection-rate-${s.from}-${s.to}.csv"`)
        .send(statisticsCsv(s))
    },
  )

  registerStrategyRoutes(app, ctx, base, tags)
}
