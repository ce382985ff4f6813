/**
 * How each kind of personal data is sealed for storage: ciphertext (with key id), blind index for
 * exact lookup, masked copy for display. One place, so the app, the demo and the benchmark hash alike.
 */
import { maskBankCard, maskIdNumber, maskPhone, type PiiCipher } from '../../platform/pii.ts'

export type Sealed = { enc: string; hash: string; masked: string }
export type LookupKind = 'phone' | 'id_number' | 'bank_card'

/** Blind indexes are namespaced by kind, so a phone never matches a card with the same digits. */
export function lookupHash(pii: PiiCipher, kind: LookupKind, normalised: string): string {
  return pii.blindIndex(`${kind}:${normalised}`)
}

const MASKS: Record<LookupKind, (v: string) => string> = {
  phone: maskPhone,
  id_number: maskIdNumber,
  bank_card: maskBankCard,
}

export function seal(pii: PiiCipher, kind: LookupKind, normalised: string): Sealed {
  return { enc: pii.encrypt(normalised), hash: lookupHash(pii, kind, normalised), masked: MASKS[kind](normalised) }
}

export function sealJson(pii: PiiCipher, value: unknown): string {
  return pii.encrypt(JSON.stringify(value))
}

export function openJson<T>(pii: PiiCipher, stored: string | null, fallback: T): T {
  return stored ? (JSON.parse(pii.decrypt(stored)) as T) : fallback
}
