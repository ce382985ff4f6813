/**
 * Server-side messages in the two languages of the console. The caller's language comes from
 * `X-Locale` or `Accept-Language`; anything that is not Chinese gets English.
 */
export type Locale = 'zh-CN' | 'en-US'

export function pickLocale(header: string | undefined, override?: string): Locale {
  const raw = (override ?? header ?? '').toLowerCase()
  if (override) return raw.startsWith('zh') ? 'zh-CN' : 'en-US'
  // Accept-Language: take the first language listed
  const first = raw.split(',')[0]?.trim() ?? ''
  return first.startsWith('zh') ? 'zh-CN' : first === '' ? 'zh-CN' : 'en-US'
}

type Messages = Record<string, { 'zh-CN': string; 'en-US': string }>

const messages: Messages = {
  'problem.validation': { 'zh-CN': '请求参数有误', 'en-US': 'Invalid request' },
  'problem.validation.detail': { 'zh-CN': '请检查标出的字段。', 'en-US': 'Please check the fields listed.' },
  'problem.malformed_json': { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'The request body is not valid JSON' },
  'problem.unsupported_media_type': { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  'problem.payload_too_large': { 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  'problem.unauthenticated': { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  'problem.session_expired': {
    'zh-CN': '会话已过期，请重新登录',
    'en-US': 'Your session has expired; please sign in again',
  },
  'problem.forbidden': { 'zh-CN': '没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  'problem.csrf': { 'zh-CN': '缺少或错误的 CSRF 令牌', 'en-US': 'Missing or wrong CSRF token' },
  'problem.not_found': { 'zh-CN': '对象不存在', 'en-US': 'Not found' },
  'problem.conflict': { 'zh-CN': '与现有数据冲突', 'en-US': 'Conflicts with existing data' },
  'problem.invalid_credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'problem.locked': {
    'zh-CN': '登录失败次数过多，账户已锁定，请稍后再试或联系管理员解锁',
    'en-US': 'Too many failed sign-ins; the account is locked. Try again later or ask an administrator to unlock it',
  },
  'problem.frozen': { 'zh-CN': '账户已冻结', 'en-US': 'The account is frozen' },
  'problem.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; please try again later' },
  'problem.invalid_code': { 'zh-CN': '验证码错误或已过期', 'en-US': 'The code is wrong or has expired' },
  'problem.method_not_allowed': { 'zh-CN': '不支持的请求方法', 'en-US': 'Method not allowed' },
  'problem.internal': { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' },
  'problem.business_rule': { 'zh-CN': '操作不符合业务规则', 'en-US': 'The operation breaks a business rule' },
  'problem.idempotency_mismatch': {
    'zh-CN': '同一个 Idempotency-Key 用于了不同的请求内容',
    'en-US': 'The Idempotency-Key was already used with a different request',
  },
  'problem.idempotency_in_progress': {
    'zh-CN': '同一个 Idempotency-Key 的请求正在处理中',
    'en-US': 'A request with this Idempotency-Key is still being processed',
  },
  'field.unknown': { 'zh-CN': '不允许的字段', 'en-US': 'Unknown field' },
  'field.username_taken': { 'zh-CN': '用户名已被使用', 'en-US': 'This username is taken' },
  'field.code_taken': { 'zh-CN': '编码已被使用', 'en-US': 'This code is taken' },
  'field.name_taken': { 'zh-CN': '名称已被使用', 'en-US': 'This name is taken' },
  'field.wrong_password': { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  'field.password_weak': {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字',
    'en-US': 'The password needs at least 8 characters with letters and digits',
  },
  'field.password_same': {
    'zh-CN': '新密码不能与当前密码相同',
    'en-US': 'The new password must differ from the current one',
  },
  'field.phone_invalid': {
    'zh-CN': '请输入 11 位中国大陆手机号',
    'en-US': 'Enter an 11-digit mainland China mobile number',
  },
  'field.position_unknown': {
    'zh-CN': '岗位不存在或不属于该机构',
    'en-US': 'Unknown position, or one of another institution',
  },
  'field.team_unknown': { 'zh-CN': '团队不存在或不属于该机构', 'en-US': 'Unknown team, or one of another institution' },
  'field.institution_unknown': { 'zh-CN': '机构不存在', 'en-US': 'Unknown institution' },
  'field.role_unknown': { 'zh-CN': '角色不存在', 'en-US': 'Unknown role' },
  'field.operation_unknown': { 'zh-CN': '未知的操作权限：{value}', 'en-US': 'Unknown operation: {value}' },
  'field.scope_too_wide': {
    'zh-CN': '机构岗位的数据范围不能是全平台',
    'en-US': 'A position of an institution cannot have platform scope',
  },
  'field.date_range': { 'zh-CN': '开始时间不能晚于结束时间', 'en-US': 'The start must not be after the end' },
  'field.idempotency_key_required': {
    'zh-CN': '资金类操作必须提供 Idempotency-Key 请求头',
    'en-US': 'Money-moving requests need an Idempotency-Key header',
  },
  'field.idempotency_key_format': {
    'zh-CN': 'Idempotency-Key 须为 8–128 位字母、数字或 _.:-',
    'en-US': 'The Idempotency-Key must be 8–128 letters, digits or _.:-',
  },
  'field.self_freeze': { 'zh-CN': '不能冻结自己', 'en-US': 'You cannot freeze yourself' },
}

export type MessageKey = keyof typeof messages

export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const entry = messages[key]
  let text = entry ? entry[locale] : key
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v))
  return text
}

/** Modules add their own messages at load time; keys are namespaced by module. */
export function registerMessages(extra: Messages): void {
  for (const [k, v] of Object.entries(extra)) messages[k] = v
}
