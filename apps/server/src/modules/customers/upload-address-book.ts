/**
 * Stores a customer's address book (通讯录) upload: sealed as one encrypted document, with its count.
 * A new upload replaces the previous one (the phone's current address book is what matters).
 */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { findCustomer } from './customer-queries.ts'
import { customers } from './schema.ts'
import { sealJson } from './sealed.ts'

export type UploadAddressBookOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  customerId: string
  entries: { name: string; phone: string }[]
}

export async function uploadAddressBook(o: UploadAddressBookOptions): Promise<{ count: number; uploadedAt: string }> {
  const { tx, principal, actor, pii, customerId, entries } = o
  const customer = await findCustomer(tx, principal, customerId, true)
  const uploadedAt = new Date()
  await tx
    .update(customers)
    .set({
      addressBookEnc: sealJson(pii, entries),
      addressBookCount: entries.length,
      addressBookUploadedAt: uploadedAt,
      updatedAt: uploadedAt,
    })
    .where(eq(customers.id, customerId))
  await recordAudit(tx, actor, {
    operation: 'customer.address_book.upload',
    objectType: 'customer',
    objectId: customerId,
    institutionId: customer.institutionId,
    before: { count: customer.addressBookCount },
    after: { count: entries.length },
  })
  return { count: entries.length, uploadedAt: uploadedAt.toISOString() }
}
