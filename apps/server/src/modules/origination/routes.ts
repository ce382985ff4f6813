/** HTTP routes of origination: staff applications, approval steps, policies, templates, credit lines. */
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { dbContextOf } from '../../platform/access/principal.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { actorOf, asStaff } from '../../platform/http/request.ts'
import { pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { idempotencyKeyOf, withIdempotency } from '../../platform/idempotency.ts'
import { DOCUMENT_KINDS } from '../customers/validators.ts'
import { findApplication, getApplicationDetail, listApplications } from './application-queries.ts'
import { decideStep, listPendingSteps } from './approval-steps.ts'
import { contractPdfOf, saveTemplate, templateFor } from './contracts.ts'
import { creditLineOf } from './credit-lines.ts'
import { disburseApplication } from './disburse-application.ts'
import { listPolicies, savePolicy } from './policies.ts'
import { applications } from './schema.ts'
import { signInBranch } from './sign-in-branch.ts'
import { applyAsStaff, EMPLOYMENT_TYPES } from './submit-application.ts'

export const ZAmount = z.string().trim().max(20)
export const ZApplyBase = {
  productId: z.uuid(),
  amount: ZAmount,
  term: z.number().int().min(1).max(3650),
  method: z.enum(['equal_installment', 'equal_principal', 'interest_first', 'bullet']).optional(),
  purpose: text(100),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  monthlyIncome: ZAmount.optional(),
  monthlyDebt: ZAmount.optional(),
  bankCard: z.strictObject({ bank: text(60), cardNumber: z.string().trim().min(1).max(30) }).optional(),
  documents: z
    .array(z.strictObject({ uploadId: z.uuid(), kind: z.enum(DOCUMENT_KINDS).optional() }))
    .max(20)
    .default([]),
}
const ok = z.object({}).passthrough()
const ZTier = z.strictObject({
  minAmount: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/),
  maxAmount: z
    .string()
    .regex(/^\d{1,13}(\.\d{1,2})?$/)
    .nullable(),
  scoreBelow: z.number().nullable().optional(),
  steps: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
        name: text(80),
        position: z.string().max(40).nullable().optional(),
      }),
    )
    .max(6),
})

