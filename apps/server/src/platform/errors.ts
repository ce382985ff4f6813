/**
 * Typed application errors, rendered as RFC 9457 problem+json in the caller's language.
 * Throw an AppError anywhere; the HTTP layer turns it into the response. Anything else that
 * escapes is a bug and becomes a 500 with no internals exposed.
 */
export type FieldError = { field: string; key: string; params?: Record<string, unknown>; message?: string }

export type ErrorCode =
  | 'validation'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'session_expired'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'invalid_credentials'
  | 'locked'
  | 'frozen'
  | 'rate_limited'
  | 'invalid_code'
  | 'method_not_allowed'
  | 'business_rule'
  | 'idempotency_mismatch'
  | 'idempotency_in_progress'
  | 'internal'

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  invalid_code: 401,
  forbidden: 403,
  csrf: 403,
  locked: 423,
  frozen: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  business_rule: 422,
  idempotency_mismatch: 422,
  idempotency_in_progress: 409,
  rate_limited: 429,
  internal: 500,
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly fields: FieldError[]
  /** message key for the detail line, and its parameters */
  readonly detailKey: string | undefined
  readonly detailParams: Record<string, unknown> | undefined
  readonly headers: Record<string, string>

  constructor(
    code: ErrorCode,
    opts: {
      fields?: FieldError[]
      detailKey?: string
      detailParams?: Record<string, unknown>
      headers?: Record<string, string>
      status?: number
    } = {},
  ) {
    super(opts.detailKey ?? code)
    this.code = code
    this.status = opts.status ?? STATUS[code]
    this.fields = opts.fields ?? []
    this.detailKey = opts.detailKey
    this.detailParams = opts.detailParams
    this.headers = opts.headers ?? {}
  }
}

export const notFound = () => new AppError('not_found')
export const forbidden = () => new AppError('forbidden')

/** A 400 naming one field: `fieldError('body.username', 'field.username_taken')`. */
export function fieldError(
  field: string,
  key: string,
  params?: Record<string, unknown>,
  code: ErrorCode = 'validation',
) {
  return new AppError(code, { fields: [{ field, key, params }] })
}

/** A 422 for a business rule, with a message key for the detail. */
export function businessRule(detailKey: string, detailParams?: Record<string, unknown>, fields?: FieldError[]) {
  return new AppError('business_rule', { detailKey, detailParams, fields })
}

/** PostgreSQL unique-violation check, for mapping a race on a unique key to a field error. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: unknown }
  if (e?.code === '23505') return constraint === undefined || e.constraint === constraint
  if (e?.cause) return isUniqueViolation(e.cause, constraint)
  return false
}
