/**
 * Approval chains (审批链) by amount and score: a policy is a list of tiers; the first tier whose
 * amount range (and score condition) fits gives the steps. No steps = automatic approval.
 */
import { dec } from '../../../platform/money.ts'
import type { ApprovalTier } from '../schema.ts'

/** The example policy of PRODUCT.md 3.5, used when an institution has configured none. */
export const DEFAULT_TIERS: ApprovalTier[] = [
  { minAmount: '0.00', maxAmount: '50000.00', steps: [] },
  {
    minAmount: '50000.00',
    maxAmount: '100000.00',
    steps: [{ code: 'regional_manager', name: '区域经理审批 (regional manager)' }],
  },
  {
    minAmount: '100000.00',
    maxAmount: '500000.00',
    steps: [
      { code: 'regional_manager', name: '区域经理审批 (regional manager)' },
      { code: 'department_head', name: '部门负责人双签 (department head)' },
    ],
  },
  {
    minAmount: '500000.00',
    maxAmount: null,
    steps: [
      { code: 'department_head', name: '部门负责人双签 (department head)' },
      { code: 'hq_committee', name: '总部风控委员会 (head-office committee)' },
    ],
  },
]

export function stepsFor(tiers: readonly ApprovalTier[], amount: string, score: number | null): ApprovalTier['steps'] {
  const a = dec(amount)
  for (const t of tiers) {
    if (a.lessThan(t.minAmount)) continue
    if (t.maxAmount !== null && !a.lessThan(t.maxAmount)) continue
    if (t.scoreBelow !== undefined && t.scoreBelow !== null && (score === null || score >= t.scoreBelow)) continue
    return t.steps
  }
  return []
}

export type TierProblem = { index: number; problem: 'range' | 'gap' | 'duplicate_step' }

/** Tiers must have min < max, be sorted, and not repeat a step code within one tier. */
export function checkTiers(tiers: readonly ApprovalTier[]): TierProblem[] {
  const problems: TierProblem[] = []
  tiers.forEach((t, i) => {
    if (t.maxAmount !== null && !dec(t.minAmount).lessThan(t.maxAmount)) problems.push({ index: i, problem: 'range' })
    const prev = tiers[i - 1]
    if (prev && prev.maxAmount !== null && dec(t.minAmount).lessThan(prev.minAmount))
      problems.push({ index: i, problem: 'gap' })
    const codes = t.steps.map((s) => s.code)
    if (new Set(codes).size !== codes.length) problems.push({ index: i, problem: 'duplicate_step' })
  })
  return problems
}
