/** HTTP routes of the servicing module: calculator, products, loans, money commands, ledger. */
import { z } from 'zod'
import { dbContextOf } from '../../platform/access/principal.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { staffOf } from '../../platform/http/auth-hook.ts'
import { actorOf, asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { idempotencyKeyOf, withIdempotency } from '../../platform/idempotency.ts'
import { calculateSchedule } from './calculator.ts'
import { changeProductStatus } from './change-product-status.ts'
import { createLoan } from './create-loan.ts'
import { createProduct } from './create-product.ts'
import { disburseLoan } from './disburse-loan.ts'
import { REPAYMENT_METHODS } from './domain/index.ts'
import { getLoan, getLoanJournal, listLoanEvents, listLoans, listLoanTransactions } from './loan-queries.ts'
import { postRepayment } from './post-repayment.ts'
import { getPayoffQuote, prepayLoan } from './prepay-loan.ts'
import { getProduct, listProducts } from './product-queries.ts'
import { refundCredit } from './refund-credit.ts'
import { reverseRepayment } from './reverse-repayment.ts'
import { updateProduct } from './update-product.ts'
import { trialBalance, verifyLedger } from './verify-ledger.ts'
import { requestWaiver } from './waive-charges.ts'
import { requestWriteOff } from './write-off-loan.ts'

/** Amounts travel as strings; their exact form is checked by the operation (field errors in both languages). */
const ZAmount = z.string().max(40)
const ZMethod = z.enum(REPAYMENT_METHODS as ['equal_installment', 'equal_principal', 'interest_first', 'bullet'])
const ZTermUnit = z.enum(['month', 'day'])
const ZTerm = z.number().int().min(1).max(3660)
const ZDate = z.string().max(20)
const ZChannel = z.enum(['online', 'bank_transfer', 'offline', 'withhold', 'other'])
const ZLoose = z.object({}).passthrough()

const ZTerms = {
  minAmount: ZAmount,
  maxAmount: ZAmount,
  minTerm: ZTerm,
  maxTerm: ZTerm,
  termUnit: ZTermUnit,
  annualRatePercent: ZAmount,
  methods: z.array(ZMethod).min(1).max(4).optional(),
  dayCount: z.enum(['ACT/365', 'ACT/360', '30/360']).optional(),
  upfrontFeePercent: ZAmount.optional(),
  installmentFee: ZAmount.optional(),
  penaltyRatePercent: ZAmount.optional(),
  penaltyBase: z.enum(['overdue_principal', 'overdue_amount']).optional(),
  graceDays: z.number().int().min(0).max(90).optional(),
  rounding: z.enum(['half_up', 'half_even']).optional(),
  allocationOrder: z
    .array(z.enum(['penalty', 'fee', 'interest', 'principal']))
    .length(4)
    .optional(),
  prepaymentRule: z.enum(['allowed', 'allowed_with_fee', 'not_allowed']).optional(),
  prepaymentFeePercent: ZAmount.optional(),
  aprCapPercent: ZAmount.optional(),
  conditions: z.record(z.string(), z.unknown()).optional(),
  requiredDocuments: z.array(text(100)).max(30).optional(),
}
const ZProductCreate = z.strictObject({
  name: text(100),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,40}$/)
    .optional(),
  category: text(40).optional(),
  institutionId: z.uuid().optional(),
  ...ZTerms,
})
const ZProductUpdate = z.strictObject({
  name: text(100).optional(),
  category: text(40).optional(),
  ...Object.fromEntries(Object.entries(ZTerms).map(([k, v]) => [k, v.optional()])),
}) as unknown as z.ZodType<Record<string, unknown>>
const ZMoney = { amount: ZAmount, channel: ZChannel, externalRef: z.string().trim().max(100).nullable().optional() }
const ZTxParams = z.strictObject({ id: z.uuid(), transactionId: z.uuid() })

export function registerServicingRoutes(app: XindaiApp, ctx: AppContext) {
  registerCalculatorRoute(app)
  registerProductRoutes(app, ctx)
  registerLoanRoutes(app, ctx)
  registerMoneyRoutes(app, ctx)
  registerLedgerRoutes(app, ctx)
}

