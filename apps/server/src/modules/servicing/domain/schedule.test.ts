import { describe, expect, it } from 'vitest'
import { Decimal } from '../../../platform/money.ts'
import { formatCents } from './cents.ts'
import { formatSchedule } from './format-schedule.ts'
import { generateSchedule } from './schedule.ts'
import { ScheduleTermsError } from './schedule-terms-error.ts'
import type { ScheduleTerms } from './terms.ts'

const d = (value: string | number) => new Decimal(value)

function monthly(overrides: Partial<ScheduleTerms> = {}): ScheduleTerms {
  return {
    principal: d('100000'),
    annualRate: d('0.049'),
    term: 12,
    termUnit: 'month',
    method: 'equal_installment',
    startDate: '2024-01-15',
    ...overrides,
  }
}

const text = (cents: number | undefined) => (cents === undefined ? undefined : formatCents(cents as never))

describe('equal installment (等额本息)', () => {
  it.each([
    // Published bank-calculator figures, checked against exact rational arithmetic.
    ['100000', '0.049', 12, '8556.17'],
    ['100000', '0.05', 12, '8560.75'],
    ['1000000', '0.049', 360, '5307.27'],
    ['1000000', '0.049', 240, '6544.44'],
    ['1000000', '0.041', 360, '4831.98'],
    ['1000000', '0.0325', 360, '4352.06'],
  ])('%s at %s over %i months pays %s a month', (principal, rate, term, payment) => {
    const schedule = generateSchedule(monthly({ principal: d(principal), annualRate: d(rate), term }))
    expect(text(schedule.levelPayment)).toBe(payment)
    expect(schedule.installments.slice(0, -1).every((row) => text(row.total) === payment)).toBe(true)
  })

  it('the last installment absorbs the rounding and clears the balance', () => {
    const schedule = generateSchedule(monthly({ startDate: '2024-01-31' }))
    const last = schedule.installments.at(-1)!
    expect([text(last.principal), text(last.interest), text(last.total)]).toEqual(['8521.32', '34.80', '8556.12'])
    expect(last.remainingPrincipal).toBe(0)
    expect(text(schedule.totals.interest)).toBe('2673.99')
  })

  it('1,000,000 at 4.9% over 30 years repays 910,615.12 of interest on the real table', () => {
    // Calculators that show payment × 360 − principal (910,617.20) ignore the last installment's rounding.
    const schedule = generateSchedule(monthly({ principal: d('1000000'), term: 360 }))
    expect(text(schedule.totals.interest)).toBe('910615.12')
    expect(text(schedule.totals.principal)).toBe('1000000.00')
  })

  it('lowers the payment by a cent when rounding up would repay the loan before its end', () => {
    // 1,000.00 at 24% over 360 months: the formula gives 20.0161… → 20.02, whose extra 0.4 fen a
    // month compounds at 2% into repaying everything in year 19. 20.01 keeps all 360 installments.
    const schedule = generateSchedule(monthly({ principal: d('1000'), annualRate: d('0.24'), term: 360 }))
    expect(text(schedule.levelPayment)).toBe('20.01')
    expect(schedule.installments.at(-2)!.remainingPrincipal).toBeGreaterThan(0)
    expect(text(schedule.installments.at(-1)!.total)).toBe('445.53')
  })

  it('due dates keep the disbursement day and clamp to short months', () => {
    const schedule = generateSchedule(monthly({ startDate: '2024-01-31', term: 4 }))
    expect(schedule.installments.map((row) => row.dueDate)).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ])
    expect(schedule.irregularFirstPeriod).toBe(false)
  })
})

