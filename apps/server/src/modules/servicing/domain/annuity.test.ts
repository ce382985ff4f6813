import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RoundingMode } from '../../../platform/money.ts'
import { levelPayment } from './annuity.ts'
import { makeRate, roundDivBig } from './rate.ts'

/** The annuity as an exact fraction of BigInts, rounded once. */
function exact(principal: number, num: bigint, den: bigint, periods: number, rounding: RoundingMode): number {
  const growth = (den + num) ** BigInt(periods)
  const base = den ** BigInt(periods)
  return Number(roundDivBig(BigInt(principal) * num * growth, den * (growth - base), rounding))
}

describe('levelPayment', () => {
  it('is the exact annuity rounded once, whatever path computes it', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 999_999_999_999_999 })),
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom<RoundingMode>('half_up', 'half_even'),
        (principal, micros, periods, rounding) => {
          const num = micros
          const den = 12_000_000_000n
          const rate = makeRate(num, den)
          expect(levelPayment({ principal, rate, periods, rounding })).toBe(
            exact(principal, num, den, periods, rounding),
          )
        },
      ),
      { numRuns: 400 },
    )
  })

  it('settles an exact half cent by the rounding mode', () => {
    // One period at 0.5%: 1.00 × 1.005 = 1.005 exactly
    const rate = makeRate(1n, 200n)
    expect(levelPayment({ principal: 100, rate, periods: 1, rounding: 'half_up' })).toBe(101)
    expect(levelPayment({ principal: 100, rate, periods: 1, rounding: 'half_even' })).toBe(100)
  })

  it('splits a zero-rate loan evenly', () => {
    expect(levelPayment({ principal: 100_000, rate: makeRate(0n, 1n), periods: 3, rounding: 'half_up' })).toBe(33_333)
  })
})
