import { describe, expect, it } from 'vitest'
import { efficiency, overdueRate, pickReviewer, planAssignments, slaStateOf, toCsv } from './assignment.ts'

const c = (id: string, open: number) => ({ id, open })

describe('automatic assignment', () => {
  it('round-robin goes to the next reviewer after the last, skipping full ones', () => {
    const cands = [c('a', 0), c('b', 5), c('c', 1)]
    expect(pickReviewer('round_robin', cands, 5, 'a')!.id).toBe('c')
    expect(pickReviewer('round_robin', cands, 5, 'c')!.id).toBe('a')
    expect(pickReviewer('round_robin', cands, 5, null)!.id).toBe('a')
  })
  it('least-loaded picks the smallest load below the cap', () => {
    expect(pickReviewer('least_loaded', [c('a', 3), c('b', 1), c('c', 2)], 5, null)!.id).toBe('b')
    expect(pickReviewer('least_loaded', [c('a', 5)], 5, null)).toBeNull()
    expect(pickReviewer('manual', [c('a', 0)], 5, null)).toBeNull()
  })
  it('a batch never exceeds the cap', () => {
    const plan = planAssignments('least_loaded', ['1', '2', '3', '4', '5'], [c('a', 0), c('b', 1)], 2, null)
    expect(plan.length).toBe(3)
    expect(plan.filter((p) => p.reviewerId === 'a').length).toBe(2)
    const rr = planAssignments('round_robin', ['1', '2', '3', '4'], [c('a', 0), c('b', 0)], 10, null)
    expect(rr.map((p) => p.reviewerId)).toEqual(['a', 'b', 'a', 'b'])
  })
})

describe('SLA and statistics', () => {
  it('warns in the last fifth and flags overdue', () => {
    const created = new Date('2026-01-01T00:00:00Z')
    const due = new Date('2026-01-01T10:00:00Z')
    expect(slaStateOf(created, due, false, new Date('2026-01-01T05:00:00Z'))).toBe('ok')
    expect(slaStateOf(created, due, false, new Date('2026-01-01T09:00:00Z'))).toBe('warning')
    expect(slaStateOf(created, due, false, new Date('2026-01-01T10:00:00Z'))).toBe('overdue')
    expect(slaStateOf(created, due, true, new Date('2026-01-02T00:00:00Z'))).toBe('done')
  })
  it('computes efficiency per reviewer per day with totals', () => {
    const rows = efficiency([
      { reviewerId: 'a', reviewerName: 'A', day: '2026-01-01', minutes: 10, result: 'approved' },
      { reviewerId: 'a', reviewerName: 'A', day: '2026-01-01', minutes: 30, result: 'rejected' },
      { reviewerId: 'b', reviewerName: 'B', day: '2026-01-01', minutes: 5, result: 'approved' },
    ])
    const a = rows.find((r) => r.reviewerId === 'a')!
    expect([a.count, a.minMinutes, a.maxMinutes, a.avgMinutes, a.approved, a.rejected]).toEqual([2, 10, 30, 20, 1, 1])
    const total = rows.find((r) => r.reviewerId === null)!
    expect(total.count).toBe(3)
    expect(rows.at(-1)!.reviewerId).toBeNull()
  })
  it('overdue rate and CSV', () => {
    expect(overdueRate(1, 4)).toBe('25.00')
    expect(overdueRate(0, 0)).toBe('0.00')
    expect(toCsv(['a', 'b'], [['x,y', '=1']])).toBe('\uFEFFa,b\r\n"x,y",\'=1\r\n')
  })
})
