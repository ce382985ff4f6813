/**
 * Collections (贷后 / 催收管理): stage sets per institution and product, the case flow run by the
 * daily close (open, move between pools, collected, closed; promise tracking; automatic assignment),
 * manual assignment within a stage group, "my cases", collection records with enforced contact
 * compliance, effect statistics, strategies (segments with an approach, champion/challenger,
 * results per segment), the legal process after an escalation, and early warning (风险预警: rules
 * evaluated at each close, warnings with owners and statuses). See docs/collections.md.
 *
 * What other modules may call: `registerCollectionsRoutes` (main.ts), `configureCollections`
 * (main.ts), `runCaseFlow` (also run by the daily close through platform/close-hooks.ts),
 * `setCollectionsWallClock` (tests).
 */
import './messages.ts'
import './strategy-messages.ts'
import './operations.ts'
import './customer-section.ts'
import './warning-messages.ts'
import './warning-customer-section.ts'
import { registerCloseHook } from '../../platform/close-hooks.ts'
import { evaluateWarnings } from './evaluate-warnings.ts'
import { runCaseFlow } from './flow.ts'
import { runReminderLadder } from './reminders.ts'

registerCloseHook('collections.case-flow', async (tx, day) => {
  // once per institution and day (the flow's run row); the ladder's unique key makes re-runs harmless
  await runCaseFlow(tx, day)
  await runReminderLadder(tx, day)
  // early warning: idempotent by its unique keys (never two open warnings per rule and subject)
  await evaluateWarnings(tx, day)
})

export { configureCollections, setCollectionsWallClock } from './deps.ts'
export { evaluateWarnings } from './evaluate-warnings.ts'
export { runCaseFlow } from './flow.ts'
export { registerCollectionsRoutes } from './routes.ts'
