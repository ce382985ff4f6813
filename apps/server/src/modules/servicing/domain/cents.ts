/**
 * Whole cents (分) as exact integers: the unit of every amount the schedule engine produces.
 *
 * Why not `Decimal` objects: a 360-installment schedule holds ~1,800 amounts, and constructing that
 * many decimal.js values alone costs ~220 µs on our machines — four times the engine's whole budget.
 * An integer count of cents is just as exact (every value stays a safe integer, ≤ 2^53 − 1, which is
 * checked), sums with plain `+`, serialises to JSON, and converts to `Decimal` or to the "1234.56"
 * wire form at the edge with the helpers below.
 */
import { Decimal } from '../../../platform/money.ts'

/** An integer number of cents. Branded so that a yuan amount or a float cannot be passed by mistake. */
export type Cents = number & { readonly __unit: 'cents' }

/** Marks a value already known to be a safe integer count of cents. */
export function asCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number of cents: ${value}`)
  return value as Cents
}

/** Converts an amount exact to the cent; throws RangeError if it has more than two decimals. */
export function toCents(amount: Decimal): Cents {
  if (amount.decimalPlaces() > 2) throw new RangeError(`not exact to the cent: ${amount.toString()}`)
  return asCents(Number(amount.times(100).toFixed(0)))
}

export function centsToDecimal(cents: Cents): Decimal {
  return new Decimal(cents).dividedBy(100)
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`))

/** The canonical wire form of an amount ("1234.56", "-0.05"), identical to `formatAmount`. */
export function formatCents(cents: Cents): string {
  const negative = cents < 0
  const abs = negative ? -cents : cents
  const yuan = Math.floor(abs / 100)
  const text = `${yuan}.${TWO_DIGITS[abs - yuan * 100]}`
  return negative ? `-${text}` : text
}
