/** Request schemas shared by the risk routes. */
import { z } from 'zod'
import { ZCode, ZIndicatorType, ZRule } from './domain/index.ts'
import { ZIndicatorConfig } from './indicator-config.ts'

/** A rule as the console sends it: `id` defaults to `code`, `version` is set by the server. */
export const ZRuleInput = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  const rule = raw as Record<string, unknown>
  return { ...rule, id: rule.id ?? rule.code, version: 1, enabled: rule.enabled ?? true }
}, ZRule)

export const ZRules = z.array(ZRuleInput).max(300)

export const ZDevice = z.strictObject({
  fingerprint: z.string().trim().min(1).max(200).nullable().optional(),
  ip: z.string().trim().min(1).max(64).nullable().optional(),
})

/** Inputs: indicator values and identity fields for sources; bounded in size. */
export const ZInputs = z
  .record(
    z.string().max(64),
    z.union([z.number(), z.string().max(500), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]),
  )
  .refine((inputs) => Object.keys(inputs).length <= 200, 'at most 200 inputs')

export const ZIndicatorCreate = z.strictObject({
  code: ZCode,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).nullable().optional(),
  type: ZIndicatorType,
  enumValues: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  config: ZIndicatorConfig,
  enabled: z.boolean().optional(),
})

export const ZIndicatorUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  enumValues: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  config: ZIndicatorConfig.optional(),
  enabled: z.boolean().optional(),
})

export const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
