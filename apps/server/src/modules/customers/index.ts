/**
 * Customers (用户管理 / 客服): the customers of each institution — identity (ID number validated,
 * date of birth and sex derived, 18+), phones, address, job and income, emergency contacts, address
 * book, bank cards, document references, channel and tags — with PII sealed at rest (AES-256-GCM with
 * key id, HMAC blind index, masked copies) and masked in every answer unless a `pii.read` holder asks
 * (`?unmask=true`, audited). Names are plain text by decision: the one-step lookup needs a prefix
 * index on them, and a name alone identifies no one. Also the borrower's own profile (H5), the
 * one-step lookup search provider, and the customer 360 with its section extension point.
 *
 * What other modules may call:
 */

export { createCustomer } from './create-customer.ts'
export { type Customer360Section, registerCustomer360Section } from './customer-360.ts'
export { type CustomerDto, findCustomer, getCustomer, visibleCustomerIds } from './customer-queries.ts'
export { ensureCustomerForBorrower } from './ensure-customer-for-borrower.ts'
export { linkBorrowerByPhone } from './link-borrower-by-phone.ts'
export { customerSearch, lookupCustomers } from './lookup.ts'
export { registerCustomerRoutes } from './routes.ts'
export { customerScope } from './scope.ts'
