/**
 * HTTP routes of strategies (/strategies…) and the legal process (/legal…) under /api/v1/collections
 * (see docs/api-collections.md). Registered by `registerCollectionsRoutes`.
 */
import { z } from 'zod'
import { getBusinessDate } from '../../platform/clock.ts'
import { addDays, compareDates, daysBetween, isIsoDate } from '../../platform/dates.ts'
import { fieldError } from '../../platform/errors.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { activateStrategy, retireStrategy } from './activate-strategy.ts'
import { LEGAL_FEE_KINDS, LEGAL_OUTCOMES } from './domain/legal-process.ts'
import { CHANNELS } from './domain/strategy.ts'
import { getLegalCase, listLegalCases } from './legal-case-queries.ts'
import { addLegalFee, addLegalNote, moveLegalCase } from './legal-cases.ts'
import { createStrategy, updateStrategy } from './save-strategy.ts'
import { getStrategy, listStrategies, strategyReport, strategyReportCsv } from './strategy-queries.ts'

const ZLoose = z.object({}).passthrough()
const ZAmountBound = z.string().trim().max(20).nullable().default(null)
const ZCountBound = z.number().int().min(0).max(1000).nullable().default(null)
const ZScoreBound = z.number().min(-1_000_000).max(1_000_000).nullable().default(null)

export const ZSegment = z.strictObject({
  code: z.string().trim().min(1).max(20),
  name: text(60),
  stages: z.array(z.string().trim().min(1).max(10)).max(30).default([]),
  minAmount: ZAmountBound,
  maxAmount: ZAmountBound,
  minScore: ZScoreBound,
  maxScore: ZScoreBound,
  minBrokenPromises: ZCountBound,
  maxBrokenPromises: ZCountBound,
  minPreviousCases: ZCountBound,
  maxPreviousCases: ZCountBound,
  channels: z
    .array(z.strictObject({ channel: z.enum(CHANNELS), weight: z.number().int().min(1).max(100) }))
    .min(1)
    .max(CHANNELS.length),
  priority: z.number().int().min(1).max(5),
  contactEveryDays: z.number().int().min(1).max(30).nullable().default(null),
})
const ZStrategyBody = z.strictObject({
  name: text(100),
  description: z.string().trim().max(1000).nullable().optional(),
  segments: z.array(ZSegment).max(20),
})
const ZDocs = z
  .array(z.strictObject({ name: text(200), fileRef: text(500) }))
  .max(20)
  .default([])
const ZReportQuery = z.strictObject({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  strategyId: z.uuid().optional(),
})

async function reportPeriod(
  tx: Parameters<typeof getBusinessDate>[0],
  institutionId: string,
  q: z.infer<typeof ZReportQuery>,
) {
  const today = await getBusinessDate(tx, institutionId)
  const to = q.to ?? today
  const from = q.from ?? addDays(to, -29)
  if (!isIsoDate(from)) throw fieldError('query.from', 'collections.field_date')
  if (!isIsoDate(to)) throw fieldError('query.to', 'collections.field_date')
  if (compareDates(from, to) > 0 || daysBetween(from, to) > 366)
    throw fieldError('query.from', 'collections.field_period')
  return { from, to, strategyId: q.strategyId }
}

