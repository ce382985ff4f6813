/**
 * Derived velocity indicators (windowed counts): accounts on this device, devices on this account,
 * applications from this IP in the last hour, overdue installments in 12 months … Every requested
 * indicator becomes one sub-select of a single query, built from the indicator's definition (data).
 */

import { type SQL, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'
import type { TDerivedConfig } from './indicator-config.ts'
import { businessDateOf } from './own-data-source.ts'

type Window = { amount: number; unit: 'hour' | 'day' | 'month' } | null | undefined
type Key = 'device' | 'ip' | 'subject'

const COLUMNS: Record<'device_events' | 'evaluations', Record<Key, SQL>> = {
  device_events: { device: sql`device_fingerprint`, ip: sql`ip`, subject: sql`subject_key` },
  evaluations: { device: sql`device_fingerprint`, ip: sql`ip`, subject: sql`subject_key` },
}
const TABLES = { device_events: sql`risk_device_events`, evaluations: sql`risk_reports` }

const since = (window: Window, column: SQL) =>
  window ? sql` and ${column} > now() - ${`${window.amount} ${window.unit}s`}::interval` : sql``

function keyValue(subject: EvaluationSubject, key: Key): string | null {
  if (key === 'device') return subject.device.fingerprint ?? null
  if (key === 'ip') return subject.device.ip ?? null
  return subject.key
}

/** The sub-select for one indicator, or null when the evaluation lacks the value it matches on. */
export function velocitySubSelect(config: TDerivedConfig, subject: EvaluationSubject): SQL | null {
  if (config.aggregate === 'differs' || config.aggregate === 'days_since') return null
  if (config.aggregate === 'overdue_count') {
    if (!subject.customerId) return null
    const window = config.window
      ? sql` and i.due_date > ${businessDateOf(sql`l.institution_id`)} - ${`${config.window.amount} ${config.window.unit}s`}::interval`
      : sql``
    return sql`(select count(*)::int from installments i join loans l on l.id = i.loan_id
      where l.customer_id = ${subject.customerId}::uuid and (i.status = 'overdue' or i.paid_on > i.due_date)${window})`
  }
  const value = keyValue(subject, config.match)
  if (value === null) return null
  const columns = COLUMNS[config.entity]
  const counted =
    config.aggregate === 'distinct_count'
      ? sql`count(distinct ${columns[config.distinct ?? 'subject']})`
      : sql`count(*)`
  const event = config.entity === 'device_events' && config.event ? sql` and event = ${config.event}` : sql``
  const scene = config.entity === 'evaluations' && config.scene ? sql` and scene_code = ${config.scene}` : sql``
  return sql`(select ${counted}::int from ${TABLES[config.entity]} where institution_id = ${subject.institutionId}::uuid
    and ${columns[config.match]} = ${value}${event}${scene}${since(config.window, sql`created_at`)})`
}

export async function readVelocity(
  tx: Tx,
  wanted: readonly { code: string; config: TDerivedConfig }[],
  subject: EvaluationSubject,
): Promise<Record<string, number | null>> {
  const values: Record<string, number | null> = {}
  const parts: SQL[] = []
  const codes: string[] = []
  for (const { code, config } of wanted) {
    const part = velocitySubSelect(config, subject)
    values[code] = null
    if (part) {
      parts.push(sql`${part} as ${sql.identifier(`v${codes.length}`)}`)
      codes.push(code)
    }
  }
  if (parts.length === 0) return values
  const [row] = await queryRows<Record<string, number>>(tx, sql`select ${sql.join(parts, sql`, `)}`)
  codes.forEach((code, i) => {
    values[code] = Number(row?.[`v${i}`] ?? 0)
  })
  return values
}
