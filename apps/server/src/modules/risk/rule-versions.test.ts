import { describe, expect, it } from 'vitest'
import { bureauAnswer, provinceOfIp, telecomAnswer } from './datasim-answers.ts'
import { diffRules } from './diff-versions.ts'
import { is, resultRule } from './domain/index.ts'
import { numberRules } from './rule-versions.ts'

const young = resultRule({ code: 'young', name: 'Young', when: [[is('age', 'lt', 22), 'manual']] })
const old = resultRule({ code: 'old', name: 'Old', when: [[is('age', 'gt', 60), 'reject']] })

describe('rule numbering and diff', () => {
  it('a rule keeps its version while unchanged and goes up by one when edited', () => {
    const base = [{ ...young, version: 3 }, old]
    const edited = resultRule({ code: 'young', name: 'Young', when: [[is('age', 'lt', 23), 'manual']] })
    expect(numberRules([young, old], base).map((r) => r.version)).toEqual([3, 1])
    expect(numberRules([edited, old], base).map((r) => r.version)).toEqual([4, 1])
  })

  it('the diff names added, removed, changed and moved rules', () => {
    const edited = resultRule({ code: 'young', name: 'Young people', when: [[is('age', 'lt', 23), 'manual']] })
    const extra = resultRule({ code: 'extra', name: 'Extra', when: [[is('age', 'gt', 70), 'reject']] })
    const diff = diffRules([young, old], [extra, edited])
    expect(diff.added.map((r) => r.code)).toEqual(['extra'])
    expect(diff.removed.map((r) => r.code)).toEqual(['old'])
    expect(diff.changed).toMatchObject([{ code: 'young', fields: ['name'], expressions: { changed: [{ index: 0 }] } }])
    expect(diff.moved).toEqual([{ id: 'young', code: 'young', from: 0, to: 1 }])
  })

  it('datasim answers the same input the same way', () => {
    const who = { id_number: '110101199003070011', phone: '13800001111' }
    expect(bureauAnswer(who)).toEqual(bureauAnswer({ ...who }))
    expect(telecomAnswer(who)).toEqual(telecomAnswer({ ...who }))
    expect(provinceOfIp('58.1.2.3')).toBe(provinceOfIp('58.1.200.9'))
  })
})
