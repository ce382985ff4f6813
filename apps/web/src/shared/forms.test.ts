import type { FormInstance } from 'antd'
import { describe, expect, it } from 'vitest'
import { ApiError } from './api/error'
import { applyFieldErrors, fieldPathOf } from './forms'

function fakeForm(fields: (string | number)[][]) {
  const set: { name: (string | number)[]; errors: string[] }[] = []
  const form = {
    getFieldsError: () => fields.map((name) => ({ name, errors: [], warnings: [] })),
    setFields: (entries: typeof set) => set.push(...entries),
  } as unknown as FormInstance
  return { form, set }
}

const problem = (errors: { field: string; message: string }[]) =>
  new ApiError({ title: '请求无效', status: 400, code: 'validation', errors })

describe('field errors from problem+json', () => {
  it('strips the request part and keeps array indexes as numbers', () => {
    expect(fieldPathOf('body.username')).toEqual(['username'])
    expect(fieldPathOf('body.positionIds.0')).toEqual(['positionIds', 0])
    expect(fieldPathOf('query.from')).toEqual(['from'])
  })

  it('shows each message under its field, or under the nearest field that exists', () => {
    const { form, set } = fakeForm([['username'], ['positionIds']])
    const leftovers = applyFieldErrors(
      form,
      problem([
        { field: 'body.username', message: '用户名已存在' },
        { field: 'body.positionIds.1', message: '岗位不存在' },
      ]),
    )
    expect(leftovers).toEqual([])
    expect(set).toEqual([
      { name: ['username'], errors: ['用户名已存在'] },
      { name: ['positionIds'], errors: ['岗位不存在'] },
    ])
  })

  it('returns the messages no field on the form can show', () => {
    const { form } = fakeForm([['username']])
    expect(applyFieldErrors(form, problem([{ field: 'body.institutionId', message: '机构不存在' }]))).toEqual([
      '机构不存在',
    ])
  })
})
