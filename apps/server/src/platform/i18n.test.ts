import { describe, expect, it } from 'vitest'
import { pickLocale, t } from './i18n.ts'

describe('locale choice', () => {
  it('takes X-Locale first, then the first Accept-Language entry; Chinese by default', () => {
    expect(pickLocale('en-US,en;q=0.9', 'zh-CN')).toBe('zh-CN')
    expect(pickLocale('en-GB,zh;q=0.5')).toBe('en-US')
    expect(pickLocale('zh-TW')).toBe('zh-CN')
    expect(pickLocale(undefined)).toBe('zh-CN')
    expect(t('en-US', 'field.operation_unknown', { value: 'x.y' })).toBe('Unknown operation: x.y')
  })
})
