/** The approval inbox: pending four-eyes requests, approve or reject. */
import { z } from 'zod'
import type { AppContext, XindaiApp } from '../http/app.ts'
import { asStaff } from '../http/request.ts'
import { pageOf, problems, ZIdParams } from '../http/schemas.ts'
import { decidableKinds, decideApproval, listApprovals } from './approvals.ts'

const ZApproval = z.object({
  id: z.string(),
  institutionId: z.string(),
  kind: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  summary: z.string(),
  payload: z.unknown(),
  status: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  result: z.unknown(),
})

export function registerApprovalRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['approvals']
  app.get(
    '/api/v1/approvals',
    {
      schema: {
        tags,
        summary: 'Four-eyes requests in scope (pending first when filtered by status)',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
          kind: z.string().max(60).optional(),
          objectId: z.string().max(80).optional(),
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          decidable: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: pageOf(ZApproval).extend({ decidableKinds: z.array(z.string()) }), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => ({
        ...(await listApprovals(tx, principal, req.query)),
        decidableKinds: decidableKinds(principal),
      })),
  )
  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/approvals/:id/${decision}`,
      {
        schema: {
          tags,
          summary: `${decision} a four-eyes request (not your own)`,
          params: ZIdParams,
          body: z.strictObject({ comment: z.string().trim().max(500).optional() }),
          response: { 200: ZApproval, ...problems },
        },
      },
      (req) =>
        asStaff(ctx, req, (call) =>
          decideApproval({ ...call, id: req.params.id, decision, comment: req.body.comment }),
        ),
    )
  }
}
