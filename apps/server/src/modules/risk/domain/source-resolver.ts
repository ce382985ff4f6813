/**
 * The standard IndicatorResolver: groups the indicators asked for by data source, calls each source
 * once (asking it for every indicator of that source the evaluation will still need, since a call
 * costs the same however many fields it returns), reuses a cached answer within the source's call
 * cycle, enforces the timeout, checks the answer against the catalog and applies the source's
 * fallback when anything goes wrong. It never throws: a failed source is a fact for the report.
 */
import type { TDataSourcePolicy, TIndicatorDefinition, TIndicatorValue } from './model.ts'
import { compileValueCheck, type TValueCheck } from './operators.ts'
import type { TSourceCall } from './report.ts'
import type { IndicatorResolver, TEvaluationContext, TResolveRequest, TResolveResponse } from './resolver.ts'

export type TSourceFetchRequest = {
  /** indicator codes wanted from this source */
  indicators: readonly string[]
  known: Readonly<Record<string, TIndicatorValue>>
  context: TEvaluationContext
  /** aborted when the source's timeout passes */
  signal: AbortSignal
}

/**
 * One data source: its policy (cost, timeout, call cycle, fallback) and how to ask it. `fetch`
 * returns indicator values by code; whatever it returns is checked, so an adapter may pass a mapped
 * HTTP body straight through. A database-backed adapter (own data, velocity counts, list hits) is the
 * same shape with cost 0.00.
 */
export type DataSourceAdapter = {
  policy: TDataSourcePolicy
  fetch: (request: TSourceFetchRequest) => Promise<Readonly<Record<string, unknown>>>
}

export type TCachedAnswer = { values: Readonly<Record<string, TIndicatorValue>>; fetchedAt: number }

/** Last answers per source and subject (customer), for call cycles that reuse them; e.g. a table. */
export type SourceAnswerCache = {
  get: (source: string, subject: string) => Promise<TCachedAnswer | undefined>
  set: (source: string, subject: string, answer: TCachedAnswer) => Promise<void>
}

export type CreateSourceResolverOptions = {
  catalog: readonly TIndicatorDefinition[]
  sources: readonly DataSourceAdapter[]
  cache?: SourceAnswerCache
  /** epoch milliseconds, for call-cycle ages; injectable for tests */
  now?: () => number
  /** a monotonic clock in milliseconds, for latency */
  clock?: () => number
}

const DAY_MS = 86_400_000

export function createSourceResolver(options: CreateSourceResolverOptions): IndicatorResolver {
  const indicators = new Map(options.catalog.map((indicator) => [indicator.code, indicator]))
  const checks = new Map<string, TValueCheck>(options.catalog.map((i) => [i.code, compileValueCheck(i)]))
  const adapters = new Map(options.sources.map((adapter) => [adapter.policy.code, adapter]))
  const settings: SourceCallSettings = {
    checks,
    cache: options.cache,
    now: options.now ?? Date.now,
    clock: options.clock ?? (() => performance.now()),
  }
  const sourceOf = (code: string) => indicators.get(code)?.dataSource ?? 'unknown'

  return {
    resolve: async ({ codes, upcoming, known, context }: TResolveRequest): Promise<TResolveResponse> => {
      const wanted = new Map<string, string[]>()
      for (const code of codes) wanted.set(sourceOf(code), [...(wanted.get(sourceOf(code)) ?? []), code])
      for (const code of upcoming) wanted.get(sourceOf(code))?.push(code)
      const answers = await Promise.all(
        [...wanted].map(([source, wantedCodes]) =>
          callSource(adapters.get(source), source, wantedCodes, { known, context }, settings),
        ),
      )
      return {
        values: Object.assign({}, ...answers.map((answer) => answer.values)),
        calls: answers.map((answer) => answer.call),
      }
    },
  }
}

