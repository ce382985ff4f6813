/**
 * A short-lived in-process cache of resolved staff sessions, so that an authenticated read does not
 * pay a database round trip for the principal on every request.
 *
 * What it costs, stated plainly: a change made by *another* process (a logout, a freeze, a new
 * position, a daily close moving the business date) reaches this process's requests within the TTL
 * (`XINDAI_SESSION_CACHE_MS`, default 2 s; 0 turns the cache off). Changes made in this process take
 * effect at once: logging out evicts the session, and every audited change to a user, position, role,
 * team or institution, and every business-date change, empties the cache. The TTL is far below the
 * idle timeout's 30-second `last_seen_at` granularity, so idle expiry is unaffected.
 */
import type { StaffPrincipal } from '../access/principal.ts'

type Entry = { principal: StaffPrincipal; until: number }

/** Object types whose change can alter a principal (permissions, scope, status, institution). */
const PRINCIPAL_OBJECTS = new Set(['user', 'position', 'role', 'team', 'institution', 'session'])
const MAX_ENTRIES = 50_000

let ttlMs = 2_000
const entries = new Map<string, Entry>()

export function configureSessionCache(ms: number): void {
  ttlMs = Math.max(0, ms)
  entries.clear()
}

export function cachedPrincipal(sessionId: string, now = Date.now()): StaffPrincipal | undefined {
  const hit = entries.get(sessionId)
  if (!hit) return undefined
  if (hit.until > now) return hit.principal
  entries.delete(sessionId)
  return undefined
}

export function cachePrincipal(sessionId: string, principal: StaffPrincipal, now = Date.now()): void {
  if (ttlMs === 0) return
  // a bound, not an LRU: at the bound everything goes and is re-read on next use
  if (entries.size >= MAX_ENTRIES) entries.clear()
  entries.set(sessionId, { principal, until: now + ttlMs })
}

export function evictSession(sessionId: string): void {
  entries.delete(sessionId)
}

/** Everything goes: something that principals are made of has changed in this process. */
export function clearSessionCache(): void {
  entries.clear()
}

/** Called for every audited change; empties the cache when the change can alter a principal. */
export function noteAuditedChange(objectType: string): void {
  if (PRINCIPAL_OBJECTS.has(objectType)) entries.clear()
}
