/**
 * Turning request strings into exact values, with field errors in the caller's language. Amounts
 * arrive as strings ("1234.56"); anything else — numbers, exponents, fractions of a cent, values
 * above the platform maximum — is a 400 naming the field, never a 500.
 */
import { isIsoDate } from '../../platform/dates.ts'
import { fieldError } from '../../platform/errors.ts'
import {
  type Decimal,
  isAmountString,
  isDecimalString,
  MAX_AMOUNT,
  parseAmount,
  parseDecimal,
} from '../../platform/money.ts'
import { ScheduleTermsError } from './domain/index.ts'

/** A positive amount exact to the cent. */
export function amountOf(value: string, field: string): Decimal {
  if (!isAmountString(value)) throw fieldError(field, 'servicing.field.amount')
  const amount = parseAmount(value)
  if (amount.lessThanOrEqualTo(0) || amount.greaterThan(MAX_AMOUNT)) throw fieldError(field, 'servicing.field.amount')
  return amount
}

/** An amount ≥ 0 exact to the cent (fees). */
export function amountOrZeroOf(value: string, field: string): Decimal {
  if (!isAmountString(value)) throw fieldError(field, 'servicing.field.amount_or_zero')
  const amount = parseAmount(value)
  if (amount.isNegative() || amount.greaterThan(MAX_AMOUNT)) throw fieldError(field, 'servicing.field.amount_or_zero')
  return amount
}

/** A percentage string ("7.2") → the fraction 0.072; 0–1000 %. */
export function percentOf(value: string, field: string): Decimal {
  if (!isDecimalString(value)) throw fieldError(field, 'servicing.field.rate')
  const pct = parseDecimal(value)
  if (pct.isNegative() || pct.greaterThan(1000) || pct.decimalPlaces() > 8)
    throw fieldError(field, 'servicing.field.rate')
  return pct.dividedBy(100)
}

export function dateOf(value: string, field: string): string {
  if (!isIsoDate(value)) throw fieldError(field, 'servicing.field.date')
  return value
}

/** The schedule engine's refusal, as a 400 on the request field it names. */
export function scheduleFieldError(err: ScheduleTermsError, fieldMap: Record<string, string> = {}) {
  const field = fieldMap[err.field] ?? `body.${err.field}`
  return fieldError(field, `servicing.schedule.${err.reason}`)
}

export async function withScheduleErrors<T>(fn: () => T | Promise<T>, fieldMap?: Record<string, string>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ScheduleTermsError) throw scheduleFieldError(err, fieldMap)
    throw err
  }
}
