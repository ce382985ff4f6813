/**
 * The customers module's operations and who holds them in the standard personas. Runs at module
 * load, before any institution is seeded, so new institutions start with them.
 */
import { registerOperations } from '../../platform/access/operations.ts'
import { grantToPositions } from '../identity/personas.ts'

registerOperations([
  { code: 'customer.read', group: 'customers', label: { 'zh-CN': '查看客户', 'en-US': 'View customers' } },
  { code: 'customer.manage', group: 'customers', label: { 'zh-CN': '管理客户', 'en-US': 'Manage customers' } },
])

const READ = ['customer.read']
grantToPositions({
  cs_agent: READ,
  inst_admin: ['customer.read', 'customer.manage'],
  risk_manager: READ,
  review_first: READ,
  review_second: READ,
  review_lead: READ,
  collector_s1: READ,
  collector_s2: READ,
  collection_lead: READ,
  manager: READ,
  finance_ops: READ,
  platform_admin: READ,
  platform_operator: READ,
})
