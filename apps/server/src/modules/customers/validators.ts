/**
 * Request schemas of the customers routes. Shapes only: the meaning of a value (ID checksum, age,
 * Luhn, phone format, amount) is checked by the operations so that every message is keyed and
 * translated (`inputs.ts`).
 */
import { z } from 'zod'
import { text } from '../../platform/http/schemas.ts'

const ZPhone = z.string().trim().min(1).max(20)
const optionalText = (max: number) => z.string().trim().max(max).optional()

export const ZAddress = z.strictObject({
  province: text(30),
  city: text(30),
  district: optionalText(30),
  detail: optionalText(200),
})

export const ZJob = z.strictObject({
  employer: optionalText(100),
  position: optionalText(60),
  industry: optionalText(60),
  /** decimal string, e.g. "8000.00" — never a JS number */
  monthlyIncome: optionalText(20),
})

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'relative', 'friend', 'colleague', 'other'] as const
export const ZContact = z.strictObject({ name: text(40), relation: z.enum(RELATIONS), phone: ZPhone })
export const ZBankCard = z.strictObject({ bank: text(60), cardNumber: z.string().trim().min(1).max(30) })

export const DOCUMENT_KINDS = ['id_front', 'id_back', 'selfie', 'income_proof', 'bank_statement', 'other'] as const
export const ZDocument = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  /** reference returned by the upload endpoint (`/api/v1/uploads`) */
  fileRef: text(300),
  name: optionalText(200),
})

const ZTags = z.array(text(30)).max(20)

export const ZCustomerCreate = z.strictObject({
  name: text(40),
  idNumber: z.string().trim().min(1).max(30),
  phone: ZPhone,
  otherPhones: z.array(ZPhone).max(5).default([]),
  address: ZAddress.nullable().optional(),
  job: ZJob.nullable().optional(),
  contacts: z.array(ZContact).max(10).default([]),
  bankCards: z.array(ZBankCard).max(10).default([]),
  documents: z.array(ZDocument).max(50).default([]),
  channel: z.string().trim().max(40).nullable().optional(),
  tags: ZTags.default([]),
  managerId: z.uuid().nullable().optional(),
})
export type TCustomerCreate = z.infer<typeof ZCustomerCreate>

export const ZCustomerPatch = z.strictObject({
  name: text(40).optional(),
  phone: ZPhone.optional(),
  otherPhones: z.array(ZPhone).max(5).optional(),
  address: ZAddress.nullable().optional(),
  job: ZJob.nullable().optional(),
  documents: z.array(ZDocument).max(50).optional(),
  channel: z.string().trim().max(40).nullable().optional(),
  tags: ZTags.optional(),
  managerId: z.uuid().nullable().optional(),
})
export type TCustomerPatch = z.infer<typeof ZCustomerPatch>

export const ZAddressBook = z.strictObject({
  entries: z
    .array(z.strictObject({ name: z.string().trim().max(60), phone: z.string().trim().min(1).max(30) }))
    .max(5000),
})

export const ZBorrowerProfile = z.strictObject({
  name: text(40).optional(),
  idNumber: z.string().trim().min(1).max(30).optional(),
  address: ZAddress.nullable().optional(),
  job: ZJob.nullable().optional(),
  contacts: z.array(ZContact).max(10).optional(),
})
export type TBorrowerProfile = z.infer<typeof ZBorrowerProfile>