function registerCalculatorRoute(app: XindaiApp) {
  app.post(
    '/api/v1/calculator/schedule',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags: ['servicing'],
        summary: 'Loan calculator: schedule, totals and APR (no sign-in)',
        body: z.strictObject({
          principal: ZAmount,
          annualRatePercent: ZAmount,
          term: ZTerm,
          termUnit: ZTermUnit,
          method: ZMethod,
          startDate: ZDate,
          firstDueDate: ZDate.optional(),
          fees: z.strictObject({ upfront: ZAmount.optional(), perInstallment: ZAmount.optional() }).optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => calculateSchedule(req.body),
  )
}

function registerProductRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['products']
  app.get(
    '/api/v1/products',
    {
      config: { permission: 'product.read' },
      schema: {
        tags,
        summary: 'List loan products',
        querystring: pageQuery(['code', 'name', 'status', 'createdAt', 'updatedAt'], {
          q: z.string().trim().max(100).optional(),
          status: z.enum(['draft', 'listed', 'delisted']).optional(),
          category: z.string().trim().max(40).optional(),
          termUnit: ZTermUnit.optional(),
          institutionId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listProducts(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/products',
    {
      config: { permission: 'product.manage' },
      schema: {
        tags,
        summary: 'Create a product (draft) from as few as five fields',
        body: ZProductCreate,
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createProduct({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/products/:id',
    {
      config: { permission: 'product.read' },
      schema: { tags, params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getProduct(tx, principal, req.params.id)),
  )
  app.patch(
    '/api/v1/products/:id',
    {
      config: { permission: 'product.manage' },
      schema: {
        tags,
        summary: 'Edit a product; pricing changes of a listed product need four-eyes approval',
        params: ZIdParams,
        body: ZProductUpdate,
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateProduct({ ...call, id: req.params.id, input: req.body as never })),
  )
  for (const change of ['list', 'delist'] as const)
    app.post(
      `/api/v1/products/:id/${change}`,
      {
        config: { permission: 'product.manage' },
        schema: {
          tags,
          summary: `${change} a product`,
          params: ZIdParams,
          body: z.strictObject({}),
          response: { 200: ZLoose, ...problems },
        },
      },
      (req) => asStaff(ctx, req, (call) => changeProductStatus({ ...call, id: req.params.id, change })),
    )
}

function registerLoanRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['loans']
  app.get(
    '/api/v1/loans',
    {
      config: { permission: 'loan.read' },
      schema: {
        tags,
        summary: 'List loans (server-side paging, sort and filters)',
        querystring: pageQuery(['loanNo', 'createdAt', 'principal', 'dpd', 'principalOutstanding', 'disbursedOn'], {
          q: z.string().trim().max(100).optional(),
          status: z
            .enum(['pending_disbursement', 'active', 'overdue', 'settled', 'written_off', 'cancelled'])
            .optional(),
          dpdMin: z.coerce.number().int().min(0).max(100_000).optional(),
          dpdMax: z.coerce.number().int().min(0).max(100_000).optional(),
          productId: z.uuid().optional(),
          institutionId: z.uuid().optional(),
          customerId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listLoans(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/loans',
    {
      config: { permission: 'loan.create' },
      schema: {
        tags,
        summary: 'Enter a loan (staff entry or migration of existing books); it waits for disbursement',
        body: z.strictObject({
          productId: z.uuid(),
          productVersionId: z.uuid().optional(),
          amount: ZAmount,
          term: ZTerm,
          method: ZMethod.optional(),
          borrowerName: text(100),
          customerId: z.uuid().nullable().optional(),
          applicationId: z.uuid().nullable().optional(),
        }),
        response: { 201: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createLoan({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/loans/:id',
    {
      config: { permission: 'loan.read' },
      schema: { tags, summary: 'A loan with its schedule', params: ZIdParams, response: { 200: ZLoose, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getLoan(tx, principal, req.params.id)),
  )
  app.get(
    '/api/v1/loans/:id/transactions',
    {
      config: { permission: 'loan.read' },
      schema: { tags, params: ZIdParams, response: { 200: z.array(ZLoose), ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listLoanTransactions(tx, principal, req.params.id)),
  )
  app.get(
    '/api/v1/loans/:id/journal',
    {
      config: { permission: 'ledger.read' },
      schema: { tags, params: ZIdParams, response: { 200: z.array(ZLoose), ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getLoanJournal(tx, principal, req.params.id)),
  )
  app.get(
    '/api/v1/loans/:id/events',
    {
      config: { permission: 'loan.read' },
      schema: {
        tags,
        summary: 'Business events of the loan, newest first',
        params: ZIdParams,
        response: { 200: z.array(ZLoose), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listLoanEvents(tx, principal, req.params.id)),
  )
  app.get(
    '/api/v1/loans/:id/payoff-quote',
    {
      config: { permission: 'loan.read' },
      schema: {
        tags,
        summary: 'What to pay on a date to settle the loan (提前结清试算)',
        params: ZIdParams,
        querystring: z.strictObject({ date: ZDate.optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getPayoffQuote(tx, principal, req.params.id, req.query.date)),
  )
}

function registerMoneyRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['loans']
  /** Money-moving: the Idempotency-Key is claimed in the same transaction as the operation. */
  const idempotent = <B>(
    req: Parameters<typeof actorOf>[0] & { body: B; params: { id: string } },
    operation: string,
    run: (call: Parameters<Parameters<typeof asStaff>[2]>[0]) => Promise<unknown>,
  ) => {
    const key = idempotencyKeyOf(req)
    // keys are scoped to the caller's institution; the operation itself checks the loan's scope
    return asStaff(ctx, req, (call) =>
      withIdempotency({
        tx: call.tx,
        institutionId: call.principal.institutionId,
        key,
        operation,
        request: { params: req.params, body: req.body },
        run: async () => ({ status: 200, body: await run(call) }),
      }),
    )
  }
  app.post(
    '/api/v1/loans/:id/disburse',
    {
      config: { permission: 'loan.disburse' },
      schema: {
        tags,
        summary: 'Disburse through the payment adapter (never twice); `external` books a migrated loan paid elsewhere',
        params: ZIdParams,
        body: z.strictObject({ external: z.strictObject({ reference: text(100), valueDate: ZDate }).optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    async (req) => {
      idempotencyKeyOf(req)
      return disburseLoan({
        db: ctx.db,
        principal: staffOf(req),
        actor: actorOf(req),
        loanId: req.params.id,
        external: req.body.external,
      })
    },
  )
  app.post(
    '/api/v1/loans/:id/repayments',
    {
      config: { permission: 'repayment.post' },
      schema: {
        tags,
        summary: 'Post a repayment (or a recovery on a written-off loan); needs Idempotency-Key',
        params: ZIdParams,
        body: z.strictObject({ ...ZMoney, valueDate: ZDate.optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    async (req, reply) => {
      const r = await idempotent(req, 'repayment.post', (call) =>
        postRepayment({ ...call, loanId: req.params.id, input: req.body }),
      )
      return reply
        .code(r.status)
        .header('idempotent-replayed', String(r.replayed))
        .send(r.body as Record<string, unknown>)
    },
  )
  app.post(
    '/api/v1/loans/:id/prepayments',
    {
      config: { permission: 'repayment.post' },
      schema: {
        tags,
        summary:
          'Early settlement (提前结清) or partial prepayment (reduce_term | reduce_installment); needs Idempotency-Key',
        params: ZIdParams,
        body: z.strictObject({
          ...ZMoney,
          type: z.enum(['settlement', 'partial']),
          choice: z.enum(['reduce_term', 'reduce_installment']).optional(),
          valueDate: ZDate.optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    async (req, reply) => {
      const r = await idempotent(req, 'repayment.prepay', (call) =>
        prepayLoan({ ...call, loanId: req.params.id, input: req.body }),
      )
      return reply.code(r.status).send(r.body as Record<string, unknown>)
    },
  )
  app.post(
    '/api/v1/loans/:id/refunds',
    {
      config: { permission: 'repayment.post' },
      schema: {
        tags,
        summary: 'Refund credit balance; needs Idempotency-Key',
        params: ZIdParams,
        body: z.strictObject(ZMoney),
        response: { 200: ZLoose, ...problems },
      },
    },
    async (req, reply) => {
      const r = await idempotent(req, 'loan.refund', (call) =>
        refundCredit({ ...call, loanId: req.params.id, input: req.body }),
      )
      return reply.code(r.status).send(r.body as Record<string, unknown>)
    },
  )
  app.post(
    '/api/v1/loans/:id/transactions/:transactionId/reverse',
    {
      config: { permission: 'repayment.reverse' },
      schema: {
        tags,
        summary: 'Reverse a repayment with a reason; later repayments are replayed; needs Idempotency-Key',
        params: ZTxParams,
        body: z.strictObject({ reason: text(500) }),
        response: { 200: ZLoose, ...problems },
      },
    },
    async (req, reply) => {
      const r = await idempotent(req, 'repayment.reverse', (call) =>
        reverseRepayment({
          ...call,
          loanId: req.params.id,
          transactionId: req.params.transactionId,
          reason: req.body.reason,
        }),
      )
      return reply.code(r.status).send(r.body as Record<string, unknown>)
    },
  )
  app.post(
    '/api/v1/loans/:id/waivers',
    {
      config: { permission: 'waiver.request' },
      schema: {
        tags,
        summary: 'Request a waiver (减免) of penalty, fees or interest; applied on four-eyes approval',
        params: ZIdParams,
        body: z.strictObject({
          penalty: ZAmount.optional(),
          fee: ZAmount.optional(),
          interest: ZAmount.optional(),
          reason: text(500),
        }),
        response: { 202: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await asStaff(ctx, req, (call) => requestWaiver({ ...call, loanId: req.params.id, input: req.body }))),
  )
  app.post(
    '/api/v1/loans/:id/write-off',
    {
      config: { permission: 'writeoff.request' },
      schema: {
        tags,
        summary: 'Request a write-off (核销); applied on four-eyes approval',
        params: ZIdParams,
        body: z.strictObject({ reason: text(500) }),
        response: { 202: ZLoose, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(
          await asStaff(ctx, req, (call) =>
            requestWriteOff({ ...call, loanId: req.params.id, reason: req.body.reason }),
          ),
        ),
  )
}

function registerLedgerRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['ledger']
  app.get(
    '/api/v1/ledger/trial-balance',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'Trial balance of an institution',
        querystring: z.strictObject({ institutionId: z.uuid().optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const institutionId =
          dbContextOf(principal).scope === 'platform'
            ? (req.query.institutionId ?? principal.institutionId)
            : principal.institutionId
        return { institutionId, accounts: await trialBalance(tx, institutionId) }
      }),
  )
  app.post(
    '/api/v1/ledger/verify',
    {
      config: { permission: 'ledger.verify' },
      schema: {
        tags,
        summary: 'Verify the ledger (balanced entries; journal = loan balances = schedule)',
        body: z.strictObject({}),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        verifyLedger(tx, dbContextOf(principal).scope === 'platform' ? null : principal.institutionId),
      ),
  )
}
