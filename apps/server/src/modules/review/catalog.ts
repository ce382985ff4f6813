/** The reject-reason catalog (拒绝原因) and the default review checklist agreed with the business. */
import { registerMessages } from '../../platform/i18n.ts'
import type { ChecklistItem } from './schema.ts'

export const REJECT_REASONS = [
  { code: 'info_inconsistent', zh: '资料信息前后不一致', en: 'Information is inconsistent' },
  { code: 'id_unverified', zh: '身份或人脸无法核实', en: 'Identity or face could not be verified' },
  { code: 'job_unverified', zh: '工作单位或收入无法核实', en: 'Employer or income could not be verified' },
  {
    code: 'contact_unreachable',
    zh: '联系人无法联系或不认识申请人',
    en: 'Contacts unreachable or do not know the applicant',
  },
  { code: 'debt_too_high', zh: '负债过高，还款能力不足', en: 'Debt too high for the repayment' },
  { code: 'fraud_suspected', zh: '疑似欺诈', en: 'Suspected fraud' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const
export type RejectReasonCode = (typeof REJECT_REASONS)[number]['code']

/** What the borrower reads for a rejection in review (fraud is not named to them). */
registerMessages(
  Object.fromEntries(
    REJECT_REASONS.map((r) => [
      `origination.reason.review_${r.code}`,
      r.code === 'fraud_suspected' || r.code === 'other'
        ? {
            'zh-CN': '很抱歉，审核未通过，请 3 个月后再试',
            'en-US': 'Sorry, the review was not passed; please try again in 3 months',
          }
        : { 'zh-CN': `审核未通过：${r.zh}`, 'en-US': `Not approved in review: ${r.en}` },
    ]),
  ),
)

export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { code: 'basic_info', label: '基本信息一致（姓名、身份证、手机号） / Basic data consistent' },
  { code: 'id_face', label: '身份证与人脸比对通过 / ID card and face match' },
  { code: 'job_income', label: '工作单位与收入核实 / Employer and income verified' },
  { code: 'contacts', label: '紧急联系人电话核实 / Emergency contacts verified by phone' },
  { code: 'risk_info', label: '风控报告已审阅、无未解释的风险点 / Risk report read, no unexplained risk' },
]
