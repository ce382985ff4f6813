import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidCardNumber, luhnValid, withLuhnDigit } from './bank-card.ts'

describe('bank card numbers (Luhn)', () => {
  it('accepts known-good numbers with spaces or dashes', () => {
    expect(isValidCardNumber('4111 1111 1111 1111')).toBe(true)
    expect(isValidCardNumber('6222-0202-0011-2233-447')).toBe(luhnValid('6222020200112233447'))
  })
  it('rejects a wrong check digit, letters and bad lengths', () => {
    expect(isValidCardNumber('4111111111111112')).toBe(false)
    expect(isValidCardNumber('41111111111a1111')).toBe(false)
    expect(isValidCardNumber('42')).toBe(false)
  })
  it('a completed number is valid, and changing one digit breaks it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^62\d{14}$/),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (prefix, pos, delta) => {
          const card = withLuhnDigit(prefix)
          expect(isValidCardNumber(card)).toBe(true)
          const digit = (Number(card[pos]) + delta) % 10
          expect(luhnValid(`${card.slice(0, pos)}${digit}${card.slice(pos + 1)}`)).toBe(false)
        },
      ),
    )
  })
})
