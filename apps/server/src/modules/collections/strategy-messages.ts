/** Messages of strategies and the legal process, in both console languages. */
import { registerMessages } from '../../platform/i18n.ts'

const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en })

registerMessages({
  'collections.segment_empty': m('策略至少需要一个分群', 'A strategy needs at least one segment'),
  'collections.segment_code': m(
    '分群编码须以字母开头，由字母、数字、_ 或 - 组成，最多 20 位：{code}',
    'A segment code starts with a letter and has letters, digits, _ or -, at most 20: {code}',
  ),
  'collections.segment_code_duplicate': m('分群编码 {code} 重复', 'The segment code {code} is used twice'),
  'collections.segment_stage_unknown': m(
    '阶段 {stage} 在本机构不存在',
    'The stage {stage} does not exist in this institution',
  ),
  'collections.segment_amount': m(
    '金额须为不小于 0 的数，最多两位小数：{value}',
    'An amount must be 0 or more with at most two decimals: {value}',
  ),
  'collections.segment_range': m(
    '分群 {segment} 的范围 {range} 无效：下限须小于上限',
    'The range {range} of segment {segment} is invalid: the lower bound must be below the upper bound',
  ),
  'collections.segment_channels': m(
    '请至少选择一种催收方式，且每种方式只出现一次',
    'Choose at least one channel, each channel once',
  ),
  'collections.segment_weights': m(
    '各催收方式的占比之和须为 100%（当前 {total}%）',
    'The channel weights must add up to 100% (now {total}%)',
  ),
  'collections.segment_overlap': m(
    '分群 {segment} 与 {other} 的条件重叠：同一案件不能同时属于两个分群',
    'Segments {segment} and {other} overlap: a case cannot belong to two segments',
  ),
  'collections.strategy_not_draft': m(
    '策略“{name}”已启用或已停用，不能修改；请复制为新草稿',
    'The strategy "{name}" has been activated and can no longer be changed; copy it into a new draft',
  ),
  'collections.strategy_already_active': m('策略“{name}”已在使用中', 'The strategy "{name}" is already active'),
  'collections.strategy_not_active': m('策略“{name}”未在使用中', 'The strategy "{name}" is not active'),
  'collections.strategy_needs_champion': m(
    '须先启用一个主策略，才能启用挑战者策略',
    'A champion strategy must be active before a challenger',
  ),
  'collections.strategy_percent_required': m(
    '挑战者策略须填写分流比例（1–50%）',
    'A challenger needs its share of cases (1–50%)',
  ),
  'collections.legal_already_open': m(
    '借据 {loanNo} 的案件已在诉讼流程中',
    'The case of loan {loanNo} is already in a legal process',
  ),
  'collections.legal_transition': m(
    '诉讼状态不能从“{from}”变为“{to}”',
    'A legal case cannot move from "{from}" to "{to}"',
  ),
  'collections.legal_field_required': m('进入“{status}”时须填写此项', 'Required when moving to "{status}"'),
  'collections.legal_amount': m(
    '金额须为不小于 0 的数，最多两位小数',
    'The amount must be 0 or more with at most two decimals',
  ),
  'collections.legal_fee_amount': m(
    '费用金额须大于 0，最多两位小数',
    'The fee must be more than 0, with at most two decimals',
  ),
  'collections.legal_date_future': m(
    '日期不能晚于当前营业日 {businessDate}',
    'The date cannot be after the business date {businessDate}',
  ),
  'collections.legal_date_order': m(
    '日期不能早于上一步的日期 {date}',
    'The date cannot be before the previous step ({date})',
  ),
  'collections.legal_closed': m('借据 {loanNo} 的诉讼已结束', 'The legal case of loan {loanNo} is closed'),
})
