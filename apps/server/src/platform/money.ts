/**
 * Money and rates. Every amount and rate in Xindai is a decimal, never a JS float.
 *
 * Amounts travel as strings ("1234.56") over HTTP and as `numeric` in the database; inside the
 * code they are `Decimal` values from this module. Rounding is explicit and happens only where a
 * business rule says so (to the cent, half-up by default, half-even selectable per product).
 */
import DecimalJs from 'decimal.js'

/** A private Decimal constructor so global configuration of decimal.js elsewhere cannot leak in. */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
})
export type Decimal = InstanceType<typeof Decimal>

export type RoundingMode = 'half_up' | 'half_even'

const roundingConstants: Record<RoundingMode, DecimalJs.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
}

export const ZERO = new Decimal(0)
export const CENT = new Decimal('0.01')

/** Largest amount we accept anywhere: 10^13 (ten trillion), well inside numeric(20,2). */
export const MAX_AMOUNT = new Decimal('9999999999999.99')

/** Strict textual form of an amount: optional minus, digits, at most two decimals. No exponents. */
const AMOUNT_PATTERN = /^-?(0|[1-9]\d{0,12})(\.\d{1,2})?$/
/** Strict textual form of a rate or other decimal: digits with up to 10 decimals. */
const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,12})(\.\d{1,10})?$/

export function isAmountString(value: string): boolean {
  return AMOUNT_PATTERN.test(value)
}

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value)
}

/** Parses a money amount from its string form; throws RangeError for anything that is not exact to the cent. */
export function parseAmount(value: string): Decimal {
  if (!isAmountString(value)) throw new RangeError(`not an amount: ${value}`)
  return new Decimal(value)
}

/** Parses a decimal (rate, ratio) from its string form. */
export function parseDecimal(value: string): Decimal {
  if (!isDecimalString(value)) throw new RangeError(`not a decimal: ${value}`)
  return new Decimal(value)
}

export function dec(value: DecimalJs.Value): Decimal {
  return new Decimal(value)
}

/** Rounds to the cent with the given mode. */
export function roundCents(value: Decimal, mode: RoundingMode = 'half_up'): Decimal {
  return value.toDecimalPlaces(2, roundingConstants[mode])
}

/** Rounds to an arbitrary number of decimal places. */
export function roundTo(value: Decimal, places: number, mode: RoundingMode = 'half_up'): Decimal {
  return value.toDecimalPlaces(places, roundingConstants[mode])
}

/** The canonical string of an amount: always two decimals ("12.50"). */
export function formatAmount(value: Decimal): string {
  return value.toFixed(2)
}

/** Sums a list of decimals exactly. */
export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO
  for (const v of values) total = total.plus(v)
  return total
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b
}

/** A percentage string such as "24" or "7.2" → the fraction 0.24 / 0.072. */
export function percentToFraction(percent: Decimal): Decimal {
  return percent.dividedBy(100)
}
