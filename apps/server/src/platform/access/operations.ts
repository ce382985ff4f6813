/**
 * The catalog of operations (操作), the permission codes that positions grant. Modules register
 * their own at load time; the console reads the catalog to build the position editor.
 */
export type Operation = { code: string; group: string; label: { 'zh-CN': string; 'en-US': string } }

const catalog = new Map<string, Operation>()

export function registerOperations(ops: Operation[]): void {
  for (const op of ops) catalog.set(op.code, op)
}

export function listOperations(): Operation[] {
  return [...catalog.values()]
}

export function isKnownOperation(code: string): boolean {
  return catalog.has(code)
}

registerOperations([
  { code: 'user.read', group: 'system', label: { 'zh-CN': '查看用户', 'en-US': 'View users' } },
  { code: 'user.manage', group: 'system', label: { 'zh-CN': '管理用户', 'en-US': 'Manage users' } },
  { code: 'role.manage', group: 'system', label: { 'zh-CN': '管理角色与岗位', 'en-US': 'Manage roles and positions' } },
  { code: 'institution.read', group: 'system', label: { 'zh-CN': '查看机构', 'en-US': 'View institutions' } },
  { code: 'institution.manage', group: 'system', label: { 'zh-CN': '管理机构', 'en-US': 'Manage institutions' } },
  { code: 'audit.read', group: 'system', label: { 'zh-CN': '查看操作留痕', 'en-US': 'Read the audit trail' } },
  { code: 'audit.verify', group: 'system', label: { 'zh-CN': '校验留痕完整性', 'en-US': 'Verify the audit trail' } },
  { code: 'notification.read', group: 'system', label: { 'zh-CN': '查看消息发件箱', 'en-US': 'Read the outbox' } },
  { code: 'pii.read', group: 'system', label: { 'zh-CN': '查看完整个人信息', 'en-US': 'See unmasked personal data' } },
])
