/** HTTP routes of the risk configuration: indicators, own-data whitelist, data sources, lists. */
import { z } from 'zod'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { createDataSource } from './create-data-source.ts'
import { createIndicator } from './create-indicator.ts'
import { ZDataSourceCreate, ZDataSourceUpdate } from './data-source-input.ts'
import { findDataSource, listDataSources, toDataSourceDto } from './data-source-queries.ts'
import { deleteIndicator } from './delete-indicator.ts'
import { importListEntries } from './import-list-entries.ts'
import { OWN_FIELDS } from './indicator-config.ts'
import { getIndicator, listIndicators } from './indicator-queries.ts'
import { ZDevice, ZIndicatorCreate, ZIndicatorUpdate, ZInputs } from './inputs.ts'
import { addListEntry, listEntries, removeListEntry } from './list-entries.ts'
import { LIST_KINDS, LIST_TYPES } from './list-values.ts'
import { testDataSource } from './test-data-source.ts'
import { updateDataSource } from './update-data-source.ts'
import { updateIndicator } from './update-indicator.ts'

const ZLoose = z.object({}).passthrough()
const tags = ['risk-config']
const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true')

export function registerRiskConfigRoutes(app: XindaiApp, ctx: AppContext) {
  registerIndicatorRoutes(app, ctx)
  registerSourceRoutes(app, ctx)
  registerListRoutes(app, ctx)
}

function registerIndicatorRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/risk/indicators',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        querystring: pageQuery(['code', 'name', 'createdAt'], {
          q: z.string().trim().max(100).optional(),
          sourceKind: z.enum(['input', 'own', 'derived', 'list', 'third_party']).optional(),
          enabled: ZBool.optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listIndicators(tx, principal, req.query)),
  )
  app.get(
    '/api/v1/risk/own-fields',
    {
      config: { permission: 'risk.read' },
      schema: { tags, summary: 'The whitelist of own data for indicators', response: { 200: ZLoose, ...problems } },
    },
    async () => ({
      tables: Object.entries(OWN_FIELDS).map(([table, fields]) => ({
        table,
        fields: Object.entries(fields).map(([field, f]) => ({ field, ...f })),
      })),
      derived: {
        entities: {
          device_events: ['device', 'ip', 'subject'],
          evaluations: ['device', 'ip', 'subject'],
          installments: ['subject'],
        },
        aggregates: ['count', 'distinct_count', 'overdue_count', 'differs', 'days_since'],
      },
    }),
  )
  app.post(
    '/api/v1/risk/indicators',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, body: ZIndicatorCreate, response: { 201: ZLoose, ...problems } },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createIndicator({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/risk/indicators/:id',
    {
      config: { permission: 'risk.read' },
      schema: { tags, params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getIndicator(tx, principal, req.params.id)),
  )
  app.patch(
    '/api/v1/risk/indicators/:id',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, params: ZIdParams, body: ZIndicatorUpdate, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, (call) => updateIndicator({ ...call, id: req.params.id, input: req.body })),
  )
  app.delete(
    '/api/v1/risk/indicators/:id',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, params: ZIdParams, response: { 204: z.null(), ...problems } },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => deleteIndicator({ ...call, id: req.params.id }))
      return reply.code(204).send(null)
    },
  )
}

function registerSourceRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/risk/data-sources',
    { config: { permission: 'risk.read' }, schema: { tags, response: { 200: z.array(ZLoose), ...problems } } },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listDataSources(tx, principal)),
  )
  app.post(
    '/api/v1/risk/data-sources',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, body: ZDataSourceCreate, response: { 201: ZLoose, ...problems } },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createDataSource({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/risk/data-sources/:id',
    {
      config: { permission: 'risk.read' },
      schema: { tags, params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) =>
        toDataSourceDto(await findDataSource(tx, principal, req.params.id)),
      ),
  )
  app.patch(
    '/api/v1/risk/data-sources/:id',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, params: ZIdParams, body: ZDataSourceUpdate, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, (call) => updateDataSource({ ...call, id: req.params.id, input: req.body as never })),
  )
  app.post(
    '/api/v1/risk/data-sources/:id/test',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Test call (never cached)',
        params: ZIdParams,
        body: z.strictObject({
          inputs: ZInputs.optional(),
          customerId: z.uuid().optional(),
          device: ZDevice.optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        testDataSource({ tx, principal, pii: ctx.pii, id: req.params.id, input: req.body as never }),
      ),
  )
}

function registerListRoutes(app: XindaiApp, ctx: AppContext) {
  const ZListType = z.enum(LIST_TYPES)
  const ZListKind = z.enum(LIST_KINDS)
  app.get(
    '/api/v1/risk/lists',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        querystring: pageQuery(['createdAt'], {
          listType: ZListType.optional(),
          kind: ZListKind.optional(),
          value: z.string().trim().max(200).optional(),
          active: ZBool.optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listEntries(tx, principal, ctx.pii, req.query)),
  )
  app.post(
    '/api/v1/risk/lists',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        body: z.strictObject({
          listType: ZListType,
          kind: ZListKind,
          value: z.string().trim().min(1).max(200),
          reason: text(200),
          expiresAt: z.string().max(40).nullable().optional(),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => addListEntry({ ...call, pii: ctx.pii, input: req.body }))),
  )
  app.delete(
    '/api/v1/risk/lists/:id',
    {
      config: { permission: 'risk.manage' },
      schema: { tags, params: ZIdParams, response: { 204: z.null(), ...problems } },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) => removeListEntry({ ...call, id: req.params.id }))
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/api/v1/risk/lists/import',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Import list entries (CSV or JSON), all or nothing',
        body: z.strictObject({ format: z.enum(['csv', 'json']), content: z.string().min(1).max(1_000_000) }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => importListEntries({ ...call, pii: ctx.pii, input: req.body })),
  )
}
