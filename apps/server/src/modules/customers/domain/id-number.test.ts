import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ageOn, idNumberCheckChar, parseIdNumber } from './id-number.ts'

describe('national ID number (GB 11643)', () => {
  it('accepts a valid number and derives date of birth and sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    })
    expect(parseIdNumber('110101199003071230'.slice(0, 17) + idNumberCheckChar('11010119900307123'))).toMatchObject({
      birthDate: '1990-03-07',
      sex: 'male',
    })
  })
  it('accepts a lower-case x check character', () => {
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ idNumber: '11010519491231002X' })
  })
  it('rejects a wrong check character', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ problem: 'checksum' })
  })
  it('rejects impossible dates of birth and bad formats', () => {
    const body = '11010519900230001'
    expect(parseIdNumber(body + idNumberCheckChar(body))).toEqual({ problem: 'birth_date' })
    expect(parseIdNumber('1101051949123100')).toEqual({ problem: 'format' })
    expect(parseIdNumber('11010519491231002Y')).toEqual({ problem: 'format' })
  })
  it('changing any one digit of a valid number is always detected', () => {
    const valid = '11010519491231002X'
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10
        const changed = `${valid.slice(0, pos)}${digit}${valid.slice(pos + 1)}`
        const r = parseIdNumber(changed)
        expect('problem' in r).toBe(true)
      }),
    )
  })
  it('counts age in whole years', () => {
    expect(ageOn('2008-09-02', '2026-09-01')).toBe(17)
    expect(ageOn('2008-09-01', '2026-09-01')).toBe(18)
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35)
  })
})
