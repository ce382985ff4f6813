/**
 * Display formatting. Money arrives from the server as decimal strings ("1234567.5") and is only ever
 * re-punctuated here as text — never turned into a JS number, which would drift by cents.
 */
import dayjs from 'dayjs'

const AMOUNT_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/

/** "1234567.5" → "1,234,567.50". Text that is not a plain decimal is returned unchanged. */
export function formatMoney(amount: string | null | undefined, decimals = 2): string {
  if (amount === null || amount === undefined || amount === '') return '—'
  const match = AMOUNT_TEXT.exec(amount.trim())
  if (!match) return amount
  const [, sign = '', integer = '0', fraction = ''] = match
  const grouped = integer.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  if (decimals === 0) return sign + grouped
  // Pads or cuts the fraction as text; the server already rounded amounts to the cent.
  const cents = fraction.padEnd(decimals, '0').slice(0, Math.max(decimals, fraction.replace(/0+$/, '').length))
  return `${sign}${grouped}.${cents}`
}

/** "1234567.5" → "¥1,234,567.50". */
export function formatCurrency(amount: string | null | undefined, symbol = '¥'): string {
  const text = formatMoney(amount)
  if (text === '—') return text
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`
}

/** Integer counts (totals from list endpoints) with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Calendar dates travel as `YYYY-MM-DD` and are shown as they are. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const parsed = dayjs(value)
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : value
}

/** Instants travel as ISO datetimes and are shown in the viewer's local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const parsed = dayjs(value)
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value
}
