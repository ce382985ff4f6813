import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../../platform/money.ts'
import { asCents, formatCents } from './cents.ts'
import { type PrepaymentChoice, rescheduleAfterPartialPrepayment } from './prepayment.ts'
import { generateSchedule } from './schedule.ts'
import { ScheduleTermsError } from './schedule-terms-error.ts'
import type { RepaymentMethod, ScheduleTerms } from './terms.ts'
import { installmentProblems, monthlyTerms } from './test-support.ts'

const d = (value: string | number) => new Decimal(value)

function loan(method: RepaymentMethod, overrides: Partial<ScheduleTerms> = {}) {
  const terms: ScheduleTerms = {
    principal: d('100000'),
    annualRate: d('0.049'),
    term: 12,
    termUnit: 'month',
    method,
    startDate: '2024-01-15',
    fees: { perInstallment: d('5') },
    ...overrides,
  }
  const schedule = generateSchedule(terms)
  // Three installments paid, then 30,000.00 prepaid on the third due date.
  const paid = schedule.installments[2]!
  return {
    remainingInstallments: schedule.installments.slice(3),
    remainingPrincipal: asCents(paid.remainingPrincipal - 3_000_000),
    annualRate: terms.annualRate,
    method,
  }
}

describe('rescheduleAfterPartialPrepayment', () => {
  it('reduce_installment keeps the due dates and lowers the level payment', () => {
    const before = loan('equal_installment')
    const after = rescheduleAfterPartialPrepayment({ ...before, choice: 'reduce_installment' })
    expect(after.map((row) => row.dueDate)).toEqual(before.remainingInstallments.map((row) => row.dueDate))
    expect(after[0]?.number).toBe(4)
    expect(after.reduce((total, row) => total + row.principal, 0)).toBe(before.remainingPrincipal)
    expect(formatCents(after[0]!.total)).toBe('5159.41') // 45,456.54 over 9 months: 5,154.41 + 5.00 fee
    expect(after.every((row) => row.fee === 500)).toBe(true)
  })

  it('reduce_term keeps about the same payment and finishes sooner', () => {
    const before = loan('equal_installment')
    const after = rescheduleAfterPartialPrepayment({ ...before, choice: 'reduce_term' })
    expect(after).toHaveLength(6)
    expect(after.at(-1)?.dueDate).toBe('2024-10-15')
    expect(after.reduce((total, row) => total + row.principal, 0)).toBe(before.remainingPrincipal)
    expect(after[0]!.principal + after[0]!.interest).toBeLessThanOrEqual(855_617)
  })

  it('equal principal with reduce_term keeps the monthly principal', () => {
    const before = loan('equal_principal')
    const after = rescheduleAfterPartialPrepayment({ ...before, choice: 'reduce_term' })
    expect(after.slice(0, -1).every((row) => row.principal === before.remainingInstallments[0]!.principal)).toBe(true)
    expect(after.reduce((total, row) => total + row.principal, 0)).toBe(before.remainingPrincipal)
  })

  it('interest first with reduce_installment charges interest on the lower balance', () => {
    const before = loan('interest_first')
    const after = rescheduleAfterPartialPrepayment({ ...before, choice: 'reduce_installment' })
    expect(formatCents(after[0]!.interest)).toBe('285.83')
    expect(after.at(-1)?.principal).toBe(before.remainingPrincipal)
  })

  it('prepaying everything leaves nothing to schedule', () => {
    const before = loan('equal_installment')
    expect(
      rescheduleAfterPartialPrepayment({ ...before, remainingPrincipal: asCents(0), choice: 'reduce_term' }),
    ).toEqual([])
  })

  it.each([
    ['interest_first', 'reduce_term', 'choice'],
    ['bullet', 'reduce_installment', 'method'],
  ] as const)('%s cannot %s', (method, choice, field) => {
    const before = loan('interest_first')
    const attempt = () => rescheduleAfterPartialPrepayment({ ...before, method, choice })
    expect(attempt).toThrow(ScheduleTermsError)
    expect(attempt).toThrow(expect.objectContaining({ field }))
  })

  it('refuses more principal than the remaining installments hold', () => {
    const before = loan('equal_installment')
    const attempt = () =>
      rescheduleAfterPartialPrepayment({ ...before, remainingPrincipal: asCents(100_000_00), choice: 'reduce_term' })
    expect(attempt).toThrow(expect.objectContaining({ field: 'remainingPrincipal' }))
  })
})

describe('rescheduleAfterPartialPrepayment properties', () => {
  const installmentLoans = monthlyTerms.filter(({ terms }) => terms.method !== 'bullet' && terms.term >= 2)
  const choice = fc.constantFrom<PrepaymentChoice>('reduce_term', 'reduce_installment')

  it('the new installments repay exactly the principal still owed, on the old due dates', () => {
    fc.assert(
      fc.property(
        installmentLoans,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        choice,
        (loan, share, split, choice) => {
          const { terms } = loan
          fc.pre(!(terms.method === 'interest_first' && choice === 'reduce_term'))
          const schedule = generateSchedule(terms)
          const paid = split % schedule.installments.length
          const remainingInstallments = schedule.installments.slice(paid)
          const balance = paid === 0 ? loan.principalCents : schedule.installments[paid - 1]!.remainingPrincipal
          const remainingPrincipal = asCents(Math.floor(balance * share))
          const after = rescheduleAfterPartialPrepayment({
            remainingPrincipal,
            remainingInstallments,
            choice,
            method: terms.method,
            annualRate: terms.annualRate,
            rounding: terms.rounding,
          })
          const previousDue = paid === 0 ? terms.startDate : schedule.installments[paid - 1]!.dueDate
          expect(
            installmentProblems({ installments: after, principalCents: remainingPrincipal, after: previousDue }),
          ).toEqual([])
          expect(after.map((row) => row.dueDate)).toEqual(
            remainingInstallments.slice(0, after.length).map((row) => row.dueDate),
          )
          if (remainingPrincipal > 0) expect(after[0]?.number).toBe(paid + 1)
          if (choice === 'reduce_installment' && remainingPrincipal > 0)
            expect(after).toHaveLength(remainingInstallments.length)
        },
      ),
      { numRuns: 400 },
    )
  })
})
