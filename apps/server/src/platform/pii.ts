/**
 * Field-level protection of personal data (PIPL): AES-256-GCM encryption at rest with the key id
 * stored beside the ciphertext (for rotation), an HMAC blind index for exact lookup, and masking
 * for every response that does not carry the `pii.read` permission.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

export type PiiKeys = {
  key: Buffer
  keyId: string
  hmacKey: Buffer /** older keys by id, for reading */
  previous?: Record<string, Buffer>
}

export type PiiCipher = {
  encrypt(plain: string): string
  decrypt(stored: string): string
  /** deterministic keyed hash for exact-match search; normalise the value before hashing */
  blindIndex(plain: string): string
}

export function createPiiCipher(keys: PiiKeys): PiiCipher {
  const byId = { ...keys.previous, [keys.keyId]: keys.key }
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', keys.key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return `${keys.keyId}:${iv.toString('base64url')}:${Buffer.concat([body, tag]).toString('base64url')}`
    },
    decrypt(stored) {
      const [keyId, ivText, payload] = stored.split(':')
      const key = keyId ? byId[keyId] : undefined
      if (!key || !ivText || !payload) throw new Error('unreadable ciphertext or unknown key id')
      const data = Buffer.from(payload, 'base64url')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'))
      decipher.setAuthTag(data.subarray(data.length - 16))
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
    },
    blindIndex(plain) {
      return createHmac('sha256', keys.hmacKey).update(plain).digest('hex')
    },
  }
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

/** 110101199001011234 → 110***********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length)
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`
}

/** 6222020200112233445 → 6222 **** **** 3445 style: keep first 4 and last 4 */
export function maskBankCard(card: string): string {
  if (card.length < 9) return '*'.repeat(card.length)
  return `${card.slice(0, 4)}${'*'.repeat(card.length - 8)}${card.slice(-4)}`
}

/** 张三丰 → 张** */
export function maskName(name: string): string {
  const chars = [...name]
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

const PII_KEYS =
  /^(phone|mobile|idNumber|id_number|idCard|bankCard|bank_card|cardNumber|password|passwordHash|token|code)$/i

/** Masks PII-looking keys in an object before it goes into the audit trail or a log. */
export function maskForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskForAudit)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (PII_KEYS.test(k) && typeof v === 'string') {
        out[k] = /password|token|code/i.test(k) ? '[redacted]' : v.length > 7 ? maskIdNumber(v) : '***'
      } else out[k] = maskForAudit(v)
    }
    return out
  }
  return value
}
