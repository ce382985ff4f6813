import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../../platform/money.ts'
import {
  nextWarningStatus,
  ruleConfigOf,
  spreadOwners,
  underpaymentStreak,
  validateWarningParams,
  WARNING_RULE_CODES,
  WARNING_RULES,
  type WarningStatus,
} from './warnings.ts'

const p = (dueDate: string, due: string, received: string) => ({ dueDate, due, received })

describe('underpaymentStreak', () => {
  it('three months in a row below 80% of the amount due raise it, with the ratios as evidence', () => {
    const ev = underpaymentStreak(
      [
        p('2026-01-05', '1000.00', '1000.00'),
        p('2026-02-05', '1000.00', '500.00'),
        p('2026-03-05', '1000.00', '0'),
        p('2026-04-05', '1000.00', '799.99'),
      ],
      '80',
      3,
    )
    expect(ev).toEqual({
      thresholdPercent: '80',
      periods: [
        { dueDate: '2026-02-05', due: '1000.00', received: '500.00', ratioPercent: '50.00' },
        { dueDate: '2026-03-05', due: '1000.00', received: '0', ratioPercent: '0.00' },
        { dueDate: '2026-04-05', due: '1000.00', received: '799.99', ratioPercent: '80.00' },
      ],
    })
  })

  it('exactly 80% is not below 80%; fewer periods than asked never raise', () => {
    expect(underpaymentStreak([p('a', '100', '80'), p('b', '100', '0'), p('c', '100', '0')], '80', 3)).toBeNull()
    expect(underpaymentStreak([p('a', '100', '0'), p('b', '100', '0')], '80', 3)).toBeNull()
  })

  it('a period with nothing due breaks the streak', () => {
    expect(underpaymentStreak([p('a', '100', '0'), p('b', '0', '0'), p('c', '100', '0')], '80', 3)).toBeNull()
  })

  it('holds exactly when every one of the last n periods is below the threshold (decimal arithmetic)', () => {
    const cents = fc.integer({ min: 0, max: 10_000_00 }).map((c) => new Decimal(c).dividedBy(100).toFixed(2))
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 10_000_00 }).map((c) => new Decimal(c).dividedBy(100).toFixed(2)),
            cents,
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.integer({ min: 1, max: 8 }),
        (rows, n) => {
          const periods = rows.map(([due, received], i) =>
            p(`2026-${String(i + 1).padStart(2, '0')}-01`, due, received),
          )
          const expected =
            periods.length >= n &&
            periods
              .slice(-n)
              .every((x) => Math.round(Number(x.received) * 100) * 100 < Math.round(Number(x.due) * 100) * 80)
          expect(underpaymentStreak(periods, '80', n) !== null).toBe(expected)
        },
      ),
    )
  })
})

describe('warning rule settings', () => {
  it('defaults: 80% over 3 periods, 10 applications an hour, first payment 30 days late', () => {
    expect(ruleConfigOf('underpayment_streak').params).toEqual({ thresholdPercent: '80', periods: 3 })
    expect(ruleConfigOf('ip_velocity').params).toEqual({ applications: 10, windowMinutes: 60 })
    expect(ruleConfigOf('first_payment_default', { params: { days: 60 } })).toMatchObject({
      enabled: true,
      severity: 'high',
      params: { days: 60 },
    })
    for (const code of WARNING_RULE_CODES)
      expect(validateWarningParams(code, WARNING_RULES[code].defaults.params)).toEqual([])
  })

  it('refuses out-of-range values and parameters of another rule, naming the field', () => {
    expect(validateWarningParams('underpayment_streak', { thresholdPercent: '0', periods: 1 })).toEqual([
      {
        field: 'body.params.thresholdPercent',
        key: 'collections.warning_percent',
        params: { min: '0.01', max: '100' },
      },
      { field: 'body.params.periods', key: 'collections.warning_param_range', params: { min: 2, max: 24 } },
    ])
    expect(validateWarningParams('underpayment_streak', { thresholdPercent: '100.5' })).toHaveLength(1)
    expect(validateWarningParams('underpayment_streak', { thresholdPercent: '85.5' })).toEqual([])
    expect(validateWarningParams('ip_velocity', { days: 3 })).toEqual([
      { field: 'body.params.days', key: 'collections.warning_param_unknown', params: { rule: 'ip_velocity' } },
    ])
  })
})

describe('warning status machine', () => {
  it('open → acknowledged → resolved or dismissed; closed warnings accept nothing', () => {
    expect(nextWarningStatus('open', 'acknowledge')).toBe('acknowledged')
    expect(nextWarningStatus('acknowledged', 'acknowledge')).toBeNull()
    expect(nextWarningStatus('acknowledged', 'resolve')).toBe('resolved')
    expect(nextWarningStatus('open', 'dismiss')).toBe('dismissed')
    for (const closed of ['resolved', 'dismissed'] as WarningStatus[])
      for (const a of ['acknowledge', 'resolve', 'dismiss', 'reassign'] as const)
        expect(nextWarningStatus(closed, a)).toBeNull()
  })
})

describe('spreadOwners', () => {
  it('gives each new warning to the least-loaded holder in turn', () => {
    const out = spreadOwners(
      ['w1', 'w2', 'w3', 'w4'],
      [
        { id: 'a', open: 3 },
        { id: 'b', open: 0 },
      ],
    )
    expect([...out.values()]).toEqual(['b', 'b', 'b', 'a'])
    expect(spreadOwners(['w1'], []).size).toBe(0)
  })
})
