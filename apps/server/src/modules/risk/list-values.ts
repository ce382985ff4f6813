/**
 * How list (名单库) values are normalised, hashed and masked. Hashes use the customers module's
 * namespaced blind index, so a listed ID number or phone matches the customer's stored hash.
 */
import { maskBankCard, maskIdNumber, maskPhone, type PiiCipher } from '../../platform/pii.ts'
import { normaliseCardNumber } from '../customers/domain/bank-card.ts'
import { normalisePhone } from '../customers/inputs.ts'
import { lookupHash } from '../customers/sealed.ts'

export const LIST_KINDS = ['id_number', 'phone', 'device', 'ip', 'bank_card'] as const
export type ListKind = (typeof LIST_KINDS)[number]
export const LIST_TYPES = ['black', 'white', 'grey'] as const
export type ListType = (typeof LIST_TYPES)[number]

const IP_PATTERN = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]{2,39}$/i

/** The normalised value, or null when it is not a plausible value of its kind. */
export function normaliseListValue(kind: ListKind, raw: string): string | null {
  const value = raw.trim()
  switch (kind) {
    case 'id_number': {
      const id = value.toUpperCase()
      return /^\d{17}[\dX]$|^\d{15}$/.test(id) ? id : null
    }
    case 'phone': {
      const phone = normalisePhone(value)
      return /^1[3-9]\d{9}$/.test(phone) ? phone : null
    }
    case 'bank_card': {
      const card = normaliseCardNumber(value)
      return /^\d{12,19}$/.test(card) ? card : null
    }
    case 'ip':
      return IP_PATTERN.test(value) ? value.toLowerCase() : null
    case 'device':
      return value.length >= 4 && value.length <= 200 ? value : null
  }
}

export function listValueHash(pii: PiiCipher, kind: ListKind, normalised: string): string {
  return kind === 'device' || kind === 'ip'
    ? pii.blindIndex(`${kind}:${normalised}`)
    : lookupHash(pii, kind, normalised)
}

export function maskListValue(kind: ListKind, normalised: string): string {
  switch (kind) {
    case 'id_number':
      return maskIdNumber(normalised)
    case 'phone':
      return maskPhone(normalised)
    case 'bank_card':
      return maskBankCard(normalised)
    case 'ip':
      return normalised.replace(/\.\d+$/, '.*')
    case 'device':
      return normalised.length > 8 ? `${normalised.slice(0, 4)}…${normalised.slice(-4)}` : '****'
  }
}
