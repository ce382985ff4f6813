/** Messages of early warning (风险预警) in both console languages. */
import { registerMessages } from '../../platform/i18n.ts'

const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en })

registerMessages({
  'collections.warning_transition': m(
    '预警当前状态为 {status}，不能执行该操作（{action}）',
    'The warning is {status}; the action {action} is not allowed',
  ),
  'collections.warning_note_required': m('忽略预警时须说明原因', 'Say why the warning is dismissed'),
  'collections.warning_owner_unknown': m(
    '处理人不存在、已停用、不属于该预警的机构，或没有处理预警的权限',
    'Unknown or inactive user, of another institution, or without the right to handle warnings',
  ),
  'collections.warning_rule_unknown': m('未知的预警规则', 'Unknown warning rule'),
  'collections.warning_param_unknown': m('规则 {rule} 没有该参数', 'The rule {rule} has no such parameter'),
  'collections.warning_param_range': m('须为 {min} 到 {max} 之间的整数', 'Must be a whole number from {min} to {max}'),
  'collections.warning_percent': m(
    '百分比须在 {min} 到 {max} 之间，最多两位小数',
    'The percentage must be from {min} to {max}, with at most two decimals',
  ),
})
