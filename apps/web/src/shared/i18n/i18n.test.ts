import { describe, expect, it } from 'vitest'
import { enUS } from './en-US'
import { zhCN } from './zh-CN'

describe('dictionaries', () => {
  it('have the same keys and no empty text', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort())
    for (const text of [...Object.values(enUS), ...Object.values(zhCN)]) expect(text.trim()).not.toBe('')
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const [key, text] of Object.entries(zhCN))
      expect(placeholders(enUS[key as keyof typeof zhCN]), key).toEqual(placeholders(text))
  })
})
