/**
 * Credit review (信审管理), a work-order system: the first- and second-review pools with their groups,
 * manual (single, batch) and automatic assignment to online reviewers, reassignment, "my orders",
 * the one-screen review page with checklist, outbound calls and reject-reason catalog, SLA timers,
 * quality inspection and the efficiency and performance statistics. Orders are opened by
 * origination; each stage's outcome is handed back to it through `setReviewOutcomeHandler`.
 *
 * What other modules may call:
 */
export { REJECT_REASONS } from './catalog.ts'
export { openReviewOrder } from './orders.ts'
export { type ReviewOutcome, setReviewOutcomeHandler } from './outcome.ts'
export { registerReviewRoutes } from './routes.ts'
