/**
 * Exact rational rates and the one rounding operation the engine needs: cents × rate → cents.
 *
 * A rate such as 4.9% a year is 49/1000; a month of it is 49/12000, which no decimal can hold
 * exactly. Keeping rates as reduced fractions makes every interest figure the exact value rounded
 * once, so results never depend on a working precision.
 */
import type { Decimal, RoundingMode } from '../../../platform/money.ts'

export type Rate = {
  readonly num: bigint
  readonly den: bigint
  /** `num`/`den` as numbers when both are safe integers (enables the fast path), otherwise 0. */
  readonly numN: number
  readonly denN: number
}

/** Products below 2^52 and denominators below 2^52 keep every intermediate of the fast path exact. */
const FAST_PRODUCT_LIMIT = 2 ** 52
const FAST_DEN_LIMIT = 2n ** 52n

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

export function makeRate(num: bigint, den: bigint): Rate {
  if (den <= 0n || num < 0n) throw new RangeError('a rate is a non-negative fraction with a positive denominator')
  const g = gcd(num, den)
  const n = num / g
  const d = den / g
  const safe = n <= BigInt(Number.MAX_SAFE_INTEGER) && d <= FAST_DEN_LIMIT
  return { num: n, den: d, numN: safe ? Number(n) : 0, denN: safe ? Number(d) : 0 }
}

/** The exact fraction of a non-negative decimal (0.049 → 49/1000). */
export function rateFromDecimal(value: Decimal): Rate {
  const places = value.decimalPlaces()
  const digits = value.toFixed(places).replace('.', '')
  return makeRate(BigInt(digits), 10n ** BigInt(places))
}

/** rate × mul / div, still exact (e.g. the monthly rate is the annual rate × 1 / 12). */
export function scaleRate(rate: Rate, { mul, div }: { mul: bigint; div: bigint }): Rate {
  return makeRate(rate.num * mul, rate.den * div)
}

/** round(num / den) for non-negative integers, in the given mode. */
export function roundDivBig(num: bigint, den: bigint, mode: RoundingMode): bigint {
  const q = num / den
  const twice = (num - q * den) * 2n
  if (twice > den) return q + 1n
  if (twice < den) return q
  return mode === 'half_up' || q % 2n === 1n ? q + 1n : q
}

/**
 * round(cents × rate) exactly. Interest on ordinary balances fits in a double's 53-bit integer range,
 * so it is computed with plain integer arithmetic there (the benchmark's hot loop); anything larger
 * goes through BigInt. Both paths give the same exact result.
 */
export function mulRound(cents: number, rate: Rate, mode: RoundingMode): number {
  const product = cents * rate.numN
  const den = rate.denN
  if (den === 0 || product >= FAST_PRODUCT_LIMIT) return mulRoundBig(cents, rate, mode)
  let q = Math.floor(product / den)
  let rem = product - q * den
  // The float quotient may be off by one next to an integer; the remainder tells us which way.
  if (rem < 0) {
    q -= 1
    rem += den
  } else if (rem >= den) {
    q += 1
    rem -= den
  }
  const twice = rem * 2
  if (twice > den) return q + 1
  if (twice < den) return q
  return mode === 'half_up' || q % 2 === 1 ? q + 1 : q
}

function mulRoundBig(cents: number, rate: Rate, mode: RoundingMode): number {
  return Number(roundDivBig(BigInt(cents) * rate.num, rate.den, mode))
}
