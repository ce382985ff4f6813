/**
 * Shared by the property tests: fast-check generators of loan terms across the whole supported
 * range (start dates biased towards month-ends and 29 February), and the schedule invariants.
 */
import fc from 'fast-check'
import { addDays, addMonths, compareDates, type IsoDate } from '../../../platform/dates.ts'
import { Decimal, type RoundingMode } from '../../../platform/money.ts'
import type { Installment } from './installment.ts'
import type { RepaymentMethod, ScheduleTerms } from './terms.ts'

const AWKWARD_DATES = [
  '2024-02-29',
  '2028-02-29',
  '2023-02-28',
  '2024-01-31',
  '2023-01-31',
  '2024-03-31',
  '2023-04-30',
  '2024-08-31',
  '2025-12-31',
  '2024-01-30',
]

export const isoDate = fc.oneof(
  fc.constantFrom(...AWKWARD_DATES),
  fc.integer({ min: 0, max: 16_800 }).map((offset) => addDays('2000-01-01', offset)),
)

/** 0.01 … 10,000,000.00, with small amounts (where rounding dominates) well represented. */
export const principalCents = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: 1_000_000_000 }),
  fc.constantFrom(1, 5, 99, 100, 10_000_000, 100_000_000, 1_000_000_000),
)

/** 0% … 36% as a fraction with up to 6 decimals (4 of the percentage). */
export const annualRateMicros = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 360_000 }), fc.constant(360_000))

export const rounding = fc.constantFrom<RoundingMode>('half_up', 'half_even')
export const monthlyMethod = fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal', 'interest_first')

const fees = fc.record({
  upfrontBasisPoints: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })),
  perInstallment: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
})

export type GeneratedTerms = { terms: ScheduleTerms; principalCents: number; rateMicros: number }

function money(cents: number): Decimal {
  return new Decimal(cents).dividedBy(100)
}

function rate(micros: number): Decimal {
  return new Decimal(micros).dividedBy(1_000_000)
}

const firstPeriod = fc.oneof(
  fc.constant({ kind: 'regular' as const }),
  fc.record({ kind: fc.constant('anchor' as const), anchorDay: fc.integer({ min: 1, max: 31 }) }),
  fc.record({ kind: fc.constant('firstDue' as const), offsetDays: fc.integer({ min: 1, max: 62 }) }),
)

export const monthlyTerms = fc
  .record({
    cents: principalCents,
    micros: annualRateMicros,
    term: fc.oneof(fc.integer({ min: 1, max: 360 }), fc.constantFrom(1, 2, 12, 360)),
    method: fc.oneof(monthlyMethod, fc.constant<RepaymentMethod>('bullet')),
    startDate: isoDate,
    rounding,
    dayCount: fc.constantFrom(undefined, 'ACT/365' as const, 'ACT/360' as const, '30/360' as const),
    firstPeriod,
    fees,
  })
  .map(({ cents, micros, term, method, startDate, firstPeriod, fees, ...rest }): GeneratedTerms => {
    const terms: ScheduleTerms = {
      principal: money(cents),
      annualRate: rate(micros),
      term,
      termUnit: 'month',
      method,
      startDate,
      ...rest,
      fees: {
        upfront: money(Math.floor((cents * fees.upfrontBasisPoints) / 10_000)),
        perInstallment: money(fees.perInstallment),
      },
    }
    if (method !== 'bullet' && firstPeriod.kind === 'anchor') terms.anchorDay = firstPeriod.anchorDay
    if (method !== 'bullet' && firstPeriod.kind === 'firstDue') {
      const latest = addMonths(startDate, 2)
      const candidate = addDays(startDate, firstPeriod.offsetDays)
      terms.firstDueDate = compareDates(candidate, latest) > 0 ? latest : candidate
    }
    return { terms, principalCents: cents, rateMicros: micros }
  })

export const dayTerms = fc
  .record({
    cents: principalCents,
    micros: annualRateMicros,
    term: fc.integer({ min: 1, max: 365 }),
    startDate: isoDate,
    rounding,
    dayCount: fc.constantFrom(undefined, 'ACT/365' as const, 'ACT/360' as const, '30/360' as const),
    fees,
  })
  .map(
    ({ cents, micros, fees, ...rest }): GeneratedTerms => ({
      terms: {
        ...rest,
        principal: money(cents),
        annualRate: rate(micros),
        termUnit: 'day',
        method: 'bullet',
        fees: {
          upfront: money(Math.floor((cents * fees.upfrontBasisPoints) / 10_000)),
          perInstallment: money(fees.perInstallment),
        },
      },
      principalCents: cents,
      rateMicros: micros,
    }),
  )

export const anyTerms = fc.oneof({ arbitrary: monthlyTerms, weight: 3 }, { arbitrary: dayTerms, weight: 1 })

/** The same terms without fees. */
export function withoutFees(terms: ScheduleTerms): ScheduleTerms {
  return { ...terms, fees: {} }
}

type InstallmentProblemsOptions = {
  installments: readonly Installment[]
  /** the principal the installments must repay, in cents */
  principalCents: number
  /** every due date must be after this one (the start date) */
  after: IsoDate
}

/** Every broken guarantee of a run of installments, as readable lines (empty when sound). */
export function installmentProblems({ installments, principalCents, after }: InstallmentProblemsOptions): string[] {
  const problems: string[] = []
  let remaining = principalCents
  let previousDue = after
  for (const row of installments) {
    const amounts = [row.principal, row.interest, row.fee, row.total, row.remainingPrincipal]
    if (!amounts.every((amount) => Number.isSafeInteger(amount) && amount >= 0))
      problems.push(`#${row.number}: amounts`)
    if (row.total !== row.principal + row.interest + row.fee) problems.push(`#${row.number}: total`)
    if (row.dueDate <= previousDue) problems.push(`#${row.number}: due ${row.dueDate} not after ${previousDue}`)
    remaining -= row.principal
    if (row.remainingPrincipal !== remaining) problems.push(`#${row.number}: remaining principal`)
    previousDue = row.dueDate
  }
  if (remaining !== 0) problems.push(`principal repaid differs from ${principalCents} by ${remaining}`)
  return problems
}
