/** Edits a customer's contact data, address, job, documents, channel, tags and account manager. */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { checkManager } from './create-customer.ts'
import { type CustomerRow, findCustomer } from './customer-queries.ts'
import { checkJob, checkPhone, checkPhones, FieldErrors } from './inputs.ts'
import { replaceLookupKeys } from './lookup-keys.ts'
import { customers } from './schema.ts'
import { openJson, seal, sealJson } from './sealed.ts'
import type { TCustomerPatch } from './validators.ts'

export type UpdateCustomerOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  id: string
  input: TCustomerPatch
}

function auditView(r: CustomerRow) {
  return {
    name: r.name,
    phone: r.phoneMasked,
    address: r.address,
    job: r.job,
    documents: r.documents.length,
    channel: r.channel,
    tags: r.tags,
    managerId: r.managerId,
  }
}

export async function updateCustomer({ tx, principal, actor, pii, id, input }: UpdateCustomerOptions): Promise<void> {
  const row = await findCustomer(tx, principal, id, true)
  const errs = new FieldErrors()
  const currentPhone = pii.decrypt(row.phoneEnc)
  const phone = input.phone !== undefined ? checkPhone(errs, 'body.phone', input.phone) : currentPhone
  const others =
    input.otherPhones !== undefined
      ? checkPhones(errs, 'body.otherPhones', phone, input.otherPhones)
      : openJson<string[]>(pii, row.otherPhonesEnc, [])
  const job = checkJob(errs, 'body.job', input.job)
  errs.throwIfAny()
  if (input.managerId !== undefined) await checkManager(tx, row.institutionId, input.managerId)

  const set: Partial<typeof customers.$inferInsert> = { updatedAt: new Date() }
  if (input.name !== undefined) set.name = input.name
  if (input.address !== undefined) set.address = input.address
  if (job !== undefined) set.job = job
  if (input.channel !== undefined) set.channel = input.channel
  if (input.tags !== undefined) set.tags = [...new Set(input.tags)]
  if (input.managerId !== undefined) set.managerId = input.managerId
  if (input.documents !== undefined) {
    const known = new Map(row.documents.map((d) => [d.fileRef, d.addedAt]))
    const now = new Date().toISOString()
    set.documents = input.documents.map((d) => ({ ...d, addedAt: known.get(d.fileRef) ?? now }))
  }
  if (input.phone !== undefined || input.otherPhones !== undefined) {
    const main = seal(pii, 'phone', phone)
    set.phoneEnc = main.enc
    set.phoneHash = main.hash
    set.phoneMasked = main.masked
    set.otherPhonesEnc = others.length > 0 ? sealJson(pii, others) : null
    await replaceLookupKeys(tx, row.institutionId, id, 'phone', [
      main.hash,
      ...others.map((p) => seal(pii, 'phone', p).hash),
    ])
  }
  const [after] = await tx.update(customers).set(set).where(eq(customers.id, id)).returning()
  await recordAudit(tx, actor, {
    operation: 'customer.update',
    objectType: 'customer',
    objectId: id,
    institutionId: row.institutionId,
    before: auditView(row),
    after: auditView(after!),
  })
}
