/** How a review stage's result reaches the application (origination registers the handler at load). */
import type { Actor } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'

export type ReviewOutcome = {
  applicationId: string
  stage: 'first' | 'second'
  result: 'approved' | 'rejected'
  reviewerId: string
  rejectReasonCode: string | null
  /** what the borrower reads, from the institution's catalog at the time of the decision */
  rejectReasonText?: { 'zh-CN': string; 'en-US': string } | null
}

type Handler = (tx: Tx, actor: Actor, outcome: ReviewOutcome) => Promise<void>

let handler: Handler | null = null

export function setReviewOutcomeHandler(h: Handler): void {
  handler = h
}

export async function reportOutcome(tx: Tx, actor: Actor, outcome: ReviewOutcome): Promise<void> {
  if (!handler) throw new Error('no review outcome handler registered (origination module not loaded)')
  await handler(tx, actor, outcome)
}
