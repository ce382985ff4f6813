/** Operations of origination and credit review, and their grants to the standard positions. */
import { registerOperations } from '../../platform/access/operations.ts'
import { grantToPositions } from '../identity/personas.ts'

registerOperations([
  { code: 'application.read', group: 'origination', label: { 'zh-CN': '查看进件', 'en-US': 'View applications' } },
  {
    code: 'application.manage',
    group: 'origination',
    label: {
      'zh-CN': '录入进件、配置审批链与合同模板、柜面签约、放款',
      'en-US': 'Enter applications, configure chains and templates, record in-branch signatures, disburse',
    },
  },
  { code: 'review.work', group: 'origination', label: { 'zh-CN': '处理信审订单', 'en-US': 'Work on review orders' } },
  {
    code: 'review.assign',
    group: 'origination',
    label: {
      'zh-CN': '信审分单、订单池与拒绝原因配置',
      'en-US': 'Assign review orders, configure pools and reject reasons',
    },
  },
  {
    code: 'review.approve',
    group: 'origination',
    label: { 'zh-CN': '审批链审批', 'en-US': 'Approve approval-chain steps' },
  },
  { code: 'review.qi', group: 'origination', label: { 'zh-CN': '信审质检', 'en-US': 'Quality inspection of reviews' } },
  {
    code: 'review.stats',
    group: 'origination',
    label: { 'zh-CN': '信审效率与绩效统计', 'en-US': 'Review efficiency and performance' },
  },
])

grantToPositions({
  review_first: ['review.work'],
  review_second: ['review.work'],
  review_lead: ['review.work', 'review.assign', 'review.qi', 'review.stats', 'application.read'],
  manager: ['review.approve', 'review.stats', 'application.read'],
  inst_admin: ['application.read', 'application.manage', 'review.approve', 'review.assign', 'review.stats'],
  finance_ops: ['application.read', 'application.manage'],
  cs_agent: ['application.read'],
})
