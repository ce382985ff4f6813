import { describe, expect, it } from 'vitest'
import { Decimal, formatAmount, isAmountString, parseAmount, roundCents, sum } from './money.ts'

describe('money', () => {
  it('accepts exact amounts and refuses floats-in-disguise', () => {
    for (const ok of ['0', '0.01', '12.5', '1234567.89', '-3.10']) expect(isAmountString(ok)).toBe(true)
    for (const bad of ['1e3', '0.001', '1.', '.5', '01', 'NaN', '1,000', ' 1', '99999999999999'])
      expect(isAmountString(bad)).toBe(false)
    expect(() => parseAmount('1e3')).toThrow(RangeError)
  })
  it('adds without float drift and rounds half-up or half-even to the cent', () => {
    expect(formatAmount(sum([parseAmount('0.1'), parseAmount('0.2')]))).toBe('0.30')
    expect(formatAmount(roundCents(new Decimal('2.345')))).toBe('2.35')
    expect(formatAmount(roundCents(new Decimal('2.345'), 'half_even'))).toBe('2.34')
    expect(formatAmount(roundCents(new Decimal('2.355'), 'half_even'))).toBe('2.36')
  })
})
