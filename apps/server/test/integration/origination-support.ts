/** Helpers of the origination tests: borrower sign-in, valid ID numbers, tus uploads, applying. */
import { sql } from 'drizzle-orm'
import { idNumberCheckChar } from '../../src/modules/customers/domain/id-number.ts'
import { SYSTEM } from '../../src/platform/db/open.ts'
import type { Client, TestEnv } from '../harness.ts'

/** A valid mainland ID number for the birth date (YYYYMMDD). */
export function idNumberFor(birth: string, seq = '123'): string {
  const first17 = `110105${birth}${seq}`
  return first17 + idNumberCheckChar(first17)
}

export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF-fake-id-photo-bytes'),
])

export async function borrowerClient(env: TestEnv, phone: string): Promise<Client> {
  const borrower = env.client()
  await borrower.post('/api/v1/borrower/otp', { phone })
  const code = await env.platform.db.tx(SYSTEM, async (tx) => {
    const r = await tx.execute(
      sql`select body from notifications where template = 'borrower.otp' order by created_at desc limit 1`,
    )
    return /(\d{6})/.exec((r as unknown as { rows: { body: string }[] }).rows[0]!.body)![1]!
  })
  const res = await borrower.post('/api/v1/borrower/login', { phone, code })
  if (res.status !== 200) throw new Error(`borrower login ${res.status} ${res.text}`)
  return borrower
}

/** A raw request with the client's cookies and CSRF header (tus needs non-JSON bodies and headers). */
export async function raw(
  env: TestEnv,
  c: Client,
  method: 'POST' | 'PATCH' | 'HEAD' | 'OPTIONS',
  url: string,
  headers: Record<string, string>,
  payload?: Buffer,
) {
  const csrf = c.cookies.get('xd_csrf')
  const res = await env.app.inject({
    method,
    url,
    headers: {
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...headers,
    },
    payload,
  })
  let body: unknown = res.body
  try {
    body = JSON.parse(res.body)
  } catch {}
  return { status: res.statusCode, headers: res.headers, body: body as Record<string, unknown> }
}

const b64 = (s: string) => Buffer.from(s).toString('base64')

export function tusMetadata(filename: string, filetype: string, kind = 'id_front'): string {
  return `filename ${b64(filename)},filetype ${b64(filetype)},kind ${b64(kind)}`
}

export const TUS = { 'tus-resumable': '1.0.0' }

/** Uploads a whole file in one PATCH; returns its id. */
export async function upload(
  env: TestEnv,
  c: Client,
  bytes: Buffer,
  name = 'id-front.jpg',
  type = 'image/jpeg',
  kind = 'id_front',
) {
  const created = await raw(env, c, 'POST', '/api/v1/uploads', {
    ...TUS,
    'upload-length': String(bytes.length),
    'upload-metadata': tusMetadata(name, type, kind),
  })
  if (created.status !== 201) throw new Error(`upload create ${created.status} ${JSON.stringify(created.body)}`)
  const id = created.body.id as string
  const patched = await raw(
    env,
    c,
    'PATCH',
    `/api/v1/uploads/${id}`,
    { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    bytes,
  )
  if (patched.status !== 204) throw new Error(`upload patch ${patched.status} ${JSON.stringify(patched.body)}`)
  return id
}

export const PROFILE = (name: string, idNumber: string) => ({
  name,
  idNumber,
  address: { province: '北京', city: '北京', district: '朝阳区', detail: '建国路 1 号' },
  job: { employer: '北京某科技有限公司', position: '工程师', monthlyIncome: '15000.00' },
  contacts: [{ name: '李四', relation: 'parent' as const, phone: '13900001111' }],
})

export async function productOf(borrower: Client, name = '随心贷') {
  const res = await borrower.get<{ id: string; name: string; institutionName: string }[]>('/api/v1/borrower/products')
  const p = res.body.find((x) => x.name.startsWith(name) && x.institutionName.startsWith('汇信'))
  if (!p) throw new Error(`no product ${name}: ${JSON.stringify(res.body.map((x) => x.name))}`)
  return p
}
