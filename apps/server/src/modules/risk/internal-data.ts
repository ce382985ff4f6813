/**
 * The free, database-backed indicators of an evaluation — own data, velocity counts, list hits —
 * and the subject's cached third-party answers, read in ONE query the first time any of them is
 * needed. A round trip costs more than the sub-selects, so this is what keeps evaluation fast; paid
 * sources stay lazy (only their cached answers are read here, never bought).
 */
import { type SQL, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import type { TCachedAnswer } from './domain/index.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'
import type { TIndicatorConfig } from './indicator-config.ts'
import { inputHashes, isListHit } from './list-source.ts'
import { ownTableQuery, requestFields } from './own-data-source.ts'
import type { RiskRuntime } from './runtime.ts'
import { velocitySubSelect } from './velocity-source.ts'

export type InternalData = {
  values: ReadonlyMap<string, unknown>
  cache: ReadonlyMap<string, TCachedAnswer>
}

const INTERNAL_KINDS = new Set(['own', 'list', 'derived'])

function isInternal(config: TIndicatorConfig | undefined): config is TIndicatorConfig {
  if (!config || !INTERNAL_KINDS.has(config.kind)) return false
  return !(config.kind === 'derived' && (config.aggregate === 'differs' || config.aggregate === 'days_since'))
}

/** Memoised per evaluation subject: the champion and the challenger share one read. */
export function internalData(
  tx: Tx,
  pii: PiiCipher,
  runtime: RiskRuntime,
  subject: EvaluationSubject,
  codes: readonly string[],
) {
  const wanted = [...new Set(codes)].filter((code) => isInternal(runtime.configs.get(code))).sort()
  const key = `internal:${wanted.join(',')}`
  let loaded = subject.memo.get(key) as Promise<InternalData> | undefined
  if (!loaded) {
    loaded = loadInternalData(tx, pii, runtime, subject, wanted)
    subject.memo.set(key, loaded)
    subject.memo.set('internal:last', loaded)
  }
  return loaded
}

async function loadInternalData(
  tx: Tx,
  pii: PiiCipher,
  runtime: RiskRuntime,
  subject: EvaluationSubject,
  codes: readonly string[],
): Promise<InternalData> {
  const columns: SQL[] = []
  const tables = new Set<string>()
  const velocity: string[] = []
  let lists = false
  for (const code of codes) {
    const config = runtime.configs.get(code)!
    if (config.kind === 'own' && config.table !== 'request') tables.add(config.table)
    if (config.kind === 'list') lists = true
    if (config.kind === 'derived') {
      const part = velocitySubSelect(config, subject)
      if (part) columns.push(sql`${part} as ${sql.identifier(`v_${code}`)}`)
      velocity.push(code)
    }
  }
  for (const table of tables) {
    const query = ownTableQuery(table, subject)
    if (query) columns.push(sql`(select to_jsonb(t) from (${query}) t) as ${sql.identifier(`own_${table}`)}`)
  }
  const inst = sql`${subject.institutionId}::uuid`
  if (lists) {
    const customer = subject.customerId
      ? sql`coalesce((select array[c.id_number_hash, c.phone_hash]
            || coalesce((select array_agg(b.card_hash) from customer_bank_cards b where b.customer_id = c.id), '{}')
          from customers c where c.id = ${subject.customerId}::uuid and c.institution_id = ${inst}), '{}')`
      : sql`'{}'::text[]`
    columns.push(sql`(select coalesce(jsonb_agg(jsonb_build_array(e.list_type, e.kind)), '[]'::jsonb) from risk_list_entries e
      where e.institution_id = ${inst} and (e.expires_at is null or e.expires_at > now())
        and e.value_hash = any(${`{${inputHashes(pii, subject).join(',')}}`}::text[] || ${customer})) as list_rows`)
  }
  columns.push(sql`(select coalesce(jsonb_object_agg(c.source, jsonb_build_object('answer', c.answer,
      'at', (extract(epoch from c.fetched_at) * 1000)::bigint)), '{}'::jsonb)
    from risk_source_cache c where c.institution_id = ${inst} and c.subject_key = ${subject.key}) as cache`)
  const [row = {}] = await queryRows<Record<string, unknown>>(tx, sql`select ${sql.join(columns, sql`, `)}`)

  const values = new Map<string, unknown>()
  const request = requestFields(subject)
  for (const code of codes) {
    const config = runtime.configs.get(code)!
    if (config.kind === 'own') {
      const record =
        config.table === 'request' ? request : ((row[`own_${config.table}`] ?? {}) as Record<string, unknown>)
      values.set(code, record[config.field] ?? null)
    } else if (config.kind === 'list') {
      values.set(code, isListHit((row.list_rows ?? []) as [string, string][], config))
    } else if (velocity.includes(code)) {
      const value = row[`v_${code}`]
      values.set(code, value === undefined || value === null ? null : Number(value))
    }
  }
  const cache = new Map<string, TCachedAnswer>()
  for (const [source, entry] of Object.entries((row.cache ?? {}) as Record<string, { answer: never; at: number }>)) {
    cache.set(source, { values: entry.answer, fetchedAt: Number(entry.at) })
  }
  return { values, cache }
}
