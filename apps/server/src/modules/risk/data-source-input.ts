/** The request shape of a data source, and the checks zod cannot express (URL scheme, amounts). */
import { z } from 'zod'
import { fieldError } from '../../platform/errors.ts'
import { isAmountString } from '../../platform/money.ts'
import { ZCallCycle, ZCode, ZSourceFallback } from './domain/index.ts'

const ZRef = z
  .string()
  .regex(
    /^(input\.[a-z][a-z0-9_]{0,63}|customer\.(name|id_number|phone)|device\.(ip|fingerprint)|subject\.key|const:.{0,200})$/,
  )

export const ZDataSourceFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().optional(),
  url: z.string().trim().min(1).max(500),
  method: z.enum(['GET', 'POST']).default('GET'),
  requestMapping: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), ZRef).default({}),
  responseFields: z
    .array(z.strictObject({ path: z.string().min(1).max(200), indicator: ZCode }))
    .max(50)
    .default([]),
  timeoutMs: z.number().int().min(1).max(60_000),
  costPerCall: z.string().max(30),
  callCycle: ZCallCycle,
  fallback: ZSourceFallback,
}
export const ZDataSourceCreate = z.strictObject({ code: ZCode, ...ZDataSourceFields })
export const ZDataSourceUpdate = z.strictObject(
  Object.fromEntries(Object.entries(ZDataSourceFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
    [K in keyof typeof ZDataSourceFields]: z.ZodOptional<(typeof ZDataSourceFields)[K]>
  },
)
export type TDataSourceInput = z.infer<typeof ZDataSourceCreate>

export function checkDataSourceInput(input: Partial<TDataSourceInput>): void {
  if (input.url !== undefined) {
    let scheme = ''
    try {
      scheme = new URL(input.url).protocol
    } catch {}
    if (scheme !== 'http:' && scheme !== 'https:') throw fieldError('body.url', 'risk.field.url_scheme')
  }
  if (input.costPerCall !== undefined && (!isAmountString(input.costPerCall) || input.costPerCall.startsWith('-'))) {
    throw fieldError('body.costPerCall', 'risk.field.cost')
  }
}
