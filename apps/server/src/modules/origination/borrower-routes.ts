/** The borrower's H5 routes: products, apply, progress, contract, e-signature, repayment plan. */
import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { SYSTEM } from '../../platform/db/open.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { actorOf } from '../../platform/http/request.ts'
import { problems, ZIdParams } from '../../platform/http/schemas.ts'
import { idempotencyKeyOf, withIdempotency } from '../../platform/idempotency.ts'
import { dec, formatAmount } from '../../platform/money.ts'
import { ZBorrowerProfile } from '../customers/validators.ts'
import { institutions } from '../identity/schema.ts'
import { installments, loans, products, productVersions } from '../servicing/schema.ts'
import { borrowerApplications, borrowerView, findBorrowerApplication } from './application-queries.ts'
import { contractPdfOf, signContract } from './contracts.ts'
import { disburseApplication, openLoanFor } from './disburse-application.ts'
import { ZApplyBase } from './routes.ts'
import { contracts } from './schema.ts'
import { applyAsBorrower } from './submit-application.ts'

const ok = z.object({}).passthrough()

export function registerBorrowerOriginationRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['borrower']
  const auth = { auth: 'borrower' as const }

  app.get(
    '/api/v1/borrower/products',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Products on sale, with amount and term ranges',
        response: { 200: z.array(ok), ...problems },
      },
    },
    () =>
      ctx.db.tx(SYSTEM, async (tx) => {
        const rows = await tx
          .select({ p: products, v: productVersions, inst: institutions.name })
          .from(products)
          .innerJoin(productVersions, eq(productVersions.id, products.currentVersionId))
          .innerJoin(institutions, eq(institutions.id, products.institutionId))
          .where(and(eq(products.status, 'listed'), eq(institutions.status, 'active')))
          .orderBy(asc(institutions.name), asc(products.name))
        return rows.map(({ p, v, inst }) => ({
          id: p.id,
          name: p.name,
          category: p.category,
          institutionName: inst,
          minAmount: v.minAmount,
          maxAmount: v.maxAmount,
          minTerm: v.minTerm,
          maxTerm: v.maxTerm,
          termUnit: v.termUnit,
          annualRatePercent: dec(v.annualRate).times(100).toDecimalPlaces(4).toString(),
          methods: v.methods,
          requiredDocuments: v.requiredDocuments,
        }))
      }),
  )
  app.post(
    '/api/v1/borrower/applications',
    {
      config: auth,
      schema: {
        tags,
        summary:
          'Apply: checks against the product, profile prefilled (only missing fields are sent), then automatic checks and pre-review',
        body: z.strictObject({
          ...ZApplyBase,
          profile: ZBorrowerProfile.optional(),
          deviceFingerprint: z.string().trim().max(200).optional(),
        }),
        response: { 201: ok, ...problems },
      },
    },
    async (req, reply) => {
      const { profile, deviceFingerprint, ...input } = req.body
      const row = await applyAsBorrower({
        db: ctx.db,
        pii: ctx.pii,
        actor: actorOf(req),
        borrowerId: req.borrower!.borrowerId,
        input: { ...input, profile },
        device: { fingerprint: deviceFingerprint ?? null, ip: req.ip },
      })
      return reply.code(201).send(borrowerView(row, req.locale))
    },
  )
  app.get(
    '/api/v1/borrower/applications',
    {
      config: auth,
      schema: { tags, summary: 'My applications with their progress', response: { 200: z.array(ok), ...problems } },
    },
    (req) => ctx.db.tx(SYSTEM, (tx) => borrowerApplications(tx, req.borrower!.borrowerId, req.locale)),
  )
  app.get(
    '/api/v1/borrower/applications/:id',
    {
      config: auth,
      schema: {
        tags,
        summary: 'One application: progress, contract to sign, repayment plan once disbursed',
        params: ZIdParams,
        response: { 200: ok, ...problems },
      },
    },
    (req) =>
      ctx.db.tx(SYSTEM, async (tx) => {
        const row = await findBorrowerApplication(tx, req.borrower!.borrowerId, req.params.id)
        const [c] = await tx
          .select({
            contractNo: contracts.contractNo,
            status: contracts.status,
            sha256: contracts.sha256,
            signedAt: contracts.signedAt,
          })
          .from(contracts)
          .where(eq(contracts.applicationId, row.id))
        let plan = null
        if (row.loanId) {
          const [loan] = await tx.select().from(loans).where(eq(loans.id, row.loanId))
          const items = await tx
            .select()
            .from(installments)
            .where(eq(installments.loanId, row.loanId))
            .orderBy(asc(installments.number))
          plan = loan
            ? {
                loanNo: loan.loanNo,
                status: loan.status,
                principal: loan.principal,
                disbursedOn: loan.disbursedOn,
                maturityDate: loan.maturityDate,
                installments: items.map((i) => ({
                  number: i.number,
                  dueDate: i.dueDate,
                  principal: i.principalDue,
                  interest: i.interestDue,
                  fee: i.feeDue,
                  total: formatAmount(dec(i.principalDue).plus(i.interestDue).plus(i.feeDue)),
                  status: i.status,
                })),
              }
            : null
        }
        return {
          ...borrowerView(row, req.locale),
          contract: c
            ? {
                contractNo: c.contractNo,
                status: c.status,
                sha256: c.sha256,
                signedAt: c.signedAt?.toISOString() ?? null,
              }
            : null,
          plan,
        }
      }),
  )
  app.get(
    '/api/v1/borrower/applications/:id/contract.pdf',
    { config: auth, schema: { tags, summary: 'The contract PDF', params: ZIdParams } },
    async (req, reply) => {
      const c = await ctx.db.tx(SYSTEM, async (tx) => {
        await findBorrowerApplication(tx, req.borrower!.borrowerId, req.params.id)
        return contractPdfOf(tx, req.params.id)
      })
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${c.fileName}"`)
        .header('x-content-sha256', c.sha256)
        .send(c.pdf)
    },
  )
  app.post(
    '/api/v1/borrower/applications/:id/sign',
    {
      config: auth,
      schema: {
        tags,
        summary:
          'Sign the contract (consent; time, IP, device and document hash stored) — then the money is disbursed. Idempotency-Key required; signing twice → 409',
        params: ZIdParams,
        body: z.strictObject({ consent: z.boolean(), device: z.string().trim().max(300).optional() }),
        response: { 200: ok, ...problems },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req)
      const borrowerId = req.borrower!.borrowerId
      const actor = actorOf(req)
      const own = await ctx.db.tx(SYSTEM, (tx) => findBorrowerApplication(tx, borrowerId, req.params.id))
      const signed = await ctx.db.tx({ scope: 'institution', institutionId: own.institutionId }, (tx) =>
        withIdempotency({
          tx,
          institutionId: own.institutionId,
          key: `borrower:${borrowerId}:${key}`.slice(0, 128),
          operation: 'application.sign',
          request: { id: own.id, ...req.body },
          run: async () => {
            const result = await signContract(tx, { ...actor, institutionId: own.institutionId }, own, req.body, {
              ip: req.ip,
              userAgent: req.headers['user-agent'] ?? null,
            })
            await openLoanFor(tx, { ...actor, institutionId: own.institutionId }, own.id)
            return { status: 200, body: result }
          },
        }),
      )
      let disbursementError: string | null = null
      try {
        await disburseApplication(ctx.db, own.id, own.institutionId, req.ip)
      } catch (err) {
        disbursementError = (err as Error).message
      }
      const row = await ctx.db.tx(SYSTEM, (tx) => findBorrowerApplication(tx, borrowerId, own.id))
      return reply.code(200).send({ ...borrowerView(row, req.locale), signature: signed.body, disbursementError })
    },
  )
}
