import type { SQL } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import { customers } from './schema.ts'

/**
 * Own-scoped positions (an account manager, 客户经理) see the customers they manage (`manager_id`);
 * institution-scoped ones their institution. There is no team column: a team-scoped position falls
 * back to `own` (scopeCondition's rule) until customers are assigned to teams.
 */
export function customerScope(p: StaffPrincipal): SQL | undefined {
  return scopeCondition(p, { institution: customers.institutionId, owner: customers.managerId })
}
