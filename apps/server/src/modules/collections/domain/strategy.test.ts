import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../../platform/money.ts'
import { canMove, LEGAL_STATUSES, nextStatuses } from './legal-process.ts'
import {
  type CaseFacts,
  challengerBucket,
  matchSegment,
  type SegmentDef,
  segmentsOverlap,
  strategyFor,
  validateSegments,
} from './strategy.ts'

const seg = (code: string, o: Partial<SegmentDef> = {}): SegmentDef => ({
  code,
  name: code,
  stages: [],
  minAmount: null,
  maxAmount: null,
  minScore: null,
  maxScore: null,
  minBrokenPromises: null,
  maxBrokenPromises: null,
  minPreviousCases: null,
  maxPreviousCases: null,
  channels: [{ channel: 'sms', weight: 100 }],
  priority: 3,
  contactEveryDays: null,
  ...o,
})
const facts = (o: Partial<CaseFacts> = {}): CaseFacts => ({
  stageCode: 'S1',
  overdueAmount: '1000.00',
  riskScore: null,
  brokenPromises: 0,
  previousCases: 0,
  ...o,
})
const STAGES = new Set(['S1', 'S2', 'S3', 'S4', 'M1', 'M2'])

describe('validateSegments', () => {
  it('accepts amount bands that touch (half-open) and disjoint stage groups', () => {
    const ok = [
      seg('small', { stages: ['S1'], maxAmount: '5000.00' }),
      seg('large', { stages: ['S1'], minAmount: '5000.00' }),
      seg('late', { stages: ['S2', 'S3', 'S4'] }),
    ]
    expect(validateSegments(ok, STAGES)).toEqual([])
  })
  it('refuses overlapping segments, naming both', () => {
    const p = validateSegments(
      [seg('a', { stages: ['S1'], maxAmount: '5000.00' }), seg('b', { stages: ['S1', 'S2'], minAmount: '4999.99' })],
      STAGES,
    )
    expect(p).toEqual([
      { field: 'body.segments.1', key: 'collections.segment_overlap', params: { segment: 'b', other: 'a' } },
    ])
  })
  it('refuses inverted and empty ranges, bad amounts, unknown stages, bad channel mixes, duplicates', () => {
    const p = validateSegments(
      [
        seg('a', { minAmount: '100.00', maxAmount: '100.00' }),
        seg('b', { minScore: 700, maxScore: 600 }),
        seg('c', { minBrokenPromises: 3, maxBrokenPromises: 1 }),
        seg('d', { minAmount: '-1' }),
        seg('e', { stages: ['X9'] }),
        seg('f', {
          channels: [
            { channel: 'sms', weight: 60 },
            { channel: 'call', weight: 30 },
          ],
        }),
        seg('g', {
          channels: [
            { channel: 'sms', weight: 50 },
            { channel: 'sms', weight: 50 },
          ],
        }),
        seg('a', { stages: ['M2'] }),
        seg('9x', { stages: ['M1'] }),
      ],
      STAGES,
    )
    expect(p.map((x) => `${x.field} ${x.key}`)).toEqual([
      'body.segments.0.maxAmount collections.segment_range',
      'body.segments.1.maxScore collections.segment_range',
      'body.segments.2.maxBrokenPromises collections.segment_range',
      'body.segments.3.minAmount collections.segment_amount',
      'body.segments.4.stages collections.segment_stage_unknown',
      'body.segments.5.channels collections.segment_weights',
      'body.segments.6.channels collections.segment_channels',
      'body.segments.7.code collections.segment_code_duplicate',
      'body.segments.8.code collections.segment_code',
    ])
    expect(validateSegments([], STAGES)[0]!.key).toBe('collections.segment_empty')
  })
})

