/** HTTP routes of the reject-reason catalog: reviewers read the active reasons; leads and admins edit. */
import { z } from 'zod'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { addRejectReason, listRejectReasons, updateRejectReason } from './reject-reasons.ts'

const ZBilingual = (max: number) => z.strictObject({ 'zh-CN': text(max), 'en-US': text(max) })
const ZReason = z.object({
  id: z.string(),
  code: z.string(),
  'zh-CN': z.string(),
  'en-US': z.string(),
  borrowerText: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  active: z.boolean(),
  sortOrder: z.number(),
  updatedAt: z.string(),
})

export function registerRejectReasonRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['review']
  app.get(
    '/api/v1/review/reject-reasons',
    {
      config: { permission: 'review.work' },
      schema: {
        tags,
        summary: "The institution's reject-reason catalog (active reasons; `all=true` includes disabled ones)",
        querystring: z.strictObject({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(ZReason), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal }) =>
        listRejectReasons(tx, principal.institutionId, { includeDisabled: req.query.all === 'true' }),
      ),
  )
  app.post(
    '/api/v1/review/reject-reasons',
    {
      config: { permission: 'review.assign' },
      schema: {
        tags,
        summary:
          'Add a reject reason: code, staff label and borrower-readable text in zh-CN and en-US (code taken → 409)',
        body: z.strictObject({
          code: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{1,39}$/),
          label: ZBilingual(60),
          borrowerText: ZBilingual(200),
          sortOrder: z.number().int().min(0).max(100_000).optional(),
        }),
        response: { 201: ZReason, ...problems },
      },
    },
    async (req, reply) => {
      const dto = await asStaff(ctx, req, (call) => addRejectReason({ ...call, input: req.body }))
      return reply.code(201).send(dto)
    },
  )
  app.patch(
    '/api/v1/review/reject-reasons/:id',
    {
      config: { permission: 'review.assign' },
      schema: {
        tags,
        summary: 'Edit a reject reason’s texts or order, or disable / re-enable it (the code never changes)',
        params: ZIdParams,
        body: z
          .strictObject({
            label: ZBilingual(60).optional(),
            borrowerText: ZBilingual(200).optional(),
            active: z.boolean().optional(),
            sortOrder: z.number().int().min(0).max(100_000).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' }),
        response: { 200: ZReason, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateRejectReason({ ...call, id: req.params.id, input: req.body })),
  )
}
