/** The customers module's messages in both languages (field errors and business rules). */
import { registerMessages } from '../../platform/i18n.ts'

registerMessages({
  'customers.field.id_format': {
    'zh-CN': '身份证号须为 18 位（最后一位可为 X）',
    'en-US': 'The ID number must have 18 characters (the last may be X)',
  },
  'customers.field.id_birth_date': {
    'zh-CN': '身份证号中的出生日期无效',
    'en-US': 'The date of birth inside the ID number is not a real date',
  },
  'customers.field.id_checksum': {
    'zh-CN': '身份证号校验位不正确，请核对号码',
    'en-US': 'The ID number check digit is wrong; please check the number',
  },
  'customers.field.under_age': {
    'zh-CN': '客户须年满 18 周岁（按身份证出生日期计算，当前 {age} 岁）',
    'en-US': 'The customer must be at least 18 (the ID number gives age {age})',
  },
  'customers.field.id_taken': {
    'zh-CN': '该身份证号已是本机构的客户',
    'en-US': 'A customer with this ID number already exists in this institution',
  },
  'customers.field.card_invalid': {
    'zh-CN': '银行卡号无效（须为 12–19 位数字且校验位正确）',
    'en-US': 'Invalid bank card number (12–19 digits with a valid check digit)',
  },
  'customers.field.card_taken': {
    'zh-CN': '该银行卡已绑定到此客户',
    'en-US': 'This card is already on file for this customer',
  },
  'customers.field.amount_invalid': {
    'zh-CN': '请输入金额，如 8000 或 8000.50（最多两位小数）',
    'en-US': 'Enter an amount such as 8000 or 8000.50 (at most two decimals)',
  },
  'customers.field.manager_unknown': {
    'zh-CN': '客户经理不存在或不属于本机构',
    'en-US': 'Unknown account manager, or one of another institution',
  },
  'customers.field.phone_duplicate': {
    'zh-CN': '手机号重复',
    'en-US': 'This phone number is listed twice',
  },
  'customers.profile_incomplete': {
    'zh-CN': '借款人资料不完整（缺少姓名或身份证号）',
    'en-US': 'The borrower profile is incomplete (name or ID number missing)',
  },
})
