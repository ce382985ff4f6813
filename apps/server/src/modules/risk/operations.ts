/**
 * The risk module's operations (permission codes), who gets them in the standard personas, and the
 * per-institution setup (built-in scenes) for institutions created from now on.
 */
import { registerOperations } from '../../platform/access/operations.ts'
import { onInstitutionCreated } from '../identity/institutions.ts'
import { grantToPositions } from '../identity/personas.ts'
import { ensureBuiltInScenes } from './ensure-scenes.ts'

const op = (code: string, zh: string, en: string) => ({ code, group: 'risk', label: { 'zh-CN': zh, 'en-US': en } })

registerOperations([
  op('risk.read', '查看风控配置', 'View risk configuration'),
  op('risk.manage', '管理风控规则、指标、数据源与名单', 'Manage risk rules, indicators, sources and lists'),
  op('risk.publish', '复核风控规则发布与回滚', 'Approve publishing and rolling back risk rules'),
  op('risk.evaluate', '执行风控场景', 'Run risk scenes'),
  op('risk.report.read', '查看风控报告', 'Read risk reports'),
])

grantToPositions({
  risk_manager: ['risk.read', 'risk.manage', 'risk.evaluate', 'risk.report.read'],
  manager: ['risk.publish', 'risk.read', 'risk.report.read'],
  inst_admin: ['risk.publish', 'risk.read', 'risk.report.read'],
  review_first: ['risk.report.read'],
  review_second: ['risk.report.read'],
  review_lead: ['risk.report.read'],
  cs_agent: ['risk.report.read'],
  platform_admin: ['risk.read', 'risk.report.read'],
  platform_operator: ['risk.read', 'risk.report.read'],
})

onInstitutionCreated(ensureBuiltInScenes)
