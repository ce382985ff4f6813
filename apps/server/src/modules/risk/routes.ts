/** HTTP routes of the risk module: scenes, versions, evaluation and reports (config routes: routes-config.ts). */
import { z } from 'zod'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { backtestVersion } from './backtest-version.ts'
import { createDraft } from './create-draft.ts'
import { createScene } from './create-scene.ts'
import { diffVersions } from './diff-versions.ts'
import { ZCode } from './domain/index.ts'
import { evaluateScene } from './evaluate-scene.ts'
import { ZDate, ZDevice, ZInputs, ZRules } from './inputs.ts'
import { requestRollback, submitVersion } from './publish-version.ts'
import { getReport, listReports } from './report-queries.ts'
import { registerRiskConfigRoutes } from './routes-config.ts'
import { saveDraft } from './save-draft.ts'
import { getScene, listScenes } from './scene-queries.ts'
import { testVersion } from './test-version.ts'
import { updateScene } from './update-scene.ts'
import { findVersion, listVersions, toVersionDto } from './version-queries.ts'

const ZLoose = z.object({}).passthrough()
const ZCodeParams = z.strictObject({ code: ZCode })
const tags = ['risk']

export function registerRiskRoutes(app: XindaiApp, ctx: AppContext) {
  registerSceneRoutes(app, ctx)
  registerVersionRoutes(app, ctx)
  registerEvaluationRoutes(app, ctx)
  registerRiskConfigRoutes(app, ctx)
}

function registerSceneRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/risk/scenes',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'Scenes with their champion and challenger',
        response: { 200: z.array(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listScenes(tx, principal)),
  )
  app.post(
    '/api/v1/risk/scenes',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Add a scene by code',
        body: z.strictObject({ code: ZCode, name: text(100), description: text(500).nullable().optional() }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createScene({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/risk/scenes/:code',
    {
      config: { permission: 'risk.read' },
      schema: { tags, params: ZCodeParams, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getScene(tx, principal, req.params.code)),
  )
  app.patch(
    '/api/v1/risk/scenes/:code',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Rename a scene or change its challenger share',
        params: ZCodeParams,
        body: z.strictObject({
          name: text(100).optional(),
          description: text(500).nullable().optional(),
          challengerShare: z.number().int().min(0).max(100).optional(),
          useChallengerDecision: z.boolean().optional(),
          removeChallenger: z.literal(true).optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateScene({ ...call, code: req.params.code, input: req.body })),
  )
  app.post(
    '/api/v1/risk/scenes/:code/rollback',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Request a rollback to an earlier published version (four-eyes)',
        params: ZCodeParams,
        body: z.strictObject({ versionId: z.uuid(), comment: text(500).optional() }),
        response: { 202: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(
          await asStaff(ctx, req, (call) => requestRollback({ ...call, sceneCode: req.params.code, input: req.body })),
        ),
  )
}

function registerVersionRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/risk/scenes/:code/versions',
    {
      config: { permission: 'risk.read' },
      schema: { tags, params: ZCodeParams, response: { 200: z.array(ZLoose), ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listVersions(tx, principal, req.params.code)),
  )
  app.post(
    '/api/v1/risk/scenes/:code/versions',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Start a draft (copy of a version, or given rules)',
        params: ZCodeParams,
        body: z.strictObject({
          name: text(200).optional(),
          fromVersionId: z.uuid().optional(),
          rules: ZRules.optional(),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, (call) => createDraft({ ...call, sceneCode: req.params.code, input: req.body }))),
  )
  app.get(
    '/api/v1/risk/versions/:id',
    {
      config: { permission: 'risk.read' },
      schema: { tags, params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => toVersionDto(await findVersion(tx, principal, req.params.id))),
  )
  app.put(
    '/api/v1/risk/versions/:id',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Save a draft (validated)',
        params: ZIdParams,
        body: z.strictObject({ name: text(200).optional(), rules: ZRules }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => saveDraft({ ...call, id: req.params.id, input: req.body })),
  )
  app.post(
    '/api/v1/risk/versions/:id/submit',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Submit a draft for publishing (four-eyes)',
        params: ZIdParams,
        body: z.strictObject({
          target: z.enum(['champion', 'challenger']).optional(),
          challengerShare: z.number().int().min(1).max(100).optional(),
          comment: text(500).optional(),
        }),
        response: { 202: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await asStaff(ctx, req, (call) => submitVersion({ ...call, id: req.params.id, input: req.body }))),
  )
  app.get(
    '/api/v1/risk/versions/:id/diff',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        params: ZIdParams,
        querystring: z.strictObject({ against: z.uuid().optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => diffVersions(tx, principal, req.params.id, req.query.against)),
  )
  app.post(
    '/api/v1/risk/versions/:id/backtest',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'Replay stored evaluations through a version',
        params: ZIdParams,
        body: z.strictObject({
          limit: z.number().int().min(1).max(5000).optional(),
          from: ZDate.optional(),
          to: ZDate.optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) => backtestVersion({ tx, principal, id: req.params.id, input: req.body })),
  )
  app.post(
    '/api/v1/risk/versions/:id/test',
    {
      config: { permission: 'risk.manage' },
      schema: {
        tags,
        summary: 'Test panel: run a version without storing a report',
        params: ZIdParams,
        body: z.strictObject({ customerId: z.uuid().optional(), inputs: ZInputs, device: ZDevice.optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        testVersion({ tx, principal, pii: ctx.pii, id: req.params.id, input: req.body as never }),
      ),
  )
}

function registerEvaluationRoutes(app: XindaiApp, ctx: AppContext) {
  app.post(
    '/api/v1/risk/scenes/:code/evaluate',
    {
      config: { permission: 'risk.evaluate' },
      schema: {
        tags,
        summary: 'Evaluate a scene; stores a risk report',
        params: ZCodeParams,
        body: z.strictObject({
          customerId: z.uuid().optional(),
          applicationId: z.uuid().optional(),
          inputs: ZInputs,
          device: ZDevice.optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        evaluateScene({
          tx,
          pii: ctx.pii,
          institutionId: principal.institutionId,
          sceneCode: req.params.code,
          subject: { customerId: req.body.customerId ?? null, applicationId: req.body.applicationId ?? null },
          inputs: req.body.inputs,
          device: req.body.device ?? {},
        }),
      ),
  )
  app.get(
    '/api/v1/risk/reports',
    {
      config: { permission: 'risk.report.read' },
      schema: {
        tags,
        summary: 'Risk reports (paged, filtered)',
        querystring: pageQuery(['createdAt'], {
          scene: ZCode.optional(),
          decision: z.enum(['pass', 'reject', 'manual']).optional(),
          customerId: z.uuid().optional(),
          applicationId: z.uuid().optional(),
          from: ZDate.optional(),
          to: ZDate.optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listReports(tx, principal, req.query)),
  )
  app.get(
    '/api/v1/risk/reports/:id',
    {
      config: { permission: 'risk.report.read' },
      schema: { tags, params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getReport(tx, principal, req.params.id)),
  )
}
