/** RFC 9457 problem+json rendering of errors, in the caller's language. */
import type { FastifyReply } from 'fastify'
import { AppError, type ErrorCode } from '../errors.ts'
import { type Locale, t } from '../i18n.ts'

export type Problem = {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail?: string
  errors?: { field: string; message: string }[]
  headers?: Record<string, string>
}

export function problemFromError(err: unknown, locale: Locale): Problem {
  const appErr = toAppError(err)
  const title = t(locale, `problem.${appErr.code}`)
  const problem: Problem = {
    type: `https://xindai.dev/problems/${appErr.code}`,
    title,
    status: appErr.status,
    code: appErr.code,
  }
  if (appErr.detailKey) problem.detail = t(locale, appErr.detailKey, appErr.detailParams)
  else if (appErr.code === 'validation') problem.detail = t(locale, 'problem.validation.detail')
  if (appErr.fields.length > 0)
    problem.errors = appErr.fields.map((f) => ({ field: f.field, message: f.message ?? t(locale, f.key, f.params) }))
  if (Object.keys(appErr.headers).length > 0) problem.headers = appErr.headers
  return problem
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const e = err as { statusCode?: number; code?: string; validation?: unknown }
  // errors raised by Fastify itself for things a client sent
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('payload_too_large')
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('unsupported_media_type')
  if (e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError('malformed_json')
  if (e?.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new AppError('malformed_json')
  if (e?.code === 'FST_ERR_BAD_URL' || e?.code === 'FST_ERR_ASYNC_CONSTRAINT') return new AppError('not_found')
  if (e?.statusCode === 413) return new AppError('payload_too_large')
  if (e?.statusCode === 415) return new AppError('unsupported_media_type')
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('validation', { status: e.statusCode })
  return new AppError('internal')
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  const { headers, ...body } = problem
  if (headers) for (const [k, v] of Object.entries(headers)) reply.header(k, v)
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(body))
}
