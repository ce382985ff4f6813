/**
 * The servicing module's operations (permission codes) and who gets them in the standard personas.
 * Runs at module load, before any institution is seeded, so new institutions start with them.
 */
import { registerOperations } from '../../platform/access/operations.ts'
import { onInstitutionCreated } from '../identity/institutions.ts'
import { grantToPositions } from '../identity/personas.ts'
import { ensureChartOfAccounts } from './accounts.ts'

const op = (code: string, zh: string, en: string) => ({
  code,
  group: 'servicing',
  label: { 'zh-CN': zh, 'en-US': en },
})

registerOperations([
  op('product.read', '查看贷款产品', 'View loan products'),
  op('product.manage', '管理贷款产品', 'Manage loan products'),
  op('product.approve', '复核产品定价', 'Approve product pricing'),
  op('loan.read', '查看借据', 'View loans'),
  op('loan.create', '录入借据', 'Create loans'),
  op('loan.disburse', '放款', 'Disburse loans'),
  op('repayment.post', '登记还款', 'Post repayments'),
  op('repayment.reverse', '冲正还款', 'Reverse repayments'),
  op('waiver.request', '申请减免', 'Request waivers'),
  op('waiver.approve', '复核减免', 'Approve waivers'),
  op('writeoff.request', '申请核销', 'Request write-offs'),
  op('writeoff.approve', '复核核销', 'Approve write-offs'),
  op('ledger.read', '查看总账', 'Read the ledger'),
  op('ledger.verify', '校验总账', 'Verify the ledger'),
])

const READ = ['product.read', 'loan.read']
const MONEY = [
  'loan.create',
  'loan.disburse',
  'repayment.post',
  'repayment.reverse',
  'waiver.request',
  'writeoff.request',
  'ledger.read',
  'ledger.verify',
]
const APPROVE = ['product.approve', 'waiver.approve', 'writeoff.approve']

grantToPositions({
  finance_ops: [...READ, ...MONEY],
  manager: [...READ, ...APPROVE, 'ledger.read', 'ledger.verify'],
  inst_admin: [...READ, 'product.manage', 'ledger.read'],
  risk_manager: READ,
  cs_agent: READ,
  collection_lead: ['loan.read', 'waiver.request'],
  platform_admin: [...READ, 'product.manage', ...MONEY, ...APPROVE],
  platform_operator: [...READ, 'ledger.read'],
})

onInstitutionCreated(ensureChartOfAccounts)
