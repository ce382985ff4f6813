import { describe, expect, it } from 'vitest'
import { addDays, addMonths, daysBetween, isIsoDate } from './dates.ts'

describe('business dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-13-01')).toBe(false)
  })
  it('adds months with end-of-month clamping and keeps the anchor day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addMonths('2024-02-29', 1, 31)).toBe('2024-03-31')
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15')
  })
  it('counts days across years and zones', () => {
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
  })
})
