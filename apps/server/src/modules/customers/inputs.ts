/**
 * Meaning checks of customer input, collected so that one answer names every wrong field:
 * ID number (GB 11643 checksum, real date of birth, 18 or older), mainland mobile numbers, bank
 * cards (Luhn), amounts. Returns normalised values for storage and blind indexes.
 */
import type { IsoDate } from '../../platform/dates.ts'
import { AppError, type FieldError } from '../../platform/errors.ts'
import { isAmountString } from '../../platform/money.ts'
import { PHONE_PATTERN } from '../borrowers/otp-login.ts'
import { isValidCardNumber, normaliseCardNumber } from './domain/bank-card.ts'
import { ageOn, type IdNumberFacts, parseIdNumber } from './domain/id-number.ts'
import type { Job } from './schema.ts'

export const ADULT_AGE = 18

export class FieldErrors {
  readonly list: FieldError[] = []
  add(field: string, key: string, params?: Record<string, unknown>) {
    this.list.push({ field, key, params })
  }
  throwIfAny() {
    if (this.list.length > 0) throw new AppError('validation', { fields: this.list })
  }
}

/** `+86 138-1234-5678` → `13812345678`. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s-]+/g, '')
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '')
}

export function checkPhone(errs: FieldErrors, field: string, raw: string): string {
  const phone = normalisePhone(raw)
  if (!PHONE_PATTERN.test(phone)) errs.add(field, 'field.phone_invalid')
  return phone
}

export function checkPhones(errs: FieldErrors, field: string, primary: string, others: string[]): string[] {
  const seen = new Set([normalisePhone(primary)])
  return others.map((raw, i) => {
    const phone = checkPhone(errs, `${field}.${i}`, raw)
    if (seen.has(phone)) errs.add(`${field}.${i}`, 'customers.field.phone_duplicate')
    seen.add(phone)
    return phone
  })
}

const ID_PROBLEM_KEYS = {
  format: 'customers.field.id_format',
  birth_date: 'customers.field.id_birth_date',
  checksum: 'customers.field.id_checksum',
} as const

/** The facts of a valid adult's ID number as of `on`, or null with the problem recorded. */
export function checkIdNumber(errs: FieldErrors, field: string, raw: string, on: IsoDate): IdNumberFacts | null {
  const parsed = parseIdNumber(raw)
  if ('problem' in parsed) {
    errs.add(field, ID_PROBLEM_KEYS[parsed.problem])
    return null
  }
  const age = ageOn(parsed.birthDate, on)
  if (age < ADULT_AGE) {
    errs.add(field, 'customers.field.under_age', { age: Math.max(age, 0) })
    return null
  }
  return parsed
}

export function checkCard(errs: FieldErrors, field: string, raw: string): string {
  if (!isValidCardNumber(raw)) errs.add(field, 'customers.field.card_invalid')
  return normaliseCardNumber(raw)
}

/** Drops empty strings so that a cleared field is stored as absent, and checks the income amount. */
export function checkJob(errs: FieldErrors, field: string, job: Job | null | undefined): Job | null | undefined {
  if (!job) return job
  const cleaned = Object.fromEntries(Object.entries(job).filter(([, v]) => v !== undefined && v !== '')) as Job
  const income = cleaned.monthlyIncome
  if (income !== undefined && (!isAmountString(income) || income.startsWith('-')))
    errs.add(`${field}.monthlyIncome`, 'customers.field.amount_invalid')
  return cleaned
}
