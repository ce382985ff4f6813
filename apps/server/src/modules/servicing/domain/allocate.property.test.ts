import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accruedInterest } from './accrual.ts'
import { allocateRepayment, COMPONENTS, type Component, type InstallmentBalance } from './allocate.ts'

const cents = fc.integer({ min: 0, max: 5_000_000_00 })
const installment = (number: number) =>
  fc.record({ penalty: cents, fee: cents, interest: cents, principal: cents }).map((c) => ({ number, ...c }))
const schedule = fc
  .integer({ min: 0, max: 24 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => installment(i + 1))))
const order = fc.shuffledSubarray([...COMPONENTS], { minLength: 4, maxLength: 4 }) as fc.Arbitrary<Component[]>
const owedOf = (rows: InstallmentBalance[]) =>
  rows.reduce((t, r) => t + r.penalty + r.fee + r.interest + r.principal, 0)

describe('allocateRepayment', () => {
  it('the allocations and the credit sum to the amount, and no component is over-paid', () => {
    fc.assert(
      fc.property(schedule, order, fc.integer({ min: 0, max: 200_000_000_00 }), (rows, o, amount) => {
        const a = allocateRepayment({ amount, installments: rows, order: o })
        const allocated = owedOf(a.installments)
        expect(allocated + a.credit).toBe(amount)
        for (const paid of a.installments) {
          const owed = rows.find((r) => r.number === paid.number)!
          for (const c of COMPONENTS) expect(paid[c]).toBeLessThanOrEqual(owed[c])
        }
        const owedTotal = owedOf(rows)
        expect(a.credit).toBe(Math.max(0, amount - owedTotal))
      }),
    )
  })

  it('pays an older installment in full before a newer one gets anything', () => {
    fc.assert(
      fc.property(schedule, order, fc.integer({ min: 0, max: 100_000_000_00 }), (rows, o, amount) => {
        const a = allocateRepayment({ amount, installments: rows, order: o })
        a.installments.slice(0, -1).forEach((paid) => {
          const owed = rows.find((r) => r.number === paid.number)!
          expect(owedOf([paid])).toBe(owedOf([owed]))
        })
      }),
    )
  })

  it('follows the component order inside an installment', () => {
    const rows = [{ number: 1, penalty: 100, fee: 200, interest: 300, principal: 1000 }]
    expect(allocateRepayment({ amount: 250, installments: rows }).installments[0]).toEqual({
      number: 1,
      penalty: 100,
      fee: 150,
      interest: 0,
      principal: 0,
    })
    const p = allocateRepayment({ amount: 250, installments: rows, order: ['principal', 'interest', 'fee', 'penalty'] })
    expect(p.totals.principal).toBe(250)
  })

  it('an overpayment becomes credit balance', () => {
    const a = allocateRepayment({
      amount: 2000,
      installments: [{ number: 1, penalty: 0, fee: 0, interest: 10, principal: 990 }],
    })
    expect(a.credit).toBe(1000)
  })

  it('refuses fractional cents and unknown orders', () => {
    expect(() => allocateRepayment({ amount: 1.5, installments: [] })).toThrow(RangeError)
    expect(() =>
      allocateRepayment({ amount: 1, installments: [], order: ['fee', 'fee', 'interest', 'principal'] }),
    ).toThrow()
  })
})

describe('accruedInterest', () => {
  it('is pro rata by days and never exceeds the period interest', () => {
    expect(
      accruedInterest({ interest: 40833, periodStart: '2026-01-15', periodEnd: '2026-02-15', asOf: '2026-01-30' }),
    ).toBe(19758)
    fc.assert(
      fc.property(cents, fc.integer({ min: -5, max: 40 }), (interest, day) => {
        const asOf = new Date(Date.UTC(2026, 0, 15 + day)).toISOString().slice(0, 10)
        const v = accruedInterest({ interest, periodStart: '2026-01-15', periodEnd: '2026-02-15', asOf })
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(interest)
      }),
    )
  })
})
