import { describe, expect, it } from 'vitest'
import { beginWithContext, type DbContext } from './open.ts'

describe('BEGIN with the tenant context in one round trip', () => {
  it('sets both settings for the transaction only', () => {
    expect(beginWithContext({ scope: 'institution', institutionId: '8f188ae2-c9be-4242-91f8-6c08e758974d' })).toBe(
      "begin; select set_config('app.scope', 'institution', true), set_config('app.institution_id', '8f188ae2-c9be-4242-91f8-6c08e758974d', true)",
    )
    expect(beginWithContext({ scope: 'system', institutionId: null })).toContain(
      "set_config('app.institution_id', '', true)",
    )
  })

  it('refuses anything that is not a known scope or a UUID, so nothing can be spliced into the SQL', () => {
    expect(() => beginWithContext({ scope: 'institution', institutionId: "x'; drop table loans; --" })).toThrow()
    expect(() => beginWithContext({ scope: "own', 'x" as DbContext['scope'], institutionId: null })).toThrow()
  })
})
