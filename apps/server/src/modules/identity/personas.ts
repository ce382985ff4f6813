/**
 * Standard roles and positions (角色-岗位) for the personas of PRODUCT.md §1. A new institution gets
 * these so it can start work at once; administrators refine them in the console. Modules add the
 * operations of their personas here as they land.
 */
import type { Scope } from '../../platform/access/principal.ts'

export type PositionTemplate = { code: string; name: string; scope: Scope; operations: string[] }
export type RoleTemplate = { code: string; name: string; positions: PositionTemplate[] }

const SYSTEM_ADMIN_OPS = [
  'user.read',
  'user.manage',
  'role.manage',
  'institution.read',
  'audit.read',
  'audit.verify',
  'notification.read',
]

export const INSTITUTION_ROLES: RoleTemplate[] = [
  {
    code: 'admin',
    name: '机构管理员',
    positions: [
      { code: 'inst_admin', name: '机构管理员', scope: 'institution', operations: [...SYSTEM_ADMIN_OPS, 'pii.read'] },
    ],
  },
  {
    code: 'customer_service',
    name: '客服',
    positions: [{ code: 'cs_agent', name: '客服专员', scope: 'institution', operations: ['notification.read'] }],
  },
  {
    code: 'risk',
    name: '风控',
    positions: [{ code: 'risk_manager', name: '风控经理', scope: 'institution', operations: ['audit.read'] }],
  },
  {
    code: 'reviewer',
    name: '信审员',
    positions: [
      { code: 'review_first', name: '初审员', scope: 'own', operations: [] },
      { code: 'review_second', name: '复审员', scope: 'own', operations: [] },
      { code: 'review_lead', name: '信审组长', scope: 'team', operations: ['user.read'] },
    ],
  },
  {
    code: 'collector',
    name: '催收员',
    positions: [
      { code: 'collector_s1', name: 'S1 催收员', scope: 'own', operations: [] },
      { code: 'collector_s2', name: 'S2 催收员', scope: 'own', operations: [] },
      { code: 'collection_lead', name: '催收组长', scope: 'team', operations: ['user.read'] },
    ],
  },
  {
    code: 'finance',
    name: '财务运营',
    positions: [{ code: 'finance_ops', name: '财务运营', scope: 'institution', operations: ['audit.read'] }],
  },
  {
    code: 'management',
    name: '管理层',
    positions: [{ code: 'manager', name: '经理', scope: 'institution', operations: ['user.read', 'audit.read'] }],
  },
]

export const PLATFORM_ROLES: RoleTemplate[] = [
  {
    code: 'platform_admin',
    name: '平台管理员',
    positions: [
      {
        code: 'platform_admin',
        name: '平台管理员',
        scope: 'platform',
        operations: [...SYSTEM_ADMIN_OPS, 'institution.manage', 'pii.read'],
      },
    ],
  },
  {
    code: 'platform_operator',
    name: '平台运营',
    positions: [
      {
        code: 'platform_operator',
        name: '平台运营',
        scope: 'platform',
        operations: ['institution.read', 'user.read', 'audit.read', 'notification.read'],
      },
    ],
  },
]

/** Lets a module grant its operations to standard positions (by position code). */
export function grantToPositions(grants: Record<string, string[]>): void {
  for (const role of [...INSTITUTION_ROLES, ...PLATFORM_ROLES])
    for (const pos of role.positions) {
      const extra = grants[pos.code]
      if (extra) for (const op of extra) if (!pos.operations.includes(op)) pos.operations.push(op)
    }
}