type SourceCallSettings = {
  checks: ReadonlyMap<string, TValueCheck>
  cache: SourceAnswerCache | undefined
  now: () => number
  clock: () => number
}
type SourceAnswer = { values: Record<string, TIndicatorValue>; call: TSourceCall }
type Asking = { known: TResolveRequest['known']; context: TEvaluationContext }

async function callSource(
  adapter: DataSourceAdapter | undefined,
  source: string,
  codes: readonly string[],
  asking: Asking,
  settings: SourceCallSettings,
): Promise<SourceAnswer> {
  const started = settings.clock()
  const call = (fields: Partial<TSourceCall>): TSourceCall => ({
    source,
    indicators: [...codes],
    latencyMs: Math.round((settings.clock() - started) * 1000) / 1000,
    cost: '0.00',
    cached: false,
    failed: false,
    fallback: 'none',
    ...fields,
  })
  if (!adapter) return fallbackAnswer(undefined, codes, call({ failed: true, error: 'no adapter for this source' }))

  const subject = asking.context.customerId
  const reuse = adapter.policy.callCycle.mode === 'reuse' ? adapter.policy.callCycle.days * DAY_MS : 0
  const cached = reuse > 0 && subject && settings.cache ? await settings.cache.get(source, subject) : undefined
  if (cached && settings.now() - cached.fetchedAt <= reuse && codes.every((code) => code in cached.values)) {
    return { values: pick(cached.values, codes), call: call({ cached: true }) }
  }
  try {
    const raw = await withTimeout(adapter, { ...asking, indicators: codes })
    const values = checkedAnswer(raw, codes, settings.checks)
    if (reuse > 0 && subject && settings.cache) {
      await settings.cache.set(source, subject, { values, fetchedAt: settings.now() })
    }
    return { values, call: call({ cost: adapter.policy.costPerCall }) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return fallbackAnswer(adapter.policy, codes, call({ failed: true, error: message }), settings.checks)
  }
}

async function withTimeout(adapter: DataSourceAdapter, request: Omit<TSourceFetchRequest, 'signal'>) {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`timed out after ${adapter.policy.timeoutMs} ms`))
    }, adapter.policy.timeoutMs)
  })
  try {
    return await Promise.race([adapter.fetch({ ...request, signal: controller.signal }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** A value of the wrong type is garbage and fails the whole answer; a missing field is "no value". */
function checkedAnswer(raw: unknown, codes: readonly string[], checks: ReadonlyMap<string, TValueCheck>) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('answer is not an object')
  const answer = raw as Record<string, unknown>
  const values: Record<string, TIndicatorValue> = {}
  for (const code of codes) {
    const value = answer[code] ?? null
    if (checks.get(code)?.(value) !== true) throw new Error(`bad value for ${code}`)
    values[code] = value as TIndicatorValue
  }
  return values
}

function fallbackAnswer(
  policy: TDataSourcePolicy | undefined,
  codes: readonly string[],
  call: TSourceCall,
  checks?: ReadonlyMap<string, TValueCheck>,
): SourceAnswer {
  const fallback = policy?.fallback ?? { mode: 'manual' as const }
  const values: Record<string, TIndicatorValue> = {}
  for (const code of codes) {
    const preset = fallback.mode === 'default' ? (fallback.values[code] ?? null) : null
    values[code] = checks?.get(code)?.(preset) === true ? preset : null
  }
  return { values, call: { ...call, fallback: fallback.mode } }
}

function pick(values: Readonly<Record<string, TIndicatorValue>>, codes: readonly string[]) {
  const picked: Record<string, TIndicatorValue> = {}
  for (const code of codes) picked[code] = values[code] ?? null
  return picked
}

/** An in-memory SourceAnswerCache, for tests and single-process demos. */
export function createMemoryAnswerCache(): SourceAnswerCache {
  const answers = new Map<string, TCachedAnswer>()
  return {
    get: async (source, subject) => answers.get(`${source}\u0000${subject}`),
    set: async (source, subject, answer) => {
      answers.set(`${source}\u0000${subject}`, answer)
    },
  }
}
