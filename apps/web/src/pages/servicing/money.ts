/**
 * Exact cents arithmetic on the server's decimal strings, for the few sums the console shows itself
 * (what is still due on an installment). Charts may use `toNumber`; nothing posted is computed here.
 */
import { formatMoney } from '../../shared/format'

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?\d*$/

/** "1234.5" → 123450n. Unparseable text counts as zero. */
export function toCents(amount: string | null | undefined): bigint {
  const match = AMOUNT.exec((amount ?? '').trim())
  if (!match) return 0n
  const [, sign, integer = '0', fraction = ''] = match
  const cents = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'))
  return sign ? -cents : cents
}

/** 123450n → "1234.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

export function sumAmounts(...amounts: (string | null | undefined)[]): string {
  return fromCents(amounts.reduce((total, amount) => total + toCents(amount), 0n))
}

/** For chart axes only: a float is fine for drawing, never for booking. */
export function toNumber(amount: string | null | undefined): number {
  return Number(toCents(amount)) / 100
}

/** A key for the server's `Idempotency-Key` rule: one per form submission, kept across retries of it. */
export function newIdempotencyKey(prefix: string): string {
  const random =
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  return `${prefix}-${random}`
}

/** A table cell of money: `render: moneyCell` (formatMoney's second parameter must not receive the row). */
export const moneyCell = (value: string | null | undefined): string => formatMoney(value)
