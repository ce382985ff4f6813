/**
 * The data-source adapters of one evaluation: own data per table, velocity counts, local derived
 * values, list hits and every configured third-party source, plus the call-cycle cache in the
 * database. The domain's `createSourceResolver` drives them (laziness, batching, timeouts, fallback).
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import type {
  DataSourceAdapter,
  SourceAnswerCache,
  TCachedAnswer,
  TCallCycle,
  TDataSourcePolicy,
  TSourceFallback,
} from './domain/index.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'
import { callHttpSource, valueAtPath } from './http-source.ts'
import type { TDerivedConfig, TIndicatorConfig } from './indicator-config.ts'
import { internalData } from './internal-data.ts'
import type { RiskRuntime } from './runtime.ts'
import { riskSourceCache } from './schema.ts'

const internalPolicy = (code: string): TDataSourcePolicy => ({
  code,
  costPerCall: '0.00',
  timeoutMs: 10_000,
  callCycle: { mode: 'every_time' },
  fallback: { mode: 'manual' },
})

type Wanted<C> = { code: string; config: C }[]

function wantedOf<K extends TIndicatorConfig['kind']>(runtime: RiskRuntime, codes: readonly string[], kind: K) {
  const wanted: Wanted<Extract<TIndicatorConfig, { kind: K }>> = []
  for (const code of codes) {
    const config = runtime.configs.get(code)
    if (config?.kind === kind) wanted.push({ code, config: config as Extract<TIndicatorConfig, { kind: K }> })
  }
  return wanted
}

const DAY_MS = 86_400_000

function localDerived(config: TDerivedConfig, known: Readonly<Record<string, unknown>>): unknown {
  if (config.aggregate === 'differs') {
    const left = known[config.left]
    const right = known[config.right]
    return left === null || left === undefined || right === null || right === undefined ? null : left !== right
  }
  if (config.aggregate === 'days_since') {
    const from = known[config.from]
    const at = typeof from === 'string' ? Date.parse(from) : Number.NaN
    return Number.isNaN(at) ? null : Math.floor((Date.now() - at) / DAY_MS)
  }
  return null
}

export type AdapterOptions = { tx: Tx; pii: PiiCipher; runtime: RiskRuntime; subject: EvaluationSubject }

export function sourceAdapters({ tx, pii, runtime, subject }: AdapterOptions): DataSourceAdapter[] {
  const own = [...new Set([...runtime.configs.values()].flatMap((c) => (c.kind === 'own' ? [c.table] : [])))]
  // own data, velocity and lists come from one read (internal-data.ts) the first time any is asked for
  const internal = (codes: readonly string[], upcoming: readonly string[]) => async () => {
    const data = await internalData(tx, pii, runtime, subject, [...subject.plannedCodes, ...codes, ...upcoming])
    const values: Record<string, unknown> = {}
    for (const code of codes) values[code] = data.values.has(code) ? data.values.get(code) : null
    return values
  }
  const adapters: DataSourceAdapter[] = [
    // input indicators are checked before evaluation; an absent optional one is "no value"
    { policy: internalPolicy('input'), fetch: async () => ({}) },
    ...own.map(
      (table): DataSourceAdapter => ({
        policy: internalPolicy(`own_${table}`),
        fetch: ({ indicators }) => internal(indicators, [])(),
      }),
    ),
    { policy: internalPolicy('derived_velocity'), fetch: ({ indicators }) => internal(indicators, [])() },
    {
      policy: internalPolicy('derived_local'),
      fetch: async ({ indicators, known }) => {
        const values: Record<string, unknown> = {}
        for (const { code, config } of wantedOf(runtime, indicators, 'derived'))
          values[code] = localDerived(config, known)
        return values
      },
    },
    { policy: internalPolicy('lists'), fetch: ({ indicators }) => internal(indicators, [])() },
  ]
  for (const source of runtime.sources.values()) {
    if (!source.enabled) continue
    adapters.push({
      policy: policyOf(source),
      fetch: async ({ indicators, signal }) => {
        const answer = await callHttpSource(source, subject, signal)
        // fields mapped on the source win; an indicator may also name its own path
        for (const { code, config } of wantedOf(runtime, indicators, 'third_party')) {
          if (!(code in answer.values)) answer.values[code] = valueAtPath(answer.raw, config.path)
        }
        return answer.values
      },
    })
  }
  return adapters
}

export function policyOf(source: {
  code: string
  costPerCall: string
  timeoutMs: number
  callCycle: unknown
  fallback: unknown
}): TDataSourcePolicy {
  return {
    code: source.code,
    costPerCall: Number(source.costPerCall).toFixed(2),
    timeoutMs: source.timeoutMs,
    callCycle: source.callCycle as TCallCycle,
    fallback: source.fallback as TSourceFallback,
  }
}

/** Call-cycle answers, per institution, source and subject. */
export function databaseAnswerCache(tx: Tx, institutionId: string, prefetched?: EvaluationSubject): SourceAnswerCache {
  return {
    get: async (source, subject) => {
      const read = prefetched?.memo.get('internal:last') as
        | Promise<{ cache: ReadonlyMap<string, TCachedAnswer> }>
        | undefined
      if (read && subject === prefetched?.key) return (await read).cache.get(source)
      const [row] = await tx
        .select({ answer: riskSourceCache.answer, fetchedAt: riskSourceCache.fetchedAt })
        .from(riskSourceCache)
        .where(
          and(
            eq(riskSourceCache.institutionId, institutionId),
            eq(riskSourceCache.source, source),
            eq(riskSourceCache.subjectKey, subject),
          ),
        )
      return row ? { values: row.answer as never, fetchedAt: row.fetchedAt.getTime() } : undefined
    },
    set: async (source, subject, answer) => {
      const fetchedAt = new Date(answer.fetchedAt)
      await tx
        .insert(riskSourceCache)
        .values({ institutionId, source, subjectKey: subject, answer: answer.values as never, fetchedAt })
        .onConflictDoUpdate({
          target: [riskSourceCache.institutionId, riskSourceCache.source, riskSourceCache.subjectKey],
          set: { answer: sql`excluded.answer`, fetchedAt },
        })
    },
  }
}
