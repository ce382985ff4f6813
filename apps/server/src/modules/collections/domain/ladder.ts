/**
 * The reminder ladder (催收提醒阶梯): steps by day relative to the due date of the oldest unpaid
 * installment (negative = before it), each an action on a channel. Borrower-facing steps (reminder,
 * sms, robocall) obey the contact rules; staff-facing ones (work order, legal proposal) go to staff.
 */

export type LadderAction = 'reminder' | 'sms' | 'robocall' | 'work_order' | 'legal_proposal'
export type LadderStep = { code: string; day: number; action: LadderAction }

export const BORROWER_ACTIONS: readonly LadderAction[] = ['reminder', 'sms', 'robocall']

export const DEFAULT_LADDER: LadderStep[] = [
  { code: 'before_3', day: -3, action: 'reminder' },
  { code: 'due_day', day: 0, action: 'reminder' },
  { code: 'overdue_1', day: 1, action: 'sms' },
  { code: 'overdue_3', day: 3, action: 'robocall' },
  { code: 'overdue_7', day: 7, action: 'work_order' },
  { code: 'overdue_31', day: 31, action: 'legal_proposal' },
]

export const channelOf = (a: LadderAction): 'sms' | 'robocall' | 'inapp' =>
  a === 'robocall' ? 'robocall' : a === 'reminder' || a === 'sms' ? 'sms' : 'inapp'

export type LadderProblem = { field: string; key: string; params: Record<string, unknown> }

export function validateLadder(steps: readonly LadderStep[], field = 'body.steps'): LadderProblem[] {
  const out: LadderProblem[] = []
  const codes = new Set<string>()
  steps.forEach((s, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(s.code))
      out.push({ field: `${field}.${i}.code`, key: 'collections.ladder_code', params: { code: s.code } })
    else if (codes.has(s.code))
      out.push({ field: `${field}.${i}.code`, key: 'collections.ladder_code_duplicate', params: { code: s.code } })
    codes.add(s.code)
    if (!Number.isInteger(s.day) || s.day < -30 || s.day > 365)
      out.push({ field: `${field}.${i}.day`, key: 'collections.ladder_day', params: { min: -30, max: 365 } })
  })
  return out
}
