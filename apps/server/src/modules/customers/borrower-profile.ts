/**
 * The borrower's own profile (H5): identity, address, job and contacts, kept once at platform level
 * and copied into a customer of each institution the borrower applies to — never asked twice.
 */
import { eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { todayUtc } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { maskName, maskPhone, type PiiCipher } from '../../platform/pii.ts'
import { checkIdNumber, checkJob, checkPhone, FieldErrors } from './inputs.ts'
import { type Address, borrowerProfiles, type Job } from './schema.ts'
import { openJson, seal, sealJson } from './sealed.ts'
import type { TBorrowerProfile } from './validators.ts'

export type StoredContact = { name: string; relation: string; phone: string }

export type BorrowerProfileDto = {
  name: string | null
  idNumber: string | null
  birthDate: string | null
  sex: string | null
  address: Address | null
  job: Job | null
  contacts: StoredContact[]
  /** what is still missing before an application can be submitted */
  missing: string[]
  updatedAt: string | null
}

type ProfileRow = typeof borrowerProfiles.$inferSelect

export async function loadBorrowerProfile(tx: Tx, borrowerId: string): Promise<ProfileRow | undefined> {
  const [row] = await tx.select().from(borrowerProfiles).where(eq(borrowerProfiles.borrowerId, borrowerId))
  return row
}

/** The borrower's view: masked like everywhere else (the H5 shows what is on file, not the full number). */
export function profileDto(pii: PiiCipher, row: ProfileRow | undefined): BorrowerProfileDto {
  const contacts = openJson<StoredContact[]>(pii, row?.contactsEnc ?? null, [])
  const dto = {
    name: row?.name ?? null,
    idNumber: row?.idNumberMasked ?? null,
    birthDate: row?.birthDate ?? null,
    sex: row?.sex ?? null,
    address: row?.address ?? null,
    job: row?.job ?? null,
    contacts: contacts.map((c) => ({ name: maskName(c.name), relation: c.relation, phone: maskPhone(c.phone) })),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  }
  const missing = (['name', 'idNumber', 'address', 'job'] as const).filter((k) => dto[k] === null)
  if (contacts.length === 0) (missing as string[]).push('contacts')
  return { ...dto, missing }
}

export type SaveBorrowerProfileOptions = {
  tx: Tx
  actor: Actor
  pii: PiiCipher
  borrowerId: string
  input: TBorrowerProfile
}

/** Saves the fields given; fields left out keep their value. */
export async function saveBorrowerProfile(o: SaveBorrowerProfileOptions): Promise<BorrowerProfileDto> {
  const { tx, actor, pii, borrowerId, input } = o
  const errs = new FieldErrors()
  const facts = input.idNumber !== undefined ? checkIdNumber(errs, 'body.idNumber', input.idNumber, todayUtc()) : null
  const contactPhones = (input.contacts ?? []).map((c, i) => checkPhone(errs, `body.contacts.${i}.phone`, c.phone))
  const job = checkJob(errs, 'body.job', input.job)
  errs.throwIfAny()
  const before = await loadBorrowerProfile(tx, borrowerId)
  const set: Partial<typeof borrowerProfiles.$inferInsert> = { updatedAt: new Date() }
  if (input.name !== undefined) set.name = input.name
  if (facts) {
    const id = seal(pii, 'id_number', facts.idNumber)
    Object.assign(set, {
      idNumberEnc: id.enc,
      idNumberHash: id.hash,
      idNumberMasked: id.masked,
      birthDate: facts.birthDate,
      sex: facts.sex,
    })
  }
  if (input.address !== undefined) set.address = input.address
  if (job !== undefined) set.job = job
  if (input.contacts !== undefined)
    set.contactsEnc = sealJson(
      pii,
      input.contacts.map((c, i) => ({ name: c.name, relation: c.relation, phone: contactPhones[i] })),
    )
  const [row] = await tx
    .insert(borrowerProfiles)
    .values({ borrowerId, ...set })
    .onConflictDoUpdate({ target: borrowerProfiles.borrowerId, set })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'borrower.profile.update',
    objectType: 'borrower',
    objectId: borrowerId,
    institutionId: null,
    before: before ? { name: before.name, idNumber: before.idNumberMasked } : null,
    after: { name: row!.name, idNumber: row!.idNumberMasked, fields: Object.keys(input) },
  })
  return profileDto(pii, row)
}