export function registerStrategyRoutes(app: XindaiApp, ctx: AppContext, base: string, tags: string[]) {
  // ── strategies ──
  app.get(
    `${base}/strategies`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Collection strategies of the institution (draft, active champion/challenger, retired)',
        querystring: pageQuery(['name', 'createdAt', 'updatedAt'], {
          status: z.enum(['draft', 'active', 'retired']).optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listStrategies(tx, principal, req.query)),
  )
  app.post(
    `${base}/strategies`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary:
          'Create a strategy (draft): segments over stage, amount, risk score and history, each with an approach',
        body: ZStrategyBody,
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createStrategy({ ...call, input: req.body }))),
  )
  app.get(
    `${base}/strategies/report`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary:
          'Results per strategy and segment over a period (cases, collected, rate, recovered, promise-kept rate)',
        querystring: ZReportQuery,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) =>
        strategyReport(tx, principal, await reportPeriod(tx, principal.institutionId, req.query)),
      ),
  )
  app.get(
    `${base}/strategies/report.csv`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'The results per strategy and segment as CSV',
        querystring: ZReportQuery,
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      const r = await asStaff(ctx, req, async ({ tx, principal }) =>
        strategyReport(tx, principal, await reportPeriod(tx, principal.institutionId, req.query)),
      )
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="collection-strategies-${r.from}-${r.to}.csv"`)
        .send(strategyReportCsv(r))
    },
  )
  app.get(
    `${base}/strategies/:id`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'One strategy with the open cases in each segment',
        params: ZIdParams,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getStrategy(tx, principal, req.params.id)),
  )
  app.put(
    `${base}/strategies/:id`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Change a draft strategy (an activated one is copied into a new draft instead)',
        params: ZIdParams,
        body: ZStrategyBody,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateStrategy({ ...call, id: req.params.id, input: req.body })),
  )
  app.post(
    `${base}/strategies/:id/activate`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary:
          'Activate as champion (replaces the current one) or challenger (a share of the cases); open cases are re-segmented at once',
        params: ZIdParams,
        body: z.strictObject({
          role: z.enum(['champion', 'challenger']),
          challengerPercent: z.number().int().min(1).max(50).optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => activateStrategy({ ...call, id: req.params.id, input: req.body })),
  )
  app.post(
    `${base}/strategies/:id/retire`,
    {
      config: { permission: 'collection.manage' },
      schema: {
        tags,
        summary: 'Retire an active strategy; its cases follow what remains active',
        params: ZIdParams,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => retireStrategy({ ...call, id: req.params.id })),
  )

  // ── legal process ──
  app.get(
    `${base}/legal`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'Legal cases (诉讼) of the cases in scope',
        querystring: pageQuery(['escalatedOn', 'updatedAt', 'feesTotal', 'claimAmount'], {
          status: z
            .enum(['open', 'escalated', 'lawyer_assigned', 'filed', 'judgment', 'enforcement', 'closed'])
            .optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listLegalCases(tx, principal, req.query)),
  )
  app.get(
    `${base}/legal/:id`,
    {
      config: { permission: 'collection.read' },
      schema: {
        tags,
        summary: 'One legal case with its history (status moves, fees, notes, documents)',
        params: ZIdParams,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getLegalCase(tx, principal, req.params.id)),
  )
  app.post(
    `${base}/legal/:id/transitions`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary:
          'Move a legal case on: lawyer_assigned (firm), filed (court, docket no.), judgment (amount), enforcement, closed (outcome)',
        params: ZIdParams,
        body: z.strictObject({
          to: z.enum(['lawyer_assigned', 'filed', 'judgment', 'enforcement', 'closed']),
          date: z.string().max(10),
          firm: text(200).optional(),
          lawyer: text(100).optional(),
          court: text(200).optional(),
          docketNo: text(100).optional(),
          claimAmount: z.string().trim().max(20).optional(),
          judgmentAmount: z.string().trim().max(20).optional(),
          outcome: z.enum(LEGAL_OUTCOMES).optional(),
          notes: z.string().trim().max(2000).optional(),
          documents: ZDocs,
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => moveLegalCase({ ...call, id: req.params.id, input: req.body })),
  )
  app.post(
    `${base}/legal/:id/fees`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Record a legal fee (lawyer, court, enforcement, other) as exact money',
        params: ZIdParams,
        body: z.strictObject({
          kind: z.enum(LEGAL_FEE_KINDS),
          amount: z.string().trim().max(20),
          date: z.string().max(10),
          notes: z.string().trim().max(2000).optional(),
          documents: ZDocs,
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => addLegalFee({ ...call, id: req.params.id, input: req.body }))),
  )
  app.post(
    `${base}/legal/:id/notes`,
    {
      config: { permission: 'collection.assign' },
      schema: {
        tags,
        summary: 'Add a note (with documents) to a legal case',
        params: ZIdParams,
        body: z.strictObject({ notes: text(2000), documents: ZDocs }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => addLegalNote({ ...call, id: req.params.id, input: req.body }))),
  )
}
