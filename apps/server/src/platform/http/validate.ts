/**
 * Request validation with the route's zod schemas, in the caller's language. Unknown fields are
 * rejected (schemas are strict objects), which also stops mass assignment.
 */
// brings the request and route-config fields the platform adds to Fastify into every program
import './types.ts'
import type { FastifyRequest } from 'fastify'
import { type ZodType, z } from 'zod'
import { AppError, type FieldError } from '../errors.ts'
import type { Locale } from '../i18n.ts'

const zodLocales = { 'zh-CN': z.locales.zhCN().localeError, 'en-US': z.locales.en().localeError }
const REQUIRED = { 'zh-CN': '必填', 'en-US': 'Required' }

/** zod's own messages in the caller's language, with a plain "required" for missing fields. */
const localeErrors = Object.fromEntries(
  (['zh-CN', 'en-US'] as const).map((locale) => [
    locale,
    ((iss) =>
      iss.code === 'invalid_type' && iss.input === undefined
        ? REQUIRED[locale]
        : zodLocales[locale](iss)) as z.core.$ZodErrorMap,
  ]),
) as Record<Locale, z.core.$ZodErrorMap>

type Part = 'body' | 'querystring' | 'params' | 'headers'
const PARTS: { part: Part; key: 'body' | 'query' | 'params' | 'headers'; label: string }[] = [
  { part: 'params', key: 'params', label: 'params' },
  { part: 'querystring', key: 'query', label: 'query' },
  { part: 'body', key: 'body', label: 'body' },
]

function isZod(s: unknown): s is ZodType {
  return typeof s === 'object' && s !== null && typeof (s as ZodType).safeParse === 'function'
}

export function zodIssuesToFields(issues: z.core.$ZodIssue[], label: string, locale: Locale): FieldError[] {
  const fields: FieldError[] = []
  for (const issue of issues) {
    const base = [label, ...issue.path.map(String)].join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        fields.push({
          field: `${base}.${k}`,
          key: 'field.unknown',
          message: locale === 'zh-CN' ? '不允许的字段' : 'Unknown field',
        })
    } else fields.push({ field: base, key: 'validation', message: issue.message })
  }
  return fields
}

export async function validateRequest(req: FastifyRequest) {
  const schema = req.routeOptions.schema as Partial<Record<Part, unknown>> | undefined
  if (!schema) return
  const fields: FieldError[] = []
  for (const { part, key, label } of PARTS) {
    const s = schema[part]
    if (!isZod(s)) continue
    const input = key === 'body' && req.body === undefined ? {} : (req as unknown as Record<string, unknown>)[key]
    const result = s.safeParse(input, { error: localeErrors[req.locale] })
    if (result.success) (req as unknown as Record<string, unknown>)[key] = result.data
    else fields.push(...zodIssuesToFields(result.error.issues, label, req.locale))
  }
  if (fields.length > 0) throw new AppError('validation', { fields })
}
