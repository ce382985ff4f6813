/**
 * The legal process after an escalation (诉讼流程) as data: its statuses in order, the moves allowed
 * from each, and what each move must record. Closing is possible from every open status (settled
 * with the borrower, withdrawn, judged uncollectible …), with an outcome.
 */

export const LEGAL_STATUSES = ['escalated', 'lawyer_assigned', 'filed', 'judgment', 'enforcement', 'closed'] as const
export type LegalStatus = (typeof LEGAL_STATUSES)[number]

export const LEGAL_OUTCOMES = ['recovered', 'settled', 'withdrawn', 'uncollectible', 'lost'] as const
export type LegalOutcome = (typeof LEGAL_OUTCOMES)[number]

export const LEGAL_FEE_KINDS = ['lawyer', 'court', 'enforcement', 'other'] as const

const NEXT: Record<LegalStatus, readonly LegalStatus[]> = {
  escalated: ['lawyer_assigned', 'closed'],
  lawyer_assigned: ['filed', 'closed'],
  filed: ['judgment', 'closed'],
  judgment: ['enforcement', 'closed'],
  enforcement: ['closed'],
  closed: [],
}

/** Fields a move into a status must carry (beyond its date). */
export const REQUIRED_ON: Record<LegalStatus, readonly string[]> = {
  escalated: [],
  lawyer_assigned: ['firm'],
  filed: ['court', 'docketNo'],
  judgment: ['judgmentAmount'],
  enforcement: [],
  closed: ['outcome'],
}

export function canMove(from: LegalStatus, to: LegalStatus): boolean {
  return NEXT[from].includes(to)
}

export function nextStatuses(from: LegalStatus): readonly LegalStatus[] {
  return NEXT[from]
}
