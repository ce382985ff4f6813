import { describe, expect, it } from 'vitest'
import { formatCount, formatCurrency, formatDate, formatMoney } from './format'

describe('formatMoney', () => {
  it('groups thousands and shows cents, from the text alone', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50')
    expect(formatMoney('0')).toBe('0.00')
    expect(formatMoney('-1000')).toBe('-1,000.00')
    expect(formatMoney('9999999999999.99')).toBe('9,999,999,999,999.99')
  })

  it('never loses digits a float would drop', () => {
    expect(formatMoney('90071992547409.93')).toBe('90,071,992,547,409.93')
    expect(formatMoney('0.1')).toBe('0.10')
  })

  it('keeps significant digits beyond the cent (rates, unit prices)', () => {
    expect(formatMoney('1.005')).toBe('1.005')
    expect(formatMoney('1.500')).toBe('1.50')
  })

  it('leaves what is not a plain decimal untouched and shows a dash for nothing', () => {
    expect(formatMoney('abc')).toBe('abc')
    expect(formatMoney(null)).toBe('—')
    expect(formatMoney('')).toBe('—')
  })

  it('puts the currency sign after the minus', () => {
    expect(formatCurrency('-12.3')).toBe('-¥12.30')
    expect(formatCurrency('12')).toBe('¥12.00')
  })
})

describe('dates and counts', () => {
  it('shows calendar dates as they travel', () => {
    expect(formatDate('2026-09-01')).toBe('2026-09-01')
    expect(formatDate(null)).toBe('—')
  })

  it('groups counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(0)).toBe('0')
  })
})
