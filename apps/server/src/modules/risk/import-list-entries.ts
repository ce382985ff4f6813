/**
 * Imports list entries from CSV or JSON, all or nothing: every bad row is reported (`body.rows.<n>.<field>`,
 * n counting data rows from 1) and nothing is written; otherwise entries are added or updated.
 */
import { sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { AppError, type FieldError, fieldError } from '../../platform/errors.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { parseExpiry } from './list-entries.ts'
import {
  LIST_KINDS,
  LIST_TYPES,
  type ListKind,
  listValueHash,
  maskListValue,
  normaliseListValue,
} from './list-values.ts'
import { riskListEntries } from './schema.ts'

export const MAX_IMPORT_ROWS = 5000
const COLUMNS = ['listType', 'kind', 'value', 'reason', 'expiresAt'] as const

function parseCsv(content: string): Record<string, string>[] {
  const lines = content.split(/\r?\n/).filter((line) => line.trim() !== '')
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim())
  return lines.map((line) =>
    Object.fromEntries(line.split(',').map((cell, i) => [header[i] ?? `col${i}`, cell.trim()])),
  )
}

function parseRows(format: 'csv' | 'json', content: string): Record<string, unknown>[] {
  if (format === 'csv') return parseCsv(content)
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    throw fieldError('body.content', 'risk.field.import_json')
  }
  if (!Array.isArray(parsed)) throw fieldError('body.content', 'risk.field.import_json')
  return parsed.map((row) => (typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {}))
}

export type ImportListOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  input: { format: 'csv' | 'json'; content: string }
}

export async function importListEntries({ tx, principal, actor, pii, input }: ImportListOptions) {
  const rows = parseRows(input.format, input.content)
  if (rows.length === 0) throw fieldError('body.content', 'risk.field.import_empty')
  if (rows.length > MAX_IMPORT_ROWS)
    throw fieldError('body.content', 'risk.field.import_too_many', { max: MAX_IMPORT_ROWS })
  const fields: FieldError[] = []
  const values = rows.map((row, index) => {
    const at = (f: string) => `body.rows.${index + 1}.${f}`
    const text = (k: (typeof COLUMNS)[number]) => (typeof row[k] === 'string' ? (row[k] as string) : '')
    const listType = text('listType')
    const kind = text('kind') as ListKind
    if (!(LIST_TYPES as readonly string[]).includes(listType))
      fields.push({ field: at('listType'), key: 'risk.field.list_type' })
    const normalised = (LIST_KINDS as readonly string[]).includes(kind) ? normaliseListValue(kind, text('value')) : null
    if (!(LIST_KINDS as readonly string[]).includes(kind))
      fields.push({ field: at('kind'), key: 'risk.field.list_kind' })
    else if (!normalised) fields.push({ field: at('value'), key: 'risk.field.list_value', params: { kind } })
    const reason = text('reason').trim()
    if (!reason || reason.length > 200) fields.push({ field: at('reason'), key: 'risk.field.list_reason' })
    const expiresAt = parseExpiry(text('expiresAt') || null)
    if (expiresAt === 'invalid') fields.push({ field: at('expiresAt'), key: 'risk.field.expiry' })
    return {
      institutionId: principal.institutionId,
      listType,
      kind,
      valueHash: normalised ? listValueHash(pii, kind, normalised) : '',
      valueMasked: normalised ? maskListValue(kind, normalised) : '',
      reason,
      expiresAt: expiresAt === 'invalid' ? null : expiresAt,
      createdBy: principal.userId,
    }
  })
  if (fields.length > 0) throw new AppError('validation', { fields: fields.slice(0, 200) })
  const unique = [...new Map(values.map((v) => [`${v.listType}:${v.kind}:${v.valueHash}`, v])).values()]
  const written = await tx
    .insert(riskListEntries)
    .values(unique)
    .onConflictDoUpdate({
      target: [
        riskListEntries.institutionId,
        riskListEntries.listType,
        riskListEntries.kind,
        riskListEntries.valueHash,
      ],
      set: { reason: sql`excluded.reason`, expiresAt: sql`excluded.expires_at` },
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` })
  const imported = written.filter((w) => w.inserted).length
  await recordAudit(tx, actor, {
    operation: 'risk.list.import',
    objectType: 'risk_list',
    objectId: principal.institutionId,
    institutionId: principal.institutionId,
    after: { format: input.format, rows: rows.length, imported, updated: written.length - imported },
  })
  return { imported, updated: written.length - imported }
}
