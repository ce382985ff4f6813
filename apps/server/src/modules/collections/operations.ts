/** The operations of collections and who gets them in the standard personas. */
import { registerOperations } from '../../platform/access/operations.ts'
import { grantToPositions } from '../identity/personas.ts'

const op = (code: string, zh: string, en: string) => ({
  code,
  group: 'collections',
  label: { 'zh-CN': zh, 'en-US': en },
})

registerOperations([
  op('collection.read', '查看催收案件与统计', 'View collection cases and statistics'),
  op('collection.work', '处理催收案件（催记、承诺还款）', 'Work collection cases (records, promises)'),
  op('collection.assign', '分案与调案', 'Assign and reassign cases'),
  op('collection.manage', '管理催收阶段与合规设置', 'Manage stages and compliance settings'),
  op('warning.read', '查看风险预警与预警看板', 'View early warnings and their dashboard'),
  op('warning.handle', '处理风险预警（确认、解除、忽略）', 'Handle early warnings (acknowledge, resolve, dismiss)'),
  op('warning.manage', '配置预警规则、转派预警', 'Configure warning rules and reassign warnings'),
])

// early warning (风险预警): risk managers own and configure it; collection leads handle their share
grantToPositions({
  risk_manager: ['warning.read', 'warning.handle', 'warning.manage'],
  collection_lead: ['warning.read', 'warning.handle'],
  inst_admin: ['warning.read', 'warning.manage'],
  manager: ['warning.read'],
  platform_admin: ['warning.read'],
})

grantToPositions({
  collector_s1: ['collection.read', 'collection.work'],
  collector_s2: ['collection.read', 'collection.work'],
  // leads propose write-offs from cases (servicing's four-eyes request; a manager approves)
  collection_lead: ['collection.read', 'collection.work', 'collection.assign', 'writeoff.request'],
  inst_admin: ['collection.read', 'collection.manage'],
  manager: ['collection.read'],
  platform_admin: ['collection.read', 'collection.assign', 'collection.manage'],
})
