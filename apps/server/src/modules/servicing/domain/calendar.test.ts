import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addMonths, daysBetween } from '../../../platform/dates.ts'
import { addMonthsCivil, epochDay, formatCivil, monthlyDates, parseCivil } from './calendar.ts'
import { isoDate } from './test-support.ts'

describe('calendar', () => {
  it('monthly due dates are exactly addMonths from the first, on the anchor day', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 40 }),
        (first, anchorDay, count) => {
          const dates = monthlyDates({ first: parseCivil(first), count, anchorDay })
          expect(dates).toEqual(Array.from({ length: count }, (_, k) => addMonths(first, k, anchorDay)))
        },
      ),
    )
  })

  it('stepping months back and forth agrees with addMonths', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -30, max: 30 }), (date, months) => {
        expect(formatCivil(addMonthsCivil(parseCivil(date), months))).toBe(addMonths(date, months))
      }),
    )
  })

  it('epoch days differ by daysBetween', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (from, to) => {
        expect(epochDay(parseCivil(to)) - epochDay(parseCivil(from))).toBe(daysBetween(from, to))
      }),
    )
    expect(epochDay(parseCivil('1970-01-01'))).toBe(0)
  })

  it('clamps the anchor day to the end of short months', () => {
    expect(monthlyDates({ first: parseCivil('2023-12-31'), count: 4, anchorDay: 31 })).toEqual([
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ])
  })

  it('rejects what is not a calendar date', () => {
    expect(() => parseCivil('2023-02-29')).toThrow(RangeError)
  })
})
