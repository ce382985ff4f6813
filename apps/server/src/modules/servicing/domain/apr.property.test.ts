import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AprTimeBasis, computeScheduleApr } from './apr.ts'
import { epochDay, parseCivil } from './calendar.ts'
import type { Schedule } from './installment.ts'
import { generateSchedule } from './schedule.ts'
import { anyTerms, type GeneratedTerms, withoutFees } from './test-support.ts'

const RUNS = { numRuns: 250 }
const days = (from: string, to: string) => epochDay(parseCivil(to)) - epochDay(parseCivil(from))

/**
 * The APR a fee-free regular schedule must have, as a [low, high] range. The nominal rate is exact
 * only if every month were 365/12 days; each due date sits at ρ_k × k periods with ρ_k between
 * ρmin and ρmax, which bounds the rate per period between (1 + r)^(1/ρmax) − 1 and (1 + r)^(1/ρmin) − 1.
 * Rounding each month's interest to the cent moves it by at most half a cent a month, which shifts
 * the rate per period by at most n × 0.5 / (principal × duration). On calendar months ρ is 1.
 */
function expectedAprRange(
  schedule: Schedule,
  { principalCents, rateMicros, terms }: GeneratedTerms,
  timeBasis: AprTimeBasis = 'actual_days',
): [number, number] {
  const annual = rateMicros / 1_000_000
  const rows = schedule.installments
  if (terms.method === 'bullet') {
    const actual = days(terms.startDate, schedule.maturityDate)
    const yearFraction = bulletYearFraction(terms, schedule.maturityDate, actual)
    const centre = (annual * yearFraction * 365) / actual
    const slack = (0.5 / principalCents) * (365 / actual) + 1e-6
    return [centre - slack, centre + slack]
  }
  const monthly = annual / 12
  // On calendar months every due date of a regular schedule is exactly k periods away.
  const ratios = rows.map((row, k) =>
    timeBasis === 'calendar_months' ? 1 : (12 * days(terms.startDate, row.dueDate)) / 365 / (k + 1),
  )
  const low = 12 * ((1 + monthly) ** (1 / Math.max(...ratios)) - 1)
  const high = 12 * ((1 + monthly) ** (1 / Math.min(...ratios)) - 1)
  let weighted = 0
  let value = 0
  rows.forEach((row, k) => {
    const discounted = row.total / (1 + monthly) ** (k + 1)
    weighted += (k + 1) * discounted
    value += discounted
  })
  const duration = value > 0 ? weighted / value : 1
  const slack = (12 * 0.5 * rows.length) / (principalCents * duration) + 2e-6
  return [low - slack, high + slack]
}

function bulletYearFraction(terms: GeneratedTerms['terms'], maturity: string, actual: number): number {
  if (terms.termUnit === 'month') return terms.term / 12
  if (terms.dayCount === 'ACT/360') return actual / 360
  if (terms.dayCount === '30/360') return thirty360(terms.startDate, maturity) / 360
  return actual / 365
}

function thirty360(from: string, to: string): number {
  const a = parseCivil(from)
  const b = parseCivil(to)
  const d1 = Math.min(a.day, 30)
  const d2 = b.day === 31 && d1 === 30 ? 30 : b.day
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + d2 - d1
}

describe('APR properties', () => {
  it('fees never lower the APR', () => {
    fc.assert(
      fc.property(anyTerms, ({ terms }) => {
        const withFees = computeScheduleApr({ schedule: generateSchedule(terms) })
        const plain = computeScheduleApr({ schedule: generateSchedule(withoutFees(terms)) })
        expect(withFees.greaterThanOrEqualTo(plain.minus('0.000001'))).toBe(true)
      }),
      RUNS,
    )
  })

  it('on calendar months a regular monthly schedule without fees shows its nominal rate, up to the cent', () => {
    const regular = anyTerms.filter(
      ({ terms, principalCents }) =>
        principalCents >= 1_000_000 &&
        terms.method !== 'bullet' &&
        terms.anchorDay === undefined &&
        terms.firstDueDate === undefined,
    )
    fc.assert(
      fc.property(regular, (generated) => {
        const schedule = generateSchedule(withoutFees(generated.terms))
        const apr = computeScheduleApr({ schedule, timeBasis: 'calendar_months' }).toNumber()
        const [low, high] = expectedAprRange(schedule, generated, 'calendar_months')
        expect(apr).toBeGreaterThanOrEqual(low)
        expect(apr).toBeLessThanOrEqual(high)
      }),
      RUNS,
    )
  })

  it('a regular schedule has an APR at its nominal rate without fees and above it with fees', () => {
    const regular = anyTerms.filter(
      ({ terms, principalCents }) =>
        principalCents >= 1_000_000 && terms.anchorDay === undefined && terms.firstDueDate === undefined,
    )
    fc.assert(
      fc.property(regular, (generated) => {
        const schedule = generateSchedule(withoutFees(generated.terms))
        const apr = computeScheduleApr({ schedule }).toNumber()
        const [low, high] = expectedAprRange(schedule, generated)
        expect(apr).toBeGreaterThanOrEqual(low)
        expect(apr).toBeLessThanOrEqual(high)
        // "APR ≥ nominal rate − ε with fees", ε being the calendar and cent allowance above.
        expect(computeScheduleApr({ schedule: generateSchedule(generated.terms) }).toNumber()).toBeGreaterThanOrEqual(
          low,
        )
      }),
      RUNS,
    )
  })
})
