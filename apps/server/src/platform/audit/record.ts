/**
 * Writes one audit record inside the caller's transaction. Every state change calls this with
 * the same `tx` as the change itself, so a change and its record commit or roll back together.
 */
import { sql } from 'drizzle-orm'
import type { Queryable } from '../db/open.ts'
import { queueAudit } from '../db/write-batch.ts'
import { noteAuditedChange } from '../http/session-cache.ts'
import { maskForAudit } from '../pii.ts'
import { auditCanonical } from './canonical.ts'

/** Who did it and from where; built once per request by the HTTP layer. */
export type Actor = {
  type: 'staff' | 'borrower' | 'system'
  id: string | null
  name: string | null
  institutionId: string | null
  ip: string | null
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'system', institutionId: null, ip: null }

export type AuditEntry = {
  operation: string
  objectType: string
  objectId: string | null
  /** the institution whose chain the record joins; defaults to the actor's */
  institutionId?: string | null
  before?: unknown
  after?: unknown
}

/**
 * Each institution's trail is hash-chained in CHAIN_PARTITIONS partitions keyed by the object, so
 * that changes to unrelated objects do not wait on one chain-head lock; all records of one object
 * are in one chain, in order. Platform-level records chain under "platform".
 */
export const CHAIN_PARTITIONS = 16

export function chainOf(institutionId: string | null, objectType: string, objectId: string | null): string {
  const key = `${objectType}:${objectId ?? ''}`
  // FNV-1a: cheap, stable across processes and versions
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
  return `${institutionId ?? 'platform'}:${h % CHAIN_PARTITIONS}`
}

/** The chains of one institution (or of the platform, for null). */
export function chainPrefixOf(institutionId: string | null): string {
  return `${institutionId ?? 'platform'}:`
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null
  // round-trip through JSON so the stored jsonb and the hashed text are the same values
  return JSON.parse(JSON.stringify(maskForAudit(value)))
}

export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  const institutionId = entry.institutionId === undefined ? actor.institutionId : entry.institutionId
  const at = new Date()
  const before = normalise(entry.before)
  const after = normalise(entry.after)
  const canonical = auditCanonical({
    institutionId,
    at,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    ip: actor.ip,
    operation: entry.operation,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before,
    after,
  })
  const chain = chainOf(institutionId, entry.objectType, entry.objectId)
  const queued = await queueAudit(tx, {
    chain,
    institutionId,
    at: at.toISOString(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    ip: actor.ip,
    operation: entry.operation,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before,
    after,
    canonical,
  })
  if (!queued)
    await tx.execute(sql`select xindai_audit_append(${chain}, ${institutionId}::uuid, ${at.toISOString()}::timestamptz,
    ${actor.type}, ${actor.id}, ${actor.name}, ${actor.ip}, ${entry.operation}, ${entry.objectType}, ${entry.objectId},
    ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb, ${canonical})`)
  noteAuditedChange(entry.objectType)
}
