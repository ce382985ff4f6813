import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RoundingMode } from '../../../platform/money.ts'
import { generateSchedule } from './schedule.ts'
import { anyTerms, dayTerms, installmentProblems, monthlyTerms } from './test-support.ts'

const RUNS = { numRuns: 600 }

/** Exact annuity payment from first principles, independent of the engine's float fast path. */
function exactLevelPayment(cents: number, rateMicros: number, periods: number, mode: RoundingMode): number {
  const principal = BigInt(cents)
  const num = BigInt(rateMicros)
  const den = 12_000_000n
  const [dividend, divisor] =
    num === 0n
      ? [principal, BigInt(periods)]
      : [
          principal * num * (den + num) ** BigInt(periods),
          den * ((den + num) ** BigInt(periods) - den ** BigInt(periods)),
        ]
  const quotient = dividend / divisor
  const twice = (dividend % divisor) * 2n
  const up = twice > divisor || (twice === divisor && (mode === 'half_up' || quotient % 2n === 1n))
  return Number(up ? quotient + 1n : quotient)
}

describe('generateSchedule properties', () => {
  it('every schedule repays exactly the principal, in whole cents, on strictly later dates', () => {
    fc.assert(
      fc.property(anyTerms, ({ terms, principalCents }) => {
        const schedule = generateSchedule(terms)
        const { installments, startDate, totals } = schedule
        expect(installmentProblems({ installments, principalCents, after: startDate })).toEqual([])
        expect(totals.principal).toBe(principalCents)
        expect(schedule.maturityDate).toBe(installments.at(-1)?.dueDate)
        const expectedCount = terms.method === 'bullet' ? 1 : terms.term
        expect(schedule.installments).toHaveLength(expectedCount)
        expect(schedule.installments.map((row) => row.number)).toEqual(
          Array.from({ length: expectedCount }, (_, k) => k + 1),
        )
      }),
      RUNS,
    )
  })

  it('equal installments are level except the last and an irregular first', () => {
    const equalInstallment = monthlyTerms.filter(({ terms }) => terms.method === 'equal_installment')
    fc.assert(
      fc.property(equalInstallment, ({ terms, principalCents, rateMicros }) => {
        const schedule = generateSchedule(terms)
        const level = schedule.levelPayment!
        const rows = schedule.installments
        const unlevel = rows
          .slice(schedule.irregularFirstPeriod ? 1 : 0, -1)
          .filter((row) => row.principal + row.interest !== level)
        expect(unlevel).toEqual([])
        // The annuity formula rounded, or one cent less where rounding up would repay the loan early.
        const exact = exactLevelPayment(principalCents, rateMicros, terms.term, terms.rounding ?? 'half_up')
        expect([exact, exact - 1]).toContain(level)
      }),
      RUNS,
    )
  })

  it('a regular equal-installment payment is exactly the rounded annuity for ordinary loans', () => {
    const ordinary = monthlyTerms.filter(
      ({ terms, principalCents }) =>
        terms.method === 'equal_installment' && principalCents >= 100_000 && terms.term <= 120,
    )
    fc.assert(
      fc.property(ordinary, ({ terms, principalCents, rateMicros }) => {
        const exact = exactLevelPayment(principalCents, rateMicros, terms.term, terms.rounding ?? 'half_up')
        expect(generateSchedule(terms).levelPayment).toBe(exact)
      }),
      RUNS,
    )
  })

  it('day-term loans are one installment at start + term days', () => {
    fc.assert(
      fc.property(dayTerms, ({ terms, principalCents }) => {
        const schedule = generateSchedule(terms)
        expect(schedule.installments).toHaveLength(1)
        expect(schedule.installments[0]?.principal).toBe(principalCents)
        const days = (Date.parse(schedule.maturityDate) - Date.parse(terms.startDate)) / 86_400_000
        expect(days).toBe(terms.term)
      }),
      RUNS,
    )
  })
})
