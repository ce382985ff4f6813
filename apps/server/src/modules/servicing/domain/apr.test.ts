import { describe, expect, it } from 'vitest'
import { Decimal, roundTo } from '../../../platform/money.ts'
import { checkAprCap, computeApr, computeScheduleApr } from './apr.ts'
import { asCents } from './cents.ts'
import { generateSchedule } from './schedule.ts'
import type { ScheduleTerms } from './terms.ts'

const d = (value: string | number) => new Decimal(value)

const thirtyDayLoan: ScheduleTerms = {
  principal: d('10000'),
  annualRate: d('0.18'),
  term: 30,
  termUnit: 'day',
  method: 'bullet',
  startDate: '2024-01-31',
}

describe('computeScheduleApr', () => {
  it('a day-term bullet is quoted at its simple annualised rate', () => {
    // 147.95 of interest on 10,000 for 30 days: 147.95 / 10,000 × 365 / 30 = 0.1800058…
    expect(computeScheduleApr({ schedule: generateSchedule(thirtyDayLoan) }).toString()).toBe('0.180006')
  })

  it('an upfront fee is withheld from the disbursement and raises the APR', () => {
    const schedule = generateSchedule({ ...thirtyDayLoan, fees: { upfront: d('100') } })
    const expected = roundTo(d('10147.95').dividedBy(9900).minus(1).times(365).dividedBy(30), 6)
    expect(computeScheduleApr({ schedule }).toString()).toBe(expected.toString())
    expect(expected.toString()).toBe('0.30472')
  })

  describe('a regular monthly schedule without fees', () => {
    const schedule = generateSchedule({
      principal: d('100000'),
      annualRate: d('0.049'),
      term: 12,
      termUnit: 'month',
      method: 'equal_installment',
      startDate: '2023-01-15',
    })

    it('shows its nominal rate moved slightly by the calendar on actual days', () => {
      // The first payment comes after 31 days, the second after 59 (< 2 × 365/12): early money.
      expect(computeScheduleApr({ schedule }).toString()).toBe('0.0492')
    })

    it('shows exactly its nominal rate on calendar months', () => {
      expect(computeScheduleApr({ schedule, timeBasis: 'calendar_months' }).toString()).toBe('0.049')
    })
  })

  it('fees on a monthly schedule are part of the APR', () => {
    const terms: ScheduleTerms = {
      principal: d('10000'),
      annualRate: d('0.12'),
      term: 12,
      termUnit: 'month',
      method: 'equal_installment',
      startDate: '2023-03-10',
    }
    const plain = computeScheduleApr({ schedule: generateSchedule(terms) })
    const withFees = computeScheduleApr({
      schedule: generateSchedule({ ...terms, fees: { upfront: d('200'), perInstallment: d('20') } }),
    })
    expect(withFees.greaterThan(plain.plus('0.07'))).toBe(true)
  })

  it('a zero-rate loan without fees has an APR of exactly 0', () => {
    const schedule = generateSchedule({ ...thirtyDayLoan, annualRate: d(0) })
    expect(computeScheduleApr({ schedule }).toString()).toBe('0')
  })

  it('is the same figure every time', () => {
    const terms: ScheduleTerms = {
      principal: d('1000000'),
      annualRate: d('0.049'),
      term: 360,
      termUnit: 'month',
      method: 'equal_installment',
      startDate: '2024-02-29',
      fees: { upfront: d('3000') },
    }
    const first = computeScheduleApr({ schedule: generateSchedule(terms) }).toString()
    expect(computeScheduleApr({ schedule: generateSchedule(terms) }).toString()).toBe(first)
  })
})

describe('computeApr', () => {
  it('annualises the rate per period with 365 days', () => {
    const cashFlows = [
      { date: '2024-01-01', amount: asCents(-100_000) },
      { date: '2025-01-01', amount: asCents(110_000) },
    ]
    // One 366-day period returning 10%: 0.1 × 365 / 366
    expect(computeApr({ cashFlows, periodDays: 366 }).toString()).toBe('0.099727')
  })

  it('counts calendar months as 365/12 days and leftover days as days', () => {
    const cashFlows = [
      { date: '2024-01-31', amount: asCents(-100_000) },
      { date: '2024-02-29', amount: asCents(101_000) },
    ]
    // One calendar month returning 1%: 12% a year; on actual days the 29 days are 0.95 of a period.
    expect(computeApr({ cashFlows, timeBasis: 'calendar_months' }).toString()).toBe('0.12')
    expect(computeApr({ cashFlows }).toString()).toBe('0.125893')
  })
})

describe('checkAprCap', () => {
  it('a loan exactly at the cap is within it', () => {
    expect(checkAprCap({ apr: d('0.24'), cap: d('0.24') })).toMatchObject({ withinCap: true })
  })

  it('reports how far an APR is above the cap', () => {
    const check = checkAprCap({ apr: d('0.304720'), cap: d('0.24') })
    expect(check.withinCap).toBe(false)
    expect(check.excess.toString()).toBe('0.06472')
  })

  it('reports no excess below the cap', () => {
    expect(checkAprCap({ apr: d('0.18'), cap: d('0.36') }).excess.isZero()).toBe(true)
  })
})
