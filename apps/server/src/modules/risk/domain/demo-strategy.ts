/**
 * The default pre-review (预审) strategy shipped with the demo and used by the benchmark: 22 rules in
 * the order a risk team would run them — free own data, lists and velocity first, paid bureau and
 * telecom data after, then the scorecard and the credit line. The numbers are plausible for a
 * consumer small-loan book, not advice.
 */
import { all, any, between, is, isEmpty, oneOf, quotaRule, resultRule, scoreRule } from './builders.ts'
import type {
  TDataSourcePolicy,
  TIndicatorDefinition,
  TIndicatorSourceKind,
  TIndicatorType,
  TRuleSet,
} from './model.ts'

const indicator = (
  code: string,
  name: string,
  type: TIndicatorType,
  sourceKind: TIndicatorSourceKind,
  dataSource: string,
  extra: Partial<TIndicatorDefinition> = {},
): TIndicatorDefinition => ({ code, name, type, sourceKind, dataSource, enabled: true, ...extra })

export const demoIndicators: TIndicatorDefinition[] = [
  indicator('age', 'Age (年龄)', 'number', 'own', 'application'),
  indicator('monthly_income', 'Monthly income, CNY (月收入)', 'number', 'own', 'application'),
  indicator('debt_ratio', 'Debt-to-income ratio (负债率)', 'number', 'own', 'application'),
  indicator('employment_type', 'Employment (职业类型)', 'enum', 'own', 'application', {
    enumValues: ['salaried', 'self_employed', 'unemployed', 'student', 'retired'],
  }),
  indicator('days_since_registration', 'Days since registration (注册天数)', 'number', 'own', 'application'),
  indicator('ip_province', 'Province of the application IP', 'string', 'own', 'application'),
  indicator('stated_province', 'Province of the stated address', 'string', 'own', 'application'),
  indicator('ip_region_mismatch', 'IP region differs from address (地址交叉验证)', 'boolean', 'derived', 'geo', {
    dependsOn: ['ip_province', 'stated_province'],
  }),
  indicator('blacklist_hit', 'Blacklist hit (黑名单)', 'boolean', 'list', 'lists'),
  indicator('greylist_hit', 'Greylist hit (灰名单)', 'boolean', 'list', 'lists'),
  indicator('device_account_count', 'Accounts on this device (设备关联账户数)', 'number', 'derived', 'velocity'),
  indicator('account_device_count', 'Devices on this account (账户关联设备数)', 'number', 'derived', 'velocity'),
  indicator('ip_app_count_1h', 'Applications from this IP in 1 h (IP 1小时申请数)', 'number', 'derived', 'velocity'),
  indicator(
    'overdue_count_12m',
    'Overdue installments in 12 months (12月逾期次数)',
    'number',
    'derived',
    'loan_history',
  ),
  indicator('bureau_score', 'Credit bureau score (征信分)', 'number', 'third_party', 'bureau'),
  indicator('bureau_inquiries_3m', 'Bureau inquiries in 3 months (近3月查询次数)', 'number', 'third_party', 'bureau'),
  indicator('multi_lender_count', 'Lenders borrowed from (多头借贷数)', 'number', 'third_party', 'bureau'),
  indicator('phone_tenure_months', 'Phone number in service, months (在网时长)', 'number', 'third_party', 'telecom'),
  indicator('phone_name_match', 'Phone registered to applicant (手机实名一致)', 'boolean', 'third_party', 'telecom'),
]

const income = (low: number, high: number) => all(is('monthly_income', 'gte', low), is('monthly_income', 'lt', high))
const bureau = (low: number, high: number) => all(is('bureau_score', 'gte', low), is('bureau_score', 'lt', high))

