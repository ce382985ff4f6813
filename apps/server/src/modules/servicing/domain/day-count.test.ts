import { describe, expect, it } from 'vitest'
import { countDays, yearFraction } from './day-count.ts'

describe('day-count bases', () => {
  it('ACT/365 counts actual days over a fixed 365, leap years included', () => {
    expect(countDays({ from: '2024-01-01', to: '2025-01-01', basis: 'ACT/365' })).toEqual({ days: 366, yearDays: 365 })
    expect(yearFraction({ from: '2023-01-01', to: '2024-01-01', basis: 'ACT/365' }).toString()).toBe('1')
  })

  it('ACT/360 counts actual days over 360', () => {
    expect(yearFraction({ from: '2024-01-01', to: '2024-03-01', basis: 'ACT/360' }).toString()).toBe(
      '0.1666666666666666666666666666666666666667',
    )
    expect(countDays({ from: '2024-01-01', to: '2024-03-01', basis: 'ACT/360' }).days).toBe(60)
  })

  it.each([
    ['2024-01-15', '2024-07-15', 180],
    ['2024-01-31', '2024-03-01', 31],
    ['2024-01-30', '2024-03-31', 60],
    ['2024-01-31', '2024-03-31', 60],
    // ISDA bond basis has no end-of-February rule (the US variant would count 30)
    ['2023-02-28', '2023-03-31', 33],
    ['2023-03-31', '2023-04-30', 30],
    ['2023-01-01', '2024-01-01', 360],
  ])('30/360 (ISDA bond basis) counts %s → %s as %i days', (from, to, days) => {
    expect(countDays({ from, to, basis: '30/360' })).toEqual({ days, yearDays: 360 })
  })
})
