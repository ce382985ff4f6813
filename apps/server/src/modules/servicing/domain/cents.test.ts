import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, formatAmount } from '../../../platform/money.ts'
import { asCents, centsToDecimal, formatCents, toCents } from './cents.ts'

describe('cents', () => {
  it('format exactly like formatAmount and round-trip through Decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), (value) => {
        const cents = asCents(value)
        expect(formatCents(cents)).toBe(formatAmount(centsToDecimal(cents)))
        expect(toCents(centsToDecimal(cents))).toBe(value)
      }),
    )
  })

  it('refuse amounts finer than a cent and non-integers', () => {
    expect(() => toCents(new Decimal('0.001'))).toThrow(RangeError)
    expect(() => asCents(0.5)).toThrow(RangeError)
  })
})
