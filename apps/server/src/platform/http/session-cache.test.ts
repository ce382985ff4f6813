import { afterEach, describe, expect, it } from 'vitest'
import type { StaffPrincipal } from '../access/principal.ts'
import {
  cachedPrincipal,
  cachePrincipal,
  configureSessionCache,
  evictSession,
  noteAuditedChange,
} from './session-cache.ts'

const principal = { kind: 'staff', userId: 'u1', username: 'a' } as unknown as StaffPrincipal

afterEach(() => configureSessionCache(2_000))

describe('session cache', () => {
  it('serves a principal until its TTL has passed, then forgets it', () => {
    configureSessionCache(1_000)
    cachePrincipal('s1', principal, 10_000)
    expect(cachedPrincipal('s1', 10_999)).toBe(principal)
    expect(cachedPrincipal('s1', 11_000)).toBeUndefined()
    expect(cachedPrincipal('s1', 10_500)).toBeUndefined()
  })

  it('keeps nothing when turned off', () => {
    configureSessionCache(0)
    cachePrincipal('s1', principal, 10_000)
    expect(cachedPrincipal('s1', 10_000)).toBeUndefined()
  })

  it('evicts one session on logout and everything when a principal-shaping object changes', () => {
    configureSessionCache(1_000)
    const now = Date.now()
    cachePrincipal('s1', principal, now)
    cachePrincipal('s2', principal, now)
    evictSession('s1')
    expect(cachedPrincipal('s1', now)).toBeUndefined()
    expect(cachedPrincipal('s2', now)).toBe(principal)
    noteAuditedChange('loan')
    expect(cachedPrincipal('s2', now)).toBe(principal)
    noteAuditedChange('position')
    expect(cachedPrincipal('s2', now)).toBeUndefined()
  })
})
