import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planAssignment } from './assign.ts'
import { checkContact, DEFAULT_COMPLIANCE, localDateTime, withinHours } from './compliance.ts'
import { DEFAULT_MONTHLY_SET, DEFAULT_SHORT_SET, type StageDef, stageOf, validateStageSet } from './stages.ts'
import { collectionRate } from './statistics.ts'

const st = (code: string, fromDay: number, toDay: number | null): StageDef => ({
  code,
  fromDay,
  toDay,
  position: 'collector_s1',
  opensCases: true,
})

describe('validateStageSet', () => {
  it('accepts the default sets', () => {
    expect(validateStageSet(DEFAULT_SHORT_SET)).toEqual([])
    expect(validateStageSet(DEFAULT_MONTHLY_SET)).toEqual([])
  })
  it('names a gap with the two ranges and the missing days', () => {
    const p = validateStageSet([st('S1', 1, 7), st('S2', 9, 15), st('S3', 16, null)])
    expect(p).toEqual([
      {
        field: 'body.stages.1.fromDay',
        key: 'collections.stage_gap',
        params: { previous: 'S1 (1–7)', range: 'S2 (9–15)', from: 8, to: 8 },
      },
    ])
  })
  it('names an overlap, an unordered set, a closed last stage, duplicates', () => {
    expect(validateStageSet([st('S1', 1, 8), st('S2', 8, null)])[0]!.key).toBe('collections.stage_overlap')
    expect(validateStageSet([st('S1', 5, 8), st('S2', 1, null)]).map((p) => p.key)).toContain('collections.stage_order')
    expect(validateStageSet([st('S1', 1, 8), st('S2', 9, 20)]).map((p) => p.key)).toEqual([
      'collections.stage_last_open',
    ])
    expect(validateStageSet([st('S1', 1, 8), st('S1', 9, null)]).map((p) => p.key)).toEqual([
      'collections.stage_code_duplicate',
    ])
    expect(validateStageSet([st('S1', 2, null)]).map((p) => p.key)).toEqual(['collections.stage_day_one'])
    expect(validateStageSet([])[0]!.key).toBe('collections.stage_empty')
  })
  it('every day from the first stage on falls in exactly one stage of a valid set', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }), (widths) => {
        const stages: StageDef[] = []
        let from = -2
        widths.forEach((w, i) => {
          const last = i === widths.length - 1
          stages.push(st(`S${i}`, from, last ? null : from + w - 1))
          from += w
        })
        expect(validateStageSet(stages)).toEqual([])
        for (let d = -2; d < 200; d++)
          expect(stages.filter((s) => d >= s.fromDay && (s.toDay === null || d <= s.toDay)).length).toBe(1)
        expect(stageOf(stages, 500)?.code).toBe(stages.at(-1)!.code)
      }),
    )
  })
})

describe('planAssignment', () => {
  const c = (userId: string, load = 0, cap: number | null = null, paused = false) => ({ userId, load, cap, paused })
  it('round-robin from the cursor, skipping paused and full collectors', () => {
    const plan = planAssignment(
      ['a', 'b', 'c', 'd'],
      [c('u1'), c('u2', 0, null, true), c('u3', 1, 2)],
      'round_robin',
      null,
    )
    expect(plan.assignments.map((x) => x.userId)).toEqual(['u1', 'u3', 'u1', 'u1'])
  })
  it('by load evens out and respects the pool cap', () => {
    const plan = planAssignment(['a', 'b', 'c', 'd', 'e'], [c('u1', 3), c('u2', 0)], 'by_load', 4)
    expect(plan.assignments.map((x) => x.userId)).toEqual(['u2', 'u2', 'u2', 'u1', 'u2'])
  })
  it('never exceeds a cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 }), (n, cap) => {
        const ids = Array.from({ length: n }, (_, i) => `c${i}`)
        const plan = planAssignment(ids, [c('u1'), c('u2')], 'round_robin', cap)
        expect(plan.assignments.length).toBe(Math.min(n, cap * 2))
      }),
    )
  })
})

describe('compliance', () => {
  const base = {
    channel: 'call' as const,
    contact: 'borrower' as const,
    localTime: '10:00',
    unansweredToday: 0,
    borrowerUnreachable: false,
    debtDisclosed: false,
    flagged: null,
  }
  it('refuses outside hours, over the cap, third parties while the borrower is reachable', () => {
    expect(checkContact(DEFAULT_COMPLIANCE, base)).toBeNull()
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, localTime: '23:00' })!.key).toBe('collections.rule_hours')
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, localTime: '22:00' })!.key).toBe('collections.rule_hours')
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, localTime: '23:00', channel: 'letter' })).toBeNull()
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, unansweredToday: 6 })!.key).toBe('collections.rule_attempt_cap')
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, contact: 'emergency_contact' })!.key).toBe(
      'collections.rule_third_party_reachable',
    )
    expect(
      checkContact(DEFAULT_COMPLIANCE, { ...base, contact: 'other', borrowerUnreachable: true, debtDisclosed: true })!
        .key,
    ).toBe('collections.rule_third_party_disclosure')
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, contact: 'other', borrowerUnreachable: true })).toBeNull()
    expect(checkContact(DEFAULT_COMPLIANCE, { ...base, flagged: 'stop_requested' })!.key).toBe(
      'collections.rule_stop_requested',
    )
  })
  it('hours across midnight and local time in a zone', () => {
    expect(withinHours('23:30', '22:00', '06:00')).toBe(true)
    expect(withinHours('07:00', '22:00', '06:00')).toBe(false)
    expect(localDateTime(new Date('2026-09-01T15:00:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-09-01',
      time: '23:00',
    })
  })
})

describe('collectionRate', () => {
  it('finished / (in collection + finished)', () => {
    expect(collectionRate({ finished: 1, inCollection: 3 })).toBe(0.25)
    expect(collectionRate({ finished: 0, inCollection: 0 })).toBeNull()
  })
})

describe('validateLadder', () => {
  it('accepts the defaults and names duplicate codes and days out of range', async () => {
    const { DEFAULT_LADDER, validateLadder } = await import('./ladder.ts')
    expect(validateLadder(DEFAULT_LADDER)).toEqual([])
    expect(
      validateLadder([
        { code: 'a', day: 1, action: 'sms' },
        { code: 'a', day: 999, action: 'sms' },
        { code: 'Bad', day: 0, action: 'sms' },
      ]).map((p) => `${p.field} ${p.key}`),
    ).toEqual([
      'body.steps.1.code collections.ladder_code_duplicate',
      'body.steps.1.day collections.ladder_day',
      'body.steps.2.code collections.ladder_code',
    ])
  })
})