export function registerOriginationRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['origination']
  const read = { permission: 'application.read' }
  const manage = { permission: 'application.manage' }

  app.get(
    '/api/v1/applications',
    {
      config: read,
      schema: {
        tags,
        summary: 'Applications in scope',
        querystring: pageQuery(['createdAt', 'amount', 'appNo'], {
          status: z
            .enum([
              'submitted',
              'manual_review',
              'approval',
              'approved',
              'disbursing',
              'disbursed',
              'rejected',
              'cancelled',
            ])
            .optional(),
          q: z.string().trim().max(40).optional(),
          customerId: z.uuid().optional(),
          productId: z.uuid().optional(),
          channel: z.enum(['h5', 'staff']).optional(),
        }),
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listApplications(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/applications',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enter an application for a customer on file; runs the checks and the risk scene',
        body: z.strictObject({ ...ZApplyBase, customerId: z.uuid() }),
        response: { 201: ok, ...problems },
      },
    },
    async (req, reply) => {
      const principal = req.principal!
      const row = await applyAsStaff({ db: ctx.db, pii: ctx.pii, principal, actor: actorOf(req), input: req.body })
      const dto = await ctx.db.tx(dbContextOf(principal), (tx) => getApplicationDetail(tx, principal, row.id))
      return reply.code(201).send(dto)
    },
  )
  app.get(
    '/api/v1/applications/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One application with its approval steps and contract',
        params: ZIdParams,
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getApplicationDetail(tx, principal, req.params.id)),
  )
  app.get(
    '/api/v1/applications/:id/contract.pdf',
    { config: read, schema: { tags, summary: 'The contract PDF', params: ZIdParams } },
    async (req, reply) => {
      const c = await asStaff(ctx, req, async ({ tx, principal }) => {
        await findApplication(tx, principal, req.params.id)
        return contractPdfOf(tx, req.params.id)
      })
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${c.fileName}"`)
        .header('x-content-sha256', c.sha256)
        .send(c.pdf)
    },
  )
  app.post(
    '/api/v1/applications/:id/disburse',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Disburse (or retry the disbursement of) a signed application; Idempotency-Key required',
        params: ZIdParams,
        response: { 200: ok, ...problems },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req)
      const principal = req.principal!
      const app0 = await asStaff(ctx, req, ({ tx }) => findApplication(tx, principal, req.params.id))
      const claim = await ctx.db.tx(dbContextOf(principal), (tx) =>
        withIdempotency({
          tx,
          institutionId: principal.institutionId,
          key,
          operation: 'application.disburse',
          request: { id: req.params.id },
          run: async () => ({ status: 200, body: { id: app0.id } }),
        }),
      )
      if (!claim.replayed) await disburseApplication(ctx.db, app0.id, app0.institutionId, req.ip)
      const dto = await asStaff(ctx, req, ({ tx }) => getApplicationDetail(tx, principal, req.params.id))
      return reply.code(200).send(dto)
    },
  )
  app.post(
    '/api/v1/applications/:id/sign-in-branch',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Record the borrower’s in-branch signature of a staff-entered application (consent, ID checked; time, IP, device, hash stored), then disburse. Idempotency-Key required; twice → 409',
        params: ZIdParams,
        body: z.strictObject({
          consent: z.boolean(),
          identityChecked: z.boolean(),
          device: z.string().trim().max(300).optional(),
        }),
        response: { 200: ok, ...problems },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req)
      const signed = await asStaff(ctx, req, (call) =>
        withIdempotency({
          tx: call.tx,
          institutionId: call.principal.institutionId,
          key,
          operation: 'application.sign_in_branch',
          request: { id: req.params.id, ...req.body },
          run: async () => {
            const result = await signInBranch({
              ...call,
              applicationId: req.params.id,
              input: req.body,
              request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
            })
            return { status: 200, body: result }
          },
        }),
      )
      let disbursementError: string | null = null
      try {
        await disburseApplication(ctx.db, signed.body.applicationId, signed.body.institutionId, req.ip)
      } catch (err) {
        disbursementError = (err as Error).message
      }
      const dto = await asStaff(ctx, req, ({ tx, principal }) => getApplicationDetail(tx, principal, req.params.id))
      return reply.code(200).send({ ...dto, signature: signed.body, disbursementError })
    },
  )
  app.get(
    '/api/v1/approval-steps',
    {
      config: { permission: 'review.approve' },
      schema: {
        tags,
        summary: 'Approval-chain steps waiting for a decision',
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listPendingSteps(tx, principal)),
  )
  app.post(
    '/api/v1/applications/:id/approval-steps/:stepNo/decide',
    {
      config: { permission: 'review.approve' },
      schema: {
        tags,
        summary: 'Approve or reject one step of the approval chain (never two steps by one person)',
        params: z.strictObject({ id: z.uuid(), stepNo: z.coerce.number().int().min(1).max(20) }),
        body: z.strictObject({
          decision: z.enum(['approve', 'reject']),
          comment: z.string().trim().max(1000).optional(),
        }),
        response: { 200: ok, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async (call) => {
        await decideStep({ ...call, applicationId: req.params.id, stepNo: req.params.stepNo, ...req.body })
        return getApplicationDetail(call.tx, call.principal, req.params.id)
      }),
  )
  app.get(
    '/api/v1/origination/policies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Approval-chain policies (institution default and per product)',
        response: { 200: z.array(ok), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listPolicies(tx, principal)),
  )
  app.put(
    '/api/v1/origination/policies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Save the policy of the institution (productId null) or of one product',
        body: z.strictObject({
          productId: z.uuid().nullable(),
          alwaysManual: z.boolean().default(false),
          tiers: z.array(ZTier).min(1).max(10),
        }),
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => savePolicy({ ...call, input: req.body })),
  )
  app.get(
    '/api/v1/contract-templates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The contract template in force (for a product, else the institution’s)',
        querystring: z.strictObject({ productId: z.uuid().optional() }),
        response: { 200: ok, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) => templateFor(tx, principal.institutionId, req.query.productId ?? null)),
  )
  app.put(
    '/api/v1/contract-templates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Save a new version of the contract template ({{placeholders}} checked)',
        body: z.strictObject({ productId: z.uuid().nullable(), name: text(100), body: z.string().min(20).max(20_000) }),
        response: { 200: ok, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => saveTemplate({ ...call, input: req.body })),
  )
  app.get(
    '/api/v1/credit-lines/:customerId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A customer’s credit line: amount, used, available',
        params: z.strictObject({ customerId: z.uuid() }),
        response: { 200: ok.nullable(), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const [visible] = await tx
          .select({ id: applications.id })
          .from(applications)
          .where(
            and(
              eq(applications.customerId, req.params.customerId),
              eq(applications.institutionId, principal.institutionId),
            ),
          )
          .limit(1)
        if (!visible) return null
        return creditLineOf(tx, principal.institutionId, req.params.customerId)
      }),
  )
}