export const demoPreReviewRuleSet: TRuleSet = {
  id: 'demo_pre_review',
  scene: 'pre_review',
  name: 'Pre-review default strategy (预审默认策略)',
  version: 1,
  rules: [
    resultRule({ code: 'age_minimum', name: 'Under 18', when: [[is('age', 'lt', 18), 'reject']] }),
    resultRule({ code: 'age_maximum', name: 'Over 60', when: [[is('age', 'gt', 60), 'reject']] }),
    resultRule({ code: 'age_young', name: 'Under 22: manual review', when: [[is('age', 'lt', 22), 'manual']] }),
    resultRule({ code: 'blacklist', name: 'Blacklisted', when: [[is('blacklist_hit', 'eq', true), 'reject']] }),
    resultRule({ code: 'greylist', name: 'Greylisted', when: [[is('greylist_hit', 'eq', true), 'manual']] }),
    resultRule({
      code: 'device_sharing',
      name: 'Many accounts on one device',
      when: [
        [is('device_account_count', 'gte', 4), 'reject'],
        [between('device_account_count', 2, 3), 'manual'],
      ],
    }),
    resultRule({
      code: 'account_devices',
      name: 'Many devices on one account',
      when: [[is('account_device_count', 'gt', 5), 'manual']],
    }),
    resultRule({
      code: 'ip_velocity',
      name: 'Suspected fraud: 10+ applications from one IP in an hour',
      when: [[is('ip_app_count_1h', 'gte', 10), 'reject']],
    }),
    resultRule({
      code: 'address_mismatch',
      name: 'New customer applying from another province',
      when: [[all(is('ip_region_mismatch', 'eq', true), is('days_since_registration', 'lt', 30)), 'manual']],
    }),
    resultRule({
      code: 'new_account_burst',
      name: 'Applications burst right after registration',
      when: [[all(is('days_since_registration', 'lt', 1), is('ip_app_count_1h', 'gte', 3)), 'manual']],
    }),
    resultRule({
      code: 'income',
      name: 'Income too low or not stated',
      when: [
        [isEmpty('monthly_income'), 'manual'],
        [is('monthly_income', 'lt', 2000), 'reject'],
      ],
    }),
    resultRule({
      code: 'employment',
      name: 'No employment income',
      when: [[oneOf('employment_type', ['unemployed', 'student']), 'reject']],
    }),
    resultRule({
      code: 'debt_ratio',
      name: 'Debt ratio',
      when: [
        [is('debt_ratio', 'gt', 0.7), 'reject'],
        [between('debt_ratio', 0.5, 0.7), 'manual'],
      ],
    }),
    resultRule({
      code: 'overdue_history',
      name: 'Overdue in the last 12 months',
      when: [
        [is('overdue_count_12m', 'gte', 3), 'reject'],
        [between('overdue_count_12m', 1, 2), 'manual'],
      ],
    }),
    resultRule({ code: 'bureau_thin_file', name: 'No bureau file', when: [[isEmpty('bureau_score'), 'manual']] }),
    resultRule({
      code: 'bureau_score_low',
      name: 'Bureau score below 550',
      when: [[is('bureau_score', 'lt', 550), 'reject']],
    }),
    resultRule({
      code: 'bureau_inquiries',
      name: 'Many recent bureau inquiries',
      when: [
        [is('bureau_inquiries_3m', 'gt', 10), 'reject'],
        [is('bureau_inquiries_3m', 'gt', 6), 'manual'],
      ],
    }),
    resultRule({
      code: 'multi_lender',
      name: 'Borrowing from many lenders',
      when: [
        [is('multi_lender_count', 'gte', 5), 'reject'],
        [all(is('multi_lender_count', 'gte', 3), is('debt_ratio', 'gt', 0.4)), 'manual'],
      ],
    }),
    // Either check alone is common (family phone plans, new numbers); both together is a red flag.
    resultRule({
      code: 'phone_identity',
      name: 'Phone neither in own name nor long held',
      relation: 'any_pass',
      when: [
        [is('phone_name_match', 'eq', false), 'reject'],
        [is('phone_tenure_months', 'lt', 3), 'reject'],
      ],
    }),
    scoreRule({
      code: 'scorecard',
      name: 'Application scorecard (申请评分卡)',
      thresholds: [
        { below: 470, result: 'reject' },
        { below: 520, result: 'manual' },
      ],
      when: [
        [is('age', 'gte', 18), 300],
        [between('age', 25, 45), 40],
        [any(between('age', 22, 24), between('age', 46, 60)), 20],
        [is('monthly_income', 'gte', 15000), 80],
        [income(8000, 15000), 50],
        [income(4000, 8000), 25],
        [is('bureau_score', 'gte', 750), 120],
        [bureau(680, 750), 80],
        [bureau(600, 680), 40],
        [is('debt_ratio', 'lt', 0.3), 40],
        [all(is('debt_ratio', 'gte', 0.3), is('debt_ratio', 'lt', 0.5)), 15],
        [is('bureau_inquiries_3m', 'lte', 2), 30],
        [is('multi_lender_count', 'eq', 0), 20],
        [is('days_since_registration', 'gte', 180), 20],
        [is('overdue_count_12m', 'eq', 0), 30],
      ],
    }),
    quotaRule({
      code: 'credit_line_tier',
      name: 'Credit line by bureau score and income',
      relation: 'max',
      when: [
        [all(is('bureau_score', 'gte', 750), is('monthly_income', 'gte', 15000)), '50000.00'],
        [all(is('bureau_score', 'gte', 700), is('monthly_income', 'gte', 8000)), '30000.00'],
        [is('bureau_score', 'gte', 640), '15000.00'],
        [is('monthly_income', 'gte', 2000), '5000.00'],
      ],
    }),
    quotaRule({
      code: 'credit_line_cap',
      name: 'Cap by income and debt',
      relation: 'min',
      when: [
        [is('monthly_income', 'lt', 5000), '8000.00'],
        [is('monthly_income', 'lt', 10000), '20000.00'],
        [is('debt_ratio', 'gte', 0.5), '10000.00'],
      ],
    }),
  ],
}

export const demoDataSources: TDataSourcePolicy[] = [
  ...['application', 'geo', 'lists', 'velocity', 'loan_history'].map(
    (code): TDataSourcePolicy => ({
      code,
      costPerCall: '0.00',
      timeoutMs: 500,
      callCycle: { mode: 'every_time' },
      fallback: { mode: 'manual' },
    }),
  ),
  {
    code: 'bureau',
    costPerCall: '1.50',
    timeoutMs: 3000,
    callCycle: { mode: 'reuse', days: 30 },
    fallback: { mode: 'manual' },
  },
  {
    code: 'telecom',
    costPerCall: '0.30',
    timeoutMs: 2000,
    callCycle: { mode: 'every_time' },
    // A telecom outage should not stop lending: assume a matching, established number.
    fallback: { mode: 'default', values: { phone_name_match: true, phone_tenure_months: 24 } },
  },
]
