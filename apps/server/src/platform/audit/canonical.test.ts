import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical.ts'

describe('canonical JSON', () => {
  it('is independent of key order and stable for nested values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    )
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
  })
})
