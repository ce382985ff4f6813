import { describe, expect, it } from 'vitest'
import { checkTiers, DEFAULT_TIERS, stepsFor } from './approval-chain.ts'
import { textToPdf, wrapLine } from './pdf.ts'
import { borrowerStatusOf, canMove, progressOf } from './status.ts'
import { amountInWords, renderTemplate, unknownPlaceholders } from './template.ts'
import { detectType, isSafeFilename, parseUploadMetadata } from './uploads.ts'

describe('approval chain by amount and score', () => {
  it('follows the example policy', () => {
    expect(stepsFor(DEFAULT_TIERS, '49999.99', 600)).toEqual([])
    expect(stepsFor(DEFAULT_TIERS, '50000.00', 600).map((s) => s.code)).toEqual(['regional_manager'])
    expect(stepsFor(DEFAULT_TIERS, '100000.00', 600).map((s) => s.code)).toEqual([
      'regional_manager',
      'department_head',
    ])
    expect(stepsFor(DEFAULT_TIERS, '500000.00', null).map((s) => s.code)).toEqual(['department_head', 'hq_committee'])
    expect(checkTiers(DEFAULT_TIERS)).toEqual([])
  })
  it('a score condition can add steps for weak scores', () => {
    const tiers = [
      { minAmount: '0', maxAmount: null, scoreBelow: 500, steps: [{ code: 'x', name: 'x' }] },
      { minAmount: '0', maxAmount: null, steps: [] },
    ]
    expect(stepsFor(tiers, '100.00', 400).map((s) => s.code)).toEqual(['x'])
    expect(stepsFor(tiers, '100.00', 700)).toEqual([])
  })
  it('reports bad tiers', () => {
    expect(checkTiers([{ minAmount: '10', maxAmount: '5', steps: [] }])[0]!.problem).toBe('range')
  })
})

describe('statuses', () => {
  it('maps internal statuses to what the applicant sees', () => {
    expect(borrowerStatusOf('manual_review')).toBe('under_review')
    expect(borrowerStatusOf('approval')).toBe('under_review')
    expect(canMove('disbursed', 'rejected')).toBe(false)
    expect(progressOf('disbursed').every((s) => s.state === 'done')).toBe(true)
    expect(progressOf('rejected')[1]!.state).toBe('failed')
  })
})

describe('uploads', () => {
  it('parses tus metadata', () => {
    const b = (s: string) => Buffer.from(s).toString('base64')
    expect(parseUploadMetadata(`filename ${b('身份证.jpg')},filetype ${b('image/jpeg')},empty`)).toEqual({
      filename: '身份证.jpg',
      filetype: 'image/jpeg',
      empty: '',
    })
    expect(parseUploadMetadata('filename a b c')).toBeNull()
  })
  it('refuses path traversal', () => {
    for (const bad of ['../etc/passwd', 'a/b.jpg', 'a\\b.png', '..', '', 'x\u0000.jpg'])
      expect(isSafeFilename(bad)).toBe(false)
    expect(isSafeFilename('id-front.jpg')).toBe(true)
  })
  it('detects types by magic bytes', () => {
    expect(detectType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(detectType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(detectType(Buffer.from('%PDF-1.7'))).toBe('application/pdf')
    expect(detectType(Buffer.from('MZ\x90\x00'))).toBeNull()
  })
})

describe('contract text', () => {
  it('renders placeholders and reports unknown ones', () => {
    expect(unknownPlaceholders('{{amount}} {{nope}}')).toEqual(['nope'])
    const values = Object.fromEntries(['amount'].map((k) => [k, '1.00'])) as never
    expect(renderTemplate('金额 {{amount}}', values)).toBe('金额 1.00')
  })
  it('writes amounts in capital numerals', () => {
    expect(amountInWords('12345.60')).toBe('壹万贰仟叁佰肆拾伍元陆角')
    expect(amountInWords('10000.00')).toBe('壹万元整')
    expect(amountInWords('100005.00')).toBe('壹拾万零伍元整')
    expect(amountInWords('0.05')).toBe('零元零伍分')
  })
})

describe('pdf', () => {
  it('wraps by display width', () => {
    expect(wrapLine('一二三四', 2)).toEqual(['一二', '三四'])
    expect(wrapLine('abcd', 1)).toEqual(['ab', 'cd'])
  })
  it('never starts a line with closing punctuation (it overhangs the line before)', () => {
    expect(wrapLine('一二，三四。', 2)).toEqual(['一二，', '三四。'])
  })
  it('writes the document title as a UTF-16 text string with its byte-order mark', () => {
    // 个 = U+4E2A
    expect(textToPdf('x', { title: '个人借款合同' }).toString('latin1')).toContain('/Title <FEFF4E2A')
  })
  it('writes a well-formed PDF with the Chinese CID font and a correct xref', () => {
    const pdf = textToPdf('借款合同\n金额：人民币 8,000.00 元\n'.repeat(80), { title: '个人借款合同' })
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-1.4')).toBe(true)
    expect(text).toContain('/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H')
    // 借 = U+501F
    expect(text).toContain('<501F')
    const start = Number(/startxref\n(\d+)/.exec(text)![1])
    expect(text.slice(start, start + 4)).toBe('xref')
    const entries = [...text.slice(start).matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]))
    for (const [i, off] of entries.entries())
      expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`)
    expect(Number(/\/Count (\d+)/.exec(text)![1])).toBeGreaterThan(1)
  })
})
