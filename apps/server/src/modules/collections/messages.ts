/** Messages of the collections module in both console languages. */
import { registerMessages } from '../../platform/i18n.ts'

const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en })

registerMessages({
  'collections.stage_empty': m('至少需要一个阶段', 'At least one stage is needed'),
  'collections.stage_code': m(
    '阶段编码须以大写字母开头，最多 10 位（如 S1、M4+）',
    'A stage code starts with a capital letter, at most 10 characters (e.g. S1, M4+)',
  ),
  'collections.stage_code_duplicate': m('阶段编码 {code} 重复', 'The stage code {code} is used twice'),
  'collections.stage_day': m('天数须为 {min} 到 {max} 之间的整数', 'Days must be whole numbers from {min} to {max}'),
  'collections.stage_inverted': m('阶段 {range} 的结束天数小于开始天数', 'Stage {range} ends before it starts'),
  'collections.stage_open_not_last': m(
    '只有最后一个阶段可以不设上限：{range}',
    'Only the last stage may be open-ended: {range}',
  ),
  'collections.stage_order': m(
    '阶段须按天数升序排列：{range} 排在 {previous} 之后',
    'Stages must be in ascending order: {range} comes after {previous}',
  ),
  'collections.stage_overlap': m('阶段 {previous} 与 {range} 重叠', 'Stages {previous} and {range} overlap'),
  'collections.stage_gap': m(
    '阶段 {previous} 与 {range} 之间有空档：第 {from}–{to} 天不属于任何阶段',
    'Gap between {previous} and {range}: days {from}–{to} belong to no stage',
  ),
  'collections.stage_last_open': m('最后一个阶段须不设上限（{range}）', 'The last stage must be open-ended ({range})'),
  'collections.stage_day_one': m(
    '逾期第 1 天须属于某个阶段（首个阶段为 {range}）',
    'Day 1 past due must belong to a stage (the first is {range})',
  ),
  'collections.position_unknown': m(
    '岗位 {position} 在本机构不存在',
    'The position {position} does not exist in this institution',
  ),
  'collections.cases_mixed_institutions': m('所选案件须属于同一机构', 'The cases must belong to one institution'),
  'collections.complaint_resolved': m('该投诉已处理', 'The complaint has already been resolved'),
  'collections.case_finished': m(
    '案件（借据 {loanNo}）已结案，不能再操作',
    'The case (loan {loanNo}) is finished and can no longer be worked',
  ),
  'collections.collector_unknown': m(
    '催收员不存在、已停用或不属于该案件的机构',
    'Unknown or inactive collector, or one of another institution',
  ),
  'collections.collector_wrong_stage': m(
    '{collector} 不属于 {stage} 阶段的催收组（需要岗位 {position}）',
    '{collector} is not in the {stage} collection group (needs position {position})',
  ),
  'collections.contact_unknown': m('请选择借款人的一位紧急联系人', "Choose one of the borrower's emergency contacts"),
  'collections.contact_label_required': m('请填写联系对象（如“同事”）', 'Say whom you contacted (e.g. "colleague")'),
  'collections.promise_amount': m(
    '承诺金额须不小于 0.01，最多两位小数',
    'The promised amount must be at least 0.01, with at most two decimals',
  ),
  'collections.field_date': m('日期格式须为 YYYY-MM-DD', 'The date must be YYYY-MM-DD'),
  'collections.promise_date_past': m(
    '承诺还款日不能早于当前营业日 {businessDate}',
    'The promised date cannot be before the business date {businessDate}',
  ),
  'collections.promise_date_far': m(
    '承诺还款日不能晚于 {days} 天之后',
    'The promised date cannot be more than {days} days ahead',
  ),
  'collections.promise_needs_reached': m(
    '只有联系上时才能登记承诺还款',
    'A promise can only be recorded when the contact was reached',
  ),
  'collections.promise_required': m(
    '结果为“承诺还款”时须填写承诺金额和日期',
    'The result "promise to pay" needs the amount and date',
  ),
  'collections.rule_hours': m(
    '合规限制：当前时间 {now}（{timeZone}）不在允许联系的时段 {from}–{to} 内',
    'Compliance: {now} ({timeZone}) is outside the allowed contact hours {from}–{to}',
  ),
  'collections.rule_attempt_cap': m(
    '合规限制：今天对该联系人未接通的尝试已达上限 {max} 次',
    'Compliance: the cap of {max} unanswered attempts per contact per day has been reached',
  ),
  'collections.rule_third_party_disclosure': m(
    '合规限制：联系第三方时不得透露债务信息',
    'Compliance: the debt must not be disclosed to a third party',
  ),
  'collections.rule_third_party_reachable': m(
    '合规限制：只有在借款人本人无法联系时才能联系紧急联系人或其他第三方',
    'Compliance: emergency contacts and other third parties may be contacted only when the borrower is unreachable',
  ),
  'collections.rule_do_not_contact': m(
    '合规限制：该联系人已标记为“禁止联系”',
    'Compliance: this contact is flagged do-not-contact',
  ),
  'collections.rule_stop_requested': m(
    '合规限制：该联系人已要求停止联系',
    'Compliance: this contact has asked not to be contacted again',
  ),
  'collections.field_hhmm': m('时间格式须为 HH:MM（00:00–23:59）', 'The time must be HH:MM (00:00–23:59)'),
  'collections.field_time_zone': m('未知的时区（如 Asia/Shanghai）', 'Unknown time zone (e.g. Asia/Shanghai)'),
  'collections.field_hours_empty': m(
    '允许联系的开始和结束时间不能相同',
    'The allowed hours cannot start and end at the same time',
  ),
  'collections.ladder_code': m(
    '步骤编码须为小写字母开头的字母、数字或下划线：{code}',
    'A step code is lowercase letters, digits and _, starting with a letter: {code}',
  ),
  'collections.ladder_code_duplicate': m('步骤编码 {code} 重复', 'The step code {code} is used twice'),
  'collections.ladder_day': m(
    '步骤天数须为 {min} 到 {max} 之间的整数',
    'The step day must be a whole number from {min} to {max}',
  ),
  'collections.write_off_already_proposed': m(
    '借据 {loanNo} 已申请过核销',
    'A write-off of loan {loanNo} has already been proposed',
  ),
  'collections.field_period': m(
    '开始日期不能晚于结束日期，且期间最长 366 天',
    'The start must not be after the end, and the period is at most 366 days',
  ),
})