describe('irregular first period', () => {
  it('a fixed repayment day after the disbursement day adds the odd days at annual/360', () => {
    const schedule = generateSchedule(monthly({ anchorDay: 20 }))
    const [first, second] = schedule.installments
    expect(schedule.irregularFirstPeriod).toBe(true)
    expect([first?.dueDate, second?.dueDate]).toEqual(['2024-02-20', '2024-03-20'])
    // 100,000 × (0.049 / 12 + 0.049 × 5 / 360) = 408.333… + 68.055… = 476.39
    expect(text(first?.interest)).toBe('476.39')
    // Its principal is a regular installment's; only the interest differs.
    expect(text(first?.principal)).toBe('8147.84')
    expect(text(second?.total)).toBe('8556.17')
  })

  it('a first due date less than a month away charges only its actual days', () => {
    const schedule = generateSchedule(monthly({ startDate: '2024-01-25', anchorDay: 5 }))
    const first = schedule.installments[0]!
    expect(first.dueDate).toBe('2024-02-05')
    // 100,000 × 0.049 × 11 / 360 = 149.72
    expect(text(first.interest)).toBe('149.72')
  })

  it('an explicit first due date gives the same schedule as the matching anchor day', () => {
    const byAnchor = generateSchedule(monthly({ anchorDay: 20 }))
    const byDate = generateSchedule(monthly({ firstDueDate: '2024-02-20' }))
    expect(byDate).toEqual(byAnchor)
  })

  it('the odd days follow the chosen day-count basis', () => {
    const schedule = generateSchedule(monthly({ anchorDay: 20, dayCount: 'ACT/365' }))
    // 408.3333… + 100,000 × 0.049 × 5 / 365 (67.1232…) = 475.4566… → 475.46
    expect(text(schedule.installments[0]?.interest)).toBe('475.46')
  })

  it('an anchor day equal to the disbursement day is a regular schedule', () => {
    expect(generateSchedule(monthly({ anchorDay: 15 })).irregularFirstPeriod).toBe(false)
  })
})

describe('other methods', () => {
  it('equal principal (等额本金): 1,000,000 at 4.9% over 360 months starts at 6,861.11 and falls by 11.34', () => {
    const schedule = generateSchedule(monthly({ principal: d('1000000'), term: 360, method: 'equal_principal' }))
    const rows = schedule.installments
    expect([text(rows[0]?.total), text(rows[1]?.total)]).toEqual(['6861.11', '6849.77'])
    expect(rows.slice(0, -1).every((row) => text(row.principal) === '2777.78')).toBe(true)
    expect(text(rows.at(-1)?.principal)).toBe('2776.98')
  })

  it('interest first (先息后本) pays the month’s interest and the principal at maturity', () => {
    const schedule = generateSchedule(monthly({ annualRate: d('0.12'), method: 'interest_first' }))
    const totals = schedule.installments.map((row) => text(row.total))
    expect(totals.slice(0, -1).every((total) => total === '1000.00')).toBe(true)
    expect(totals.at(-1)).toBe('101000.00')
  })

  it('a month-term bullet charges term × annual / 12 at maturity', () => {
    const schedule = generateSchedule(
      monthly({ principal: d('50000'), annualRate: d('0.06'), term: 6, method: 'bullet' }),
    )
    expect(schedule.installments).toHaveLength(1)
    expect(schedule.installments[0]?.dueDate).toBe('2024-07-15')
    expect(text(schedule.installments[0]?.interest)).toBe('1500.00')
  })

  it.each([
    ['ACT/365', '2024-01-31', '2024-03-01', '147.95'],
    ['ACT/360', '2024-01-31', '2024-03-01', '150.00'],
    // 30/360 counts 31 Jan → 1 Mar as 31 days
    ['30/360', '2024-01-31', '2024-03-01', '155.00'],
  ] as const)(
    'a 30-day loan of 10,000 at 18%% on %s from %s (due %s) charges %s',
    (dayCount, startDate, maturity, interest) => {
      const schedule = generateSchedule({
        principal: d('10000'),
        annualRate: d('0.18'),
        term: 30,
        termUnit: 'day',
        method: 'bullet',
        startDate,
        dayCount,
      })
      expect(schedule.maturityDate).toBe(maturity)
      expect(text(schedule.installments[0]?.interest)).toBe(interest)
    },
  )

  it('day terms default to ACT/365', () => {
    const terms = { principal: d('10000'), annualRate: d('0.18'), term: 30, termUnit: 'day', method: 'bullet' } as const
    expect(text(generateSchedule({ ...terms, startDate: '2024-01-01' }).totals.interest)).toBe('147.95')
  })
})

