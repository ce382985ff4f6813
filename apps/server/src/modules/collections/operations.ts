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
])

grantToPositions({
  collector_s1: ['collection.read', 'collection.work'],
  collector_s2: ['collection.read', 'collection.work'],
  // leads propose write-offs from cases (servicing's four-eyes request; a manager approves)
  collection_lead: ['collection.read', 'collection.work', 'collection.assign', 'writeoff.request'],
  inst_admin: ['collection.read', 'collection.manage'],
  manager: ['collection.read'],
  platform_admin: ['collection.read', 'collection.assign', 'collection.manage'],
})
