/** Messages of the servicing module in both console languages. */
import { registerMessages } from '../../platform/i18n.ts'

registerMessages({
  'servicing.field.amount': {
    'zh-CN': '金额须为大于 0 的数字字符串，最多两位小数（如 "1234.56"）',
    'en-US': 'The amount must be a positive number string with at most two decimals (e.g. "1234.56")',
  },
  'servicing.field.amount_or_zero': {
    'zh-CN': '金额须为不小于 0 的数字字符串，最多两位小数',
    'en-US': 'The amount must be a number string ≥ 0 with at most two decimals',
  },
  'servicing.field.rate': {
    'zh-CN': '利率须为 0 到 1000 之间的数字字符串（百分比）',
    'en-US': 'The rate must be a number string from 0 to 1000 (percent)',
  },
  'servicing.field.date': { 'zh-CN': '日期格式须为 YYYY-MM-DD', 'en-US': 'The date must be YYYY-MM-DD' },
  'servicing.field.min_max': { 'zh-CN': '最小值不能大于最大值', 'en-US': 'The minimum must not exceed the maximum' },
  'servicing.field.term_range': {
    'zh-CN': '期限须为 1–{max} 的整数',
    'en-US': 'The term must be a whole number from 1 to {max}',
  },
  'servicing.field.method_unit': {
    'zh-CN': '按天计的产品只能一次性还本付息',
    'en-US': 'Day-term products can only use bullet repayment',
  },
  'servicing.field.method_not_offered': {
    'zh-CN': '该产品不提供此还款方式',
    'en-US': 'The product does not offer this repayment method',
  },
  'servicing.field.amount_out_of_range': {
    'zh-CN': '金额须在产品额度范围 {min}–{max} 之内',
    'en-US': 'The amount must be within the product range {min}–{max}',
  },
  'servicing.field.term_out_of_range': {
    'zh-CN': '期限须在产品期限范围 {min}–{max} 之内',
    'en-US': 'The term must be within the product range {min}–{max}',
  },
  'servicing.field.allocation_order': {
    'zh-CN': '冲抵顺序须恰好包含 penalty、fee、interest、principal 各一次',
    'en-US': 'The allocation order must list penalty, fee, interest and principal once each',
  },
  'servicing.field.value_date_before_disbursement': {
    'zh-CN': '入账日期不能早于放款日 {date}',
    'en-US': 'The value date cannot be before the disbursement date {date}',
  },
  'servicing.field.value_date_future': {
    'zh-CN': '入账日期不能晚于营业日 {date}',
    'en-US': 'The value date cannot be after the business date {date}',
  },
  'servicing.field.product_unknown': { 'zh-CN': '产品不存在', 'en-US': 'Unknown product' },
  'servicing.field.refund_exceeds_credit': {
    'zh-CN': '退款金额不能超过客户挂账余额 {credit}',
    'en-US': 'The refund cannot exceed the credit balance {credit}',
  },
  'servicing.field.waiver_exceeds': {
    'zh-CN': '减免金额不能超过未还的{component}（{owed}）',
    'en-US': 'The waiver cannot exceed the unpaid {component} ({owed})',
  },
  'servicing.field.waiver_empty': { 'zh-CN': '请至少填写一项减免金额', 'en-US': 'Enter at least one amount to waive' },
  'servicing.field.amount_below_payoff': {
    'zh-CN': '提前结清须至少支付 {payoff}',
    'en-US': 'Early settlement needs at least {payoff}',
  },
  'servicing.field.prepayment_too_small': {
    'zh-CN': '金额须大于当前应还的 {due}，剩余部分才能提前还本',
    'en-US': 'The amount must exceed what is due now ({due}) to prepay principal',
  },
  'servicing.field.prepayment_too_large': {
    'zh-CN': '部分提前还款不能还清全部本金，请使用提前结清',
    'en-US': 'A partial prepayment cannot repay all principal; use early settlement',
  },
  'servicing.schedule.invalid': { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
  'servicing.schedule.out_of_range': { 'zh-CN': '取值超出允许范围', 'en-US': 'Value out of range' },
  'servicing.schedule.not_cents': { 'zh-CN': '金额最多两位小数', 'en-US': 'At most two decimals (cents)' },
  'servicing.schedule.not_allowed': {
    'zh-CN': '该组合不被允许（按天期限只能一次性还本付息）',
    'en-US': 'Not allowed for these terms (day terms are bullet only)',
  },
  'servicing.apr_above_cap': {
    'zh-CN': '年化利率 {apr}% 超过上限 {cap}%',
    'en-US': 'The APR {apr}% is above the cap {cap}%',
  },
  'servicing.product_status': {
    'zh-CN': '产品当前状态为 {status}，不能执行此操作',
    'en-US': 'The product is {status}; this is not possible now',
  },
  'servicing.product_not_listed': {
    'zh-CN': '产品未上架，不能用于新借据',
    'en-US': 'The product is not listed; it cannot take new loans',
  },
  'servicing.loan_status': {
    'zh-CN': '借据当前状态为 {status}，不能执行此操作',
    'en-US': 'The loan is {status}; this is not possible now',
  },
  'servicing.disbursement_failed': {
    'zh-CN': '放款失败：{error}。可稍后重试，不会重复放款。',
    'en-US': 'The disbursement failed: {error}. Retry later; it will never pay twice.',
  },
  'servicing.prepayment_not_allowed': {
    'zh-CN': '该产品不允许提前还款',
    'en-US': 'The product does not allow prepayment',
  },
  'servicing.prepayment_method': {
    'zh-CN': '该还款方式不支持所选的提前还款方式',
    'en-US': 'This repayment method does not support the chosen prepayment option',
  },
  'servicing.reversal_of_reversal': { 'zh-CN': '不能冲正一笔冲正交易', 'en-US': 'A reversal cannot be reversed' },
  'servicing.already_reversed': { 'zh-CN': '该交易已被冲正', 'en-US': 'This transaction has already been reversed' },
  'servicing.not_reversible': {
    'zh-CN': '只有还款可以冲正',
    'en-US': 'Only repayments can be reversed',
  },
  'servicing.reversal_blocked': {
    'zh-CN': '该还款之后已有提前还款、减免、退款或核销，不能冲正',
    'en-US': 'A prepayment, waiver, refund or write-off came after this repayment; it cannot be reversed',
  },
  'servicing.nothing_to_write_off': { 'zh-CN': '借据没有可核销的余额', 'en-US': 'The loan has nothing to write off' },
})
