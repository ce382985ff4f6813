/**
 * Credit review (信审管理), a work-order system: the first- and second-review pools with their groups,
 * manual (single, batch) and automatic assignment to online reviewers, reassignment, "my orders",
 * the one-screen review page with checklist, outbound calls and reject-reason catalog, SLA timers,
 * quality inspection and the efficiency and performance statistics. Orders are opened by
 * origination; each stage's outcome is handed back to it through `setReviewOutcomeHandler`.
 *
 * Also: a reviewer going online gets the waiting orders of pools with automatic assignment
 * (identity's online hook).
 *
 * What other modules may call:
 */
import { registerOnlineHook } from '../../platform/presence.ts'
import { assignWaitingOrdersTo } from './assign-on-online.ts'

registerOnlineHook('review.assign-on-online', async (tx, user) => {
  await assignWaitingOrdersTo(tx, user)
})

export { REJECT_REASONS } from './catalog.ts'
export { openReviewOrder } from './orders.ts'
export { type ReviewOutcome, setReviewOutcomeHandler } from './outcome.ts'
export { registerReviewRoutes } from './routes.ts'
