/** Bank card numbers (银行卡号): 12–19 digits with a Luhn check digit (UnionPay debit and credit cards). */

export function normaliseCardNumber(raw: string): string {
  return raw.replace(/[\s-]+/g, '')
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let total = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    total += d
  }
  return total % 10 === 0
}

export function isValidCardNumber(raw: string): boolean {
  const digits = normaliseCardNumber(raw)
  return /^\d{12,19}$/.test(digits) && luhnValid(digits)
}

/** Completes `prefix` with the Luhn check digit (demo data and tests). */
export function withLuhnDigit(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`
  throw new Error('unreachable')
}
