/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit date of birth, 3-digit sequence (odd = male,
 * even = female) and an ISO 7064 MOD 11-2 check character. Pure functions, no I/O.
 */
import { type IsoDate, isIsoDate } from '../../../platform/dates.ts'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum'
export type IdNumberFacts = { idNumber: string; birthDate: IsoDate; sex: 'male' | 'female' }

/** Upper-cases the check character and removes spaces, so `11010119900307123x` and `…X` are one number. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

export function idNumberCheckChar(first17: string): string {
  let total = 0
  for (let i = 0; i < 17; i++) total += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[total % 11]!
}

/** The facts an ID number carries, or the first thing wrong with it. */
export function parseIdNumber(raw: string): IdNumberFacts | { problem: IdNumberProblem } {
  const id = normaliseIdNumber(raw)
  if (!/^\d{17}[\dX]$/.test(id)) return { problem: 'format' }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01') return { problem: 'birth_date' }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { problem: 'checksum' }
  return { idNumber: id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' }
}

/** Whole years from `birthDate` to `on` (a birthday on 29 February counts from 1 March in other years). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
