/**
 * The one way the console and the H5 talk to the server: JSON in and out, the CSRF header on writes,
 * the caller's language on every request, and RFC 9457 problem+json turned into an `ApiError`.
 */
import { ApiError, type FieldError, type Problem } from './error'

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

type RequestOptions = {
  query?: Query
  body?: unknown
  /** Do not run the global 401 handler (login, the initial "who am I" probe). */
  allowUnauthenticated?: boolean
  signal?: AbortSignal
  /** Extra request headers, e.g. `Idempotency-Key` on money-moving writes. */
  headers?: Record<string, string>
}

type UnauthorizedHandler = (error: ApiError) => void

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let currentLocale = 'zh-CN'
let onUnauthorized: UnauthorizedHandler = () => {}
let csrfFallback: string | null = null

/** The i18n provider keeps this in step with the switcher so server messages come back in the same language. */
export function setApiLocale(locale: string): void {
  currentLocale = locale
}

export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler
}

/** `Me.csrfToken` from the login answer, used when the readable cookie is unavailable. */
export function setCsrfToken(token: string | null): void {
  csrfFallback = token
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

export function buildQueryString(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text()
  try {
    const parsed = JSON.parse(text) as Partial<Problem>
    return {
      type: parsed.type,
      title: parsed.title ?? response.statusText,
      status: parsed.status ?? response.status,
      code: parsed.code ?? `http_${response.status}`,
      detail: parsed.detail,
      errors: Array.isArray(parsed.errors) ? (parsed.errors as FieldError[]) : [],
    }
  } catch {
    // A proxy or a crashed server answered with something that is not JSON.
    return {
      title: response.statusText || 'Error',
      status: response.status,
      code: `http_${response.status}`,
      errors: [],
    }
  }
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': currentLocale,
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (WRITE_METHODS.has(method)) {
    const token = readCookie('xd_csrf') ?? csrfFallback
    if (token) headers['X-CSRF-Token'] = token
  }
  let response: Response
  try {
    response = await fetch(path + buildQueryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({ title: 'Network error', status: 0, code: 'network', errors: [] })
  }
  if (!response.ok) {
    const error = new ApiError(await readProblem(response))
    if (response.status === 401 && !options.allowUnauthenticated) onUnauthorized(error)
    throw error
  }
  if (response.status === 204 || response.status === 205) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    apiRequest<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('DELETE', path, options),
}
