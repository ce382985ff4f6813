/** Canonical JSON: keys sorted at every level, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export type AuditContent = {
  institutionId: string | null
  at: Date
  actorType: string
  actorId: string | null
  actorName: string | null
  ip: string | null
  operation: string
  objectType: string
  objectId: string | null
  before: unknown
  after: unknown
}

/** The text that is hashed for one row: built from exactly the values that are stored. */
export function auditCanonical(row: AuditContent): string {
  return canonicalJson({
    institutionId: row.institutionId,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    ip: row.ip,
    operation: row.operation,
    objectType: row.objectType,
    objectId: row.objectId,
    before: row.before ?? null,
    after: row.after ?? null,
  })
}
