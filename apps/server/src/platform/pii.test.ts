import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPiiCipher, maskBankCard, maskForAudit, maskIdNumber, maskPhone } from './pii.ts'

describe('PII protection', () => {
  const cipher = createPiiCipher({ key: randomBytes(32), keyId: 'k2', hmacKey: randomBytes(32) })
  it('encrypts with a fresh IV each time and decrypts back; the blind index is stable', () => {
    const a = cipher.encrypt('13812345678')
    const b = cipher.encrypt('13812345678')
    expect(a).not.toBe(b)
    expect(a.startsWith('k2:')).toBe(true)
    expect(cipher.decrypt(a)).toBe('13812345678')
    expect(cipher.blindIndex('13812345678')).toBe(cipher.blindIndex('13812345678'))
  })
  it('detects tampering with the ciphertext', () => {
    const stored = cipher.encrypt('110101199003071234')
    const broken = `${stored.slice(0, -2)}${stored.endsWith('A') ? 'B' : 'A'}A`
    expect(() => cipher.decrypt(broken)).toThrow()
  })
  it('reads values written under an older key after rotation', () => {
    const oldKey = randomBytes(32)
    const hmacKey = randomBytes(32)
    const old = createPiiCipher({ key: oldKey, keyId: 'k1', hmacKey })
    const rotated = createPiiCipher({ key: randomBytes(32), keyId: 'k2', hmacKey, previous: { k1: oldKey } })
    expect(rotated.decrypt(old.encrypt('6222020200112233445'))).toBe('6222020200112233445')
  })
  it('masks the way Chinese back offices show them', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234')
    expect(maskBankCard('6222020200112233445')).toBe('6222***********3445')
    expect(maskForAudit({ phone: '13812345678', password: 'x', nested: { idNumber: '110101199003071234' } })).toEqual({
      phone: '138****5678',
      password: '[redacted]',
      nested: { idNumber: '110***********1234' },
    })
  })
})
