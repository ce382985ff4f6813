/** Messages of the risk module in both console languages (`risk.problem.*` are rule-validation problems). */
import { registerMessages } from '../../platform/i18n.ts'

const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en })

registerMessages({
  'risk.problem.indicator_unknown': m('指标 {indicator} 不存在', 'Unknown indicator {indicator}'),
  'risk.problem.indicator_disabled': m('指标 {indicator} 未启用', 'Indicator {indicator} is disabled'),
  'risk.problem.operator_not_allowed': m(
    '{type} 类型的指标 {indicator} 不能使用运算符 {operator}',
    'Operator {operator} cannot be used with {indicator} ({type})',
  ),
  'risk.problem.value_type_mismatch': m(
    '指标 {indicator} 的比较值须为 {expected}（收到 {actual}）',
    'The value for {indicator} must be a {expected} (got {actual})',
  ),
  'risk.problem.enum_value_unknown': m(
    '{value} 不是指标 {indicator} 的可选值',
    '{value} is not a value of {indicator}',
  ),
  'risk.problem.between_unordered': m(
    '区间下限 {low} 不能大于上限 {high}',
    'The lower bound {low} is above the upper bound {high}',
  ),
  'risk.problem.values_empty': m('请至少填写一个值', 'Enter at least one value'),
  'risk.problem.group_empty': m('条件组不能为空', 'A condition group cannot be empty'),
  'risk.problem.group_too_deep': m('条件组嵌套不能超过 {max} 层', 'Condition groups cannot nest deeper than {max}'),
  'risk.problem.expressions_empty': m('规则至少需要一个表达式', 'A rule needs at least one expression'),
  'risk.problem.quota_negative': m('额度不能小于 0（{amount}）', 'The amount cannot be below zero ({amount})'),
  'risk.problem.thresholds_not_ascending': m('分数阈值须按从小到大排列', 'Score thresholds must be in ascending order'),
  'risk.problem.rule_id_duplicate': m('规则 ID {id} 重复', 'Duplicate rule id {id}'),
  'risk.problem.rule_code_duplicate': m('规则编码 {code} 重复', 'Duplicate rule code {code}'),
  'risk.problem.indicator_duplicate': m('指标编码 {code} 重复', 'Duplicate indicator code {code}'),
  'risk.problem.enum_values_missing': m('枚举指标须列出可选值', 'An enum indicator needs its values'),
  'risk.problem.depends_on_not_derived': m(
    '只有衍生指标可以依赖其他指标',
    'Only derived indicators can depend on others',
  ),
  'risk.problem.dependency_unknown': m('依赖的指标 {dependency} 不存在', 'Unknown dependency {dependency}'),
  'risk.problem.derived_cycle': m('衍生指标循环依赖：{cycle}', 'Derived indicators form a cycle: {cycle}'),
  'risk.problem.input_type_mismatch': m(
    '输入 {indicator} 须为 {expected} 类型',
    'Input {indicator} must be a {expected}',
  ),
  'risk.problem.input_missing': m('缺少必填输入 {indicator}', 'Missing required input {indicator}'),
  'risk.field.own_field_unknown': m('数据表 {table} 没有可用字段 {field}', 'Table {table} has no usable field {field}'),
  'risk.field.type_for_config': m(
    '该数据来源的指标类型须为 {expected}',
    'An indicator from this source must be of type {expected}',
  ),
  'risk.field.source_unknown': m('数据源 {source} 不存在', 'Unknown data source {source}'),
  'risk.field.source_code_reserved': m('该编码为系统保留', 'This code is reserved'),
  'risk.field.url_scheme': m(
    '接口地址须以 http:// 或 https:// 开头',
    'The endpoint must be an http:// or https:// URL',
  ),
  'risk.field.cost': m(
    '单次费用须为不小于 0 的金额，最多两位小数',
    'The cost must be an amount ≥ 0 with at most two decimals',
  ),
  'risk.field.customer_unknown': m('客户不存在', 'Unknown customer'),
  'risk.field.version_unknown': m('该场景没有这个版本', 'No such version of this scene'),
  'risk.field.rollback_version': m(
    '只能回滚到本场景已发布过的版本',
    'You can only roll back to a version of this scene that was published',
  ),
  'risk.field.already_champion': m('该版本已在使用中', 'This version is already in use'),
  'risk.field.share_required': m('请填写挑战者流量比例（1–100）', 'Enter the challenger traffic share (1–100)'),
  'risk.field.no_challenger': m('该场景没有挑战者版本', 'The scene has no challenger version'),
  'risk.field.list_value': m('不是有效的{kind}', 'Not a valid {kind}'),
  'risk.field.list_type': m('名单类型须为 black、white 或 grey', 'The list type must be black, white or grey'),
  'risk.field.list_kind': m(
    '名单维度须为 id_number、phone、device、ip 或 bank_card',
    'The kind must be id_number, phone, device, ip or bank_card',
  ),
  'risk.field.list_reason': m('请填写原因（最多 200 字）', 'Enter a reason (at most 200 characters)'),
  'risk.field.list_duplicate': m('该名单中已有此值', 'This value is already on the list'),
  'risk.field.expiry': m('到期时间格式无效', 'Invalid expiry date'),
  'risk.field.import_json': m('内容须为 JSON 数组', 'The content must be a JSON array'),
  'risk.field.import_empty': m('没有可导入的行', 'Nothing to import'),
  'risk.field.import_too_many': m('一次最多导入 {max} 行', 'At most {max} rows per import'),
  'risk.version_not_draft': m(
    '只有草稿可以修改或提交（当前状态：{status}）',
    'Only a draft can be edited or submitted (status: {status})',
  ),
  'risk.indicator_in_use': m(
    '指标正在被使用，不能删除：{rules}',
    'The indicator is in use and cannot be deleted: {rules}',
  ),
  'risk.login_blocked': m('登录被风控拦截，请联系客服', 'Sign-in was blocked by risk control; please contact support'),
})
