/**
 * What an indicator is computed from, as data (never SQL or code from users): caller input, a field of
 * the platform's own data from a fixed whitelist, a derived aggregate, a list hit, or a field of a
 * third-party answer. `dataSourceOf` decides which indicators are fetched together in one call.
 */
import { z } from 'zod'
import { type TIndicatorType, ZCode } from './domain/index.ts'

type OwnField = { type: TIndicatorType; label: string }

/** The own data an indicator may read, per table, keyed by the customer under evaluation. */
export const OWN_FIELDS: Record<string, Record<string, OwnField>> = {
  customers: {
    age: { type: 'number', label: 'Age in years (年龄)' },
    sex: { type: 'string', label: 'Sex (性别)' },
    days_since_registration: { type: 'number', label: 'Days since the customer was created (注册天数)' },
    province: { type: 'string', label: 'Province of the stated address (居住省份)' },
    channel: { type: 'string', label: 'Acquisition channel (渠道)' },
    address_book_count: { type: 'number', label: 'Contacts in the uploaded address book (通讯录条数)' },
    tags: { type: 'string_list', label: 'Customer tags (标签)' },
    bank_card_count: { type: 'number', label: 'Bank cards on file (银行卡数)' },
  },
  loans: {
    loan_count: { type: 'number', label: 'Loans ever made (借款笔数)' },
    active_loan_count: { type: 'number', label: 'Loans active or overdue (在贷笔数)' },
    principal_outstanding: { type: 'number', label: 'Principal outstanding, CNY (在贷余额)' },
    max_dpd: { type: 'number', label: 'Highest days past due now (当前最大逾期天数)' },
    settled_loan_count: { type: 'number', label: 'Loans settled (结清笔数)' },
  },
  installments: {
    overdue_installments: { type: 'number', label: 'Installments overdue now (当前逾期期数)' },
    late_paid_installments: { type: 'number', label: 'Installments ever paid late (历史逾期期数)' },
  },
  applications: {
    application_count: { type: 'number', label: 'Applications ever submitted (申请次数)' },
    applications_last_30_days: { type: 'number', label: 'Applications in the last 30 business days (近30天申请次数)' },
    rejected_application_count: { type: 'number', label: 'Applications rejected (被拒次数)' },
    open_application_count: { type: 'number', label: 'Applications still in progress (在途申请数)' },
    days_since_last_rejection: { type: 'number', label: 'Days since the last rejection (距上次被拒天数)' },
  },
  loan_transactions: {
    repayment_count: { type: 'number', label: 'Repayments made (还款次数)' },
    reversal_count: { type: 'number', label: 'Repayments reversed (冲正次数)' },
  },
  request: {
    ip: { type: 'string', label: 'IP of the request' },
    device_fingerprint: { type: 'string', label: 'Device fingerprint of the request' },
    ip_province: { type: 'string', label: 'Province of the request IP (IP 归属地)' },
  },
}

const ZWindow = z.strictObject({
  amount: z.number().int().positive().max(10_000),
  unit: z.enum(['hour', 'day', 'month']),
})

const ZDerivedConfig = z.discriminatedUnion('aggregate', [
  z.strictObject({
    kind: z.literal('derived'),
    aggregate: z.enum(['count', 'distinct_count']),
    /** device events seen at register/login/apply, or past evaluations (applications) */
    entity: z.enum(['device_events', 'evaluations']),
    /** which value of the evaluation the rows must share */
    match: z.enum(['device', 'ip', 'subject']),
    /** distinct_count: what to count distinct values of */
    distinct: z.enum(['device', 'ip', 'subject']).optional(),
    event: z.enum(['register', 'login', 'apply']).optional(),
    scene: ZCode.optional(),
    window: ZWindow.nullable().optional(),
  }),
  z.strictObject({
    kind: z.literal('derived'),
    aggregate: z.literal('overdue_count'),
    entity: z.literal('installments'),
    match: z.literal('subject'),
    window: ZWindow.nullable().optional(),
  }),
  z.strictObject({ kind: z.literal('derived'), aggregate: z.literal('differs'), left: ZCode, right: ZCode }),
  z.strictObject({ kind: z.literal('derived'), aggregate: z.literal('days_since'), from: ZCode }),
])

export const ZIndicatorConfig = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('input') }),
  z.strictObject({ kind: z.literal('own'), table: z.string().max(40), field: z.string().max(64) }),
  ZDerivedConfig,
  z.strictObject({
    kind: z.literal('list'),
    listType: z.enum(['black', 'white', 'grey']),
    kinds: z
      .array(z.enum(['id_number', 'phone', 'device', 'ip', 'bank_card']))
      .min(1)
      .max(5),
  }),
  z.strictObject({ kind: z.literal('third_party'), source: ZCode, path: z.string().min(1).max(200) }),
])
export type TIndicatorConfig = z.infer<typeof ZIndicatorConfig>
export type TDerivedConfig = Extract<TIndicatorConfig, { kind: 'derived' }>

/** The data source an indicator is fetched with: indicators of one source share one call. */
export function dataSourceOf(config: TIndicatorConfig): string {
  switch (config.kind) {
    case 'input':
      return 'input'
    case 'own':
      return `own_${config.table}`
    case 'derived':
      return config.aggregate === 'differs' || config.aggregate === 'days_since' ? 'derived_local' : 'derived_velocity'
    case 'list':
      return 'lists'
    case 'third_party':
      return config.source
  }
}

export function dependenciesOf(config: TIndicatorConfig): string[] {
  if (config.kind !== 'derived') return []
  if (config.aggregate === 'differs') return [config.left, config.right]
  if (config.aggregate === 'days_since') return [config.from]
  return []
}

/** The type an indicator must have for its config; null when the config allows any type. */
export function requiredTypeOf(config: TIndicatorConfig): TIndicatorType | null {
  switch (config.kind) {
    case 'own':
      return OWN_FIELDS[config.table]?.[config.field]?.type ?? null
    case 'derived':
      return config.aggregate === 'differs' ? 'boolean' : 'number'
    case 'list':
      return 'boolean'
    default:
      return null
  }
}
