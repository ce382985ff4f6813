/**
 * Calls a configured third-party data source (调用接口管理) over HTTP: builds the request from the
 * mapping, reads the answer's fields by path into indicator values. Failures throw; the domain's
 * source resolver turns them into the source's fallback and a line in the report.
 */
import type { EvaluationSubject } from './evaluation-subject.ts'
import type { DataSourceRow } from './runtime.ts'

/** `input.<key>` | `customer.name|id_number|phone` | `device.ip|fingerprint` | `subject.key` | `const:<text>` */
async function resolveRef(ref: string, subject: EvaluationSubject): Promise<string | undefined> {
  if (ref.startsWith('const:')) return ref.slice(6)
  const [scope, key] = ref.split('.', 2)
  const text = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined
  switch (scope) {
    case 'input':
      return text(subject.inputs[key ?? ''])
    case 'device':
      return text(key === 'ip' ? subject.device.ip : subject.device.fingerprint)
    case 'subject':
      return subject.key
    case 'customer': {
      // a value the caller supplied wins: the application may carry newer data than the customer file
      const supplied = text(subject.inputs[key ?? ''])
      if (supplied !== undefined) return supplied
      const customer = await subject.customer()
      if (!customer) return undefined
      return key === 'name'
        ? customer.name
        : key === 'id_number'
          ? customer.idNumber
          : key === 'phone'
            ? customer.phone
            : undefined
    }
    default:
      return undefined
  }
}

export function valueAtPath(body: unknown, path: string): unknown {
  let current: unknown = body
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return null
    current = (current as Record<string, unknown>)[part]
  }
  return current ?? null
}

export type HttpAnswer = { status: number; raw: unknown; values: Record<string, unknown> }

export async function callHttpSource(
  source: DataSourceRow,
  subject: EvaluationSubject,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const params: Record<string, string> = {}
  for (const [param, ref] of Object.entries(source.requestMapping)) {
    const value = await resolveRef(ref, subject)
    if (value !== undefined) params[param] = value
  }
  const url = new URL(source.url)
  const init: RequestInit = { method: source.method, signal, headers: { accept: 'application/json' } }
  if (source.method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  else {
    init.body = JSON.stringify(params)
    init.headers = { accept: 'application/json', 'content-type': 'application/json' }
  }
  const res = await fetch(url, init)
  const text = await res.text()
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error('answer is not JSON')
  }
  const values: Record<string, unknown> = {}
  for (const { path, indicator } of source.responseFields) values[indicator] = valueAtPath(raw, path)
  return { status: res.status, raw, values }
}
