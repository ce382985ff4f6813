/**
 * Origination (贷前 / 贷中): applications from the borrower H5 or entered by staff, resumable document
 * uploads (tus), automatic checks (ID, bank card, OCR) against a verification provider, the
 * `pre_review` / `loan_review` scene and the routing (reject / manual review / approval chain), credit
 * lines, approval chains by amount and score, contracts from editable templates with e-signature (by
 * the borrower in the H5, or recorded by staff in branch), and disbursement through servicing. Credit
 * review (信审) lives in `modules/review`.
 *
 * What other modules may call:
 */
import './messages.ts'
import './operations.ts'
import './route-application.ts'
import './section-360.ts'

export { applicationDto, listApplications } from './application-queries.ts'
export { registerBorrowerOriginationRoutes } from './borrower-routes.ts'
export { setCheckProvider } from './checks.ts'
export { creditLineOf } from './credit-lines.ts'
export { registerOriginationRoutes } from './routes.ts'
export { applicationSearch } from './search.ts'
export { applyAsBorrower, applyAsStaff } from './submit-application.ts'
export { registerUploadRoutes } from './uploads.ts'