describe('zero rate, rounding modes and fees', () => {
  it.each(['equal_installment', 'equal_principal'] as const)('a zero-rate %s loan splits the principal', (method) => {
    const schedule = generateSchedule(monthly({ principal: d('1000'), annualRate: d(0), term: 3, method }))
    expect(schedule.installments.map((row) => text(row.total))).toEqual(['333.33', '333.33', '333.34'])
    expect(schedule.totals.interest).toBe(0)
  })

  it('half-even rounds an exact half cent to even, half-up rounds it up', () => {
    // 1.00 × 6% / 12 = 0.005 exactly
    const terms = monthly({ principal: d('1'), annualRate: d('0.06'), term: 2, method: 'interest_first' })
    expect(generateSchedule(terms).installments[0]?.interest).toBe(1)
    expect(generateSchedule({ ...terms, rounding: 'half_even' }).installments[0]?.interest).toBe(0)
  })

  it('per-installment fees are added to each installment and upfront fees reduce the disbursement', () => {
    const schedule = generateSchedule(monthly({ fees: { upfront: d('500'), perInstallment: d('10') } }))
    expect(schedule.installments.every((row) => text(row.fee) === '10.00')).toBe(true)
    expect(text(schedule.installments[1]?.total)).toBe('8566.17')
    expect(text(schedule.totals.fee)).toBe('120.00')
    expect(text(schedule.totals.upfrontFee)).toBe('500.00')
    expect(text(schedule.totals.netDisbursement)).toBe('99500.00')
    expect(text(schedule.totals.total)).toBe('102793.99')
  })

  it('formats a schedule as wire strings', () => {
    const text = formatSchedule(generateSchedule(monthly({ term: 2 })))
    expect(text.levelPayment).toBe('50306.46')
    expect(text.installments[0]).toEqual({
      number: 1,
      dueDate: '2024-02-15',
      principal: '49898.13',
      interest: '408.33',
      fee: '0.00',
      total: '50306.46',
      remainingPrincipal: '50101.87',
    })
    expect(text.totals.principal).toBe('100000.00')
  })
})

describe('invalid terms', () => {
  it.each([
    [{ principal: d('100.001') }, 'principal', 'not_cents'],
    [{ principal: d(0) }, 'principal', 'out_of_range'],
    [{ annualRate: d('-0.01') }, 'annualRate', 'out_of_range'],
    [{ term: 0 }, 'term', 'out_of_range'],
    [{ term: 1.5 }, 'term', 'out_of_range'],
    [{ termUnit: 'day', term: 30 }, 'method', 'not_allowed'],
    [{ startDate: '2023-02-29' }, 'startDate', 'invalid'],
    [{ anchorDay: 32 }, 'anchorDay', 'out_of_range'],
    [{ firstDueDate: '2024-01-15' }, 'firstDueDate', 'out_of_range'],
    [{ firstDueDate: '2024-03-16' }, 'firstDueDate', 'out_of_range'],
    [{ firstDueDate: '2024-02-10', anchorDay: 20 }, 'firstDueDate', 'invalid'],
    [{ method: 'bullet', anchorDay: 20 }, 'anchorDay', 'not_allowed'],
    [{ fees: { upfront: d('100000') } }, 'fees.upfront', 'out_of_range'],
    [{ fees: { perInstallment: d('-1') } }, 'fees.perInstallment', 'out_of_range'],
  ] as const)('%o is rejected on %s', (overrides, field, reason) => {
    const attempt = () => generateSchedule(monthly(overrides as Partial<ScheduleTerms>))
    expect(attempt).toThrow(ScheduleTermsError)
    expect(attempt).toThrow(expect.objectContaining({ field, reason }))
  })
})