describe('matchSegment', () => {
  const segments = [
    seg('s1-small', { stages: ['S1'], maxAmount: '5000.00', priority: 4 }),
    seg('s1-large', { stages: ['S1'], minAmount: '5000.00', priority: 2 }),
    seg('risky', { stages: ['S2'], minScore: 0, maxScore: 600, priority: 1 }),
    seg('repeat', { stages: ['S3'], minPreviousCases: 1 }),
    seg('liars', { stages: ['S4'], minBrokenPromises: 2 }),
  ]
  it('puts a case in the segment whose conditions hold', () => {
    expect(matchSegment(segments, facts({ overdueAmount: '4999.99' }))?.code).toBe('s1-small')
    expect(matchSegment(segments, facts({ overdueAmount: '5000.00' }))?.code).toBe('s1-large')
    expect(matchSegment(segments, facts({ stageCode: 'S2', riskScore: 599.5 }))?.code).toBe('risky')
    expect(matchSegment(segments, facts({ stageCode: 'S2', riskScore: 600 }))).toBeNull()
    expect(matchSegment(segments, facts({ stageCode: 'S3', previousCases: 2 }))?.code).toBe('repeat')
    expect(matchSegment(segments, facts({ stageCode: 'S4', brokenPromises: 1 }))).toBeNull()
    expect(matchSegment(segments, facts({ stageCode: 'S4', brokenPromises: 2 }))?.code).toBe('liars')
  })
  it('a case without a risk score never matches a score condition', () => {
    expect(matchSegment(segments, facts({ stageCode: 'S2', riskScore: null }))).toBeNull()
  })
  it('valid segments never both hold for one case (no overlap ⇒ at most one match)', () => {
    const bound = fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })
    const arbSeg = (code: string) =>
      fc
        .record({
          stages: fc.subarray(['S1', 'S2', 'S3']),
          a: bound,
          b: bound,
          bp: bound,
          bq: bound,
        })
        .map((r) =>
          seg(code, {
            stages: r.stages,
            minAmount: r.a === null ? null : `${r.a * 1000}.00`,
            maxAmount: r.a === null || r.b === null ? null : `${r.a * 1000 + (r.b + 1) * 1000}.00`,
            minBrokenPromises: r.bp,
            maxBrokenPromises: r.bp === null || r.bq === null ? null : r.bp + r.bq,
          }),
        )
    const arbFacts = fc.record({
      stageCode: fc.constantFrom('S1', 'S2', 'S3'),
      overdueAmount: fc.integer({ min: 0, max: 50_000_00 }).map((c) => new Decimal(c).dividedBy(100).toFixed(2)),
      riskScore: fc.constant(null),
      brokenPromises: fc.integer({ min: 0, max: 40 }),
      previousCases: fc.integer({ min: 0, max: 3 }),
    })
    fc.assert(
      fc.property(arbSeg('x'), arbSeg('y'), arbFacts, (x, y, f) => {
        const both = matchSegment([x], f) !== null && matchSegment([y], f) !== null
        if (both) expect(segmentsOverlap(x, y)).toBe(true)
        if (!segmentsOverlap(x, y)) expect(both).toBe(false)
      }),
    )
  })
})

describe('champion / challenger', () => {
  it('a case keeps its bucket, and about the challenger share of cases goes to the challenger', () => {
    const id = '6f1c2d3e-0000-4000-8000-000000000001'
    expect(challengerBucket(id)).toBe(challengerBucket(id))
    let challenger = 0
    for (let i = 0; i < 2000; i++) {
      const caseId = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`
      if (strategyFor(caseId, 'champ', { id: 'chal', percent: 20 }) === 'chal') challenger++
    }
    expect(challenger).toBeGreaterThan(300)
    expect(challenger).toBeLessThan(500)
    expect(strategyFor(id, null, null)).toBeNull()
    expect(strategyFor(id, 'champ', null)).toBe('champ')
  })
})

describe('legal process', () => {
  it('moves forward one step at a time, closes from any open status, and never leaves closed', () => {
    expect(canMove('escalated', 'lawyer_assigned')).toBe(true)
    expect(canMove('escalated', 'filed')).toBe(false)
    expect(canMove('judgment', 'enforcement')).toBe(true)
    expect(canMove('filed', 'escalated')).toBe(false)
    for (const s of LEGAL_STATUSES.filter((x) => x !== 'closed')) expect(canMove(s, 'closed')).toBe(true)
    expect(nextStatuses('closed')).toEqual([])
  })
})
