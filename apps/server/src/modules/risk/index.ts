/**
 * Risk control (风控管理): scenes and their versioned rule sets (four-eyes publish and rollback,
 * diff, back-test, champion/challenger), the indicator catalog, third-party data sources with call
 * cycles and fallbacks, lists (名单库), device capture, evaluation with stored risk reports, and the
 * simulated provider `datasim`. The pure engine lives in `domain/`.
 *
 * Other modules call only what is exported here.
 */
import './messages.ts'
import './operations.ts'
import './publish-version.ts'

export { captureLogin } from './capture-login.ts'
export { backfillBuiltInScenes } from './ensure-scenes.ts'
export { type EvaluateSceneOptions, type EvaluateSceneResult, evaluateScene } from './evaluate-scene.ts'
export type { RiskDevice, RiskSubject } from './evaluation-subject.ts'
export { latestReportsOfCustomer, thirdPartyDataOfCustomer } from './report-queries.ts'
export { registerRiskRoutes } from './routes.ts'
