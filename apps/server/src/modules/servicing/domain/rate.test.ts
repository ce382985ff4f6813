import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, type RoundingMode, roundCents } from '../../../platform/money.ts'
import { makeRate, mulRound, rateFromDecimal, scaleRate } from './rate.ts'

describe('rates', () => {
  it('keep the exact fraction of a decimal, reduced', () => {
    const monthly = scaleRate(rateFromDecimal(new Decimal('0.049')), { mul: 1n, div: 12n })
    expect([monthly.num, monthly.den]).toEqual([49n, 12_000n])
    expect(rateFromDecimal(new Decimal('0.18'))).toMatchObject({ num: 9n, den: 50n })
  })

  it('cents × rate rounds exactly like decimal arithmetic, on both the fast and the BigInt path', () => {
    const mode = fc.constantFrom<RoundingMode>('half_up', 'half_even')
    const cents = fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 999_999_999_999_999 }))
    const fraction = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 14n }))
    fc.assert(
      fc.property(cents, fraction, mode, (amount, [num, den], rounding) => {
        const rate = makeRate(num, den)
        // 40 significant digits are plenty: a quotient of these sizes is never within 10^-30 of a half cent unless it is one.
        const expected = roundCents(
          new Decimal(amount).times(num.toString()).dividedBy(den.toString()).dividedBy(100),
          rounding,
        )
        expect(mulRound(amount, rate, rounding)).toBe(expected.times(100).toNumber())
      }),
      { numRuns: 2_000 },
    )
  })

  it('rounds a half cent up or to even', () => {
    const half = makeRate(1n, 2n)
    expect([mulRound(1, half, 'half_up'), mulRound(1, half, 'half_even'), mulRound(3, half, 'half_even')]).toEqual([
      1, 0, 2,
    ])
  })
})
