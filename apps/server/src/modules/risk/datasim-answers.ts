/**
 * The deterministic answers of the simulated data provider (`xindai datasim`): the same input
 * always gives the same answer, so demos and tests are repeatable. Values are derived from a hash of
 * the identifying fields; the distributions are plausible, not real.
 */
import { createHash } from 'node:crypto'
import { ORIGINATION_CHECK_ENDPOINTS } from '../origination/check-answers.ts'

type Params = Record<string, string | undefined>

/** 0 ≤ n < 2^32 from the text, independent per `salt`. */
function hashOf(text: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${text}`).digest().readUInt32BE(0)
}

const fraction = (text: string, salt: string) => hashOf(text, salt) / 2 ** 32

/** Credit bureau (征信): score 450–850 (5 % no file → null), inquiries in 3 months, lenders borrowed from. */
export function bureauAnswer(p: Params) {
  const key = p.id_number ?? p.phone ?? ''
  if (fraction(key, 'file') < 0.05) return { score: null, inquiries_3m: 0, multi_lender_count: 0 }
  const score = Math.round(450 + 400 * ((fraction(key, 'score') + fraction(key, 'score2')) / 2))
  const inquiries = Math.floor(fraction(key, 'inq') ** 2 * 14)
  const lenders = Math.floor(fraction(key, 'lenders') ** 3 * 8)
  return { score, inquiries_3m: inquiries, multi_lender_count: lenders }
}

/** Blacklist (黑名单): about 3 % of ID numbers are listed; ID numbers ending in "X" never are. */
export function blacklistAnswer(p: Params) {
  const key = p.id_number ?? p.phone ?? ''
  const hit = !key.endsWith('X') && fraction(key, 'black') < 0.03
  return { hit, reason: hit ? 'fraud_confirmed' : null }
}

/** Telecom operator check (运营商三要素): name/ID/phone match and months in service. */
export function telecomAnswer(p: Params) {
  const key = `${p.phone ?? ''}|${p.id_number ?? ''}`
  return {
    name_match: fraction(key, 'name') >= 0.04,
    id_match: fraction(key, 'id') >= 0.03,
    phone_match: true,
    tenure_months: Math.floor(fraction(key, 'tenure') * 120),
  }
}

export const PROVINCES = [
  '北京市',
  '上海市',
  '广东省',
  '浙江省',
  '江苏省',
  '四川省',
  '湖北省',
  '山东省',
  '河南省',
  '福建省',
  '湖南省',
  '陕西省',
] as const

/** IP → province: a fixed table by the first octet, then a hash for the rest (deterministic). */
export function provinceOfIp(ip: string): string | null {
  const first = Number(ip.split('.')[0])
  if (!Number.isInteger(first) || first <= 0 || first > 255 || ip.includes(':')) return null
  if (first === 10 || first === 127 || first === 192) return null
  return PROVINCES[hashOf(ip.split('.').slice(0, 2).join('.'), 'geo') % PROVINCES.length] ?? null
}

/** An IP address located in the province (for demos and tests), or null when none is found. */
export function ipInProvince(province: string, seed = 0): string | null {
  for (let a = 36 + (seed % 50); a < 250; a++)
    for (let b = 0; b < 256; b++) {
      const ip = `${a}.${b}.${seed % 250}.${1 + (seed % 200)}`
      if (provinceOfIp(ip) === province) return ip
    }
  return null
}

export function geoAnswer(p: Params) {
  return { province: p.ip ? provinceOfIp(p.ip) : null }
}

export const DATASIM_ENDPOINTS: Record<string, (p: Params) => unknown> = {
  '/bureau': bureauAnswer,
  '/blacklist': blacklistAnswer,
  '/telecom': telecomAnswer,
  '/geo': geoAnswer,
  // verification endpoints of origination's automatic checks (ID, bank card, OCR)
  ...ORIGINATION_CHECK_ENDPOINTS,
}
