/**
 * Makes a platform borrower a customer of an institution (called by origination when they apply):
 * returns the existing customer, links one already on file with the same ID number, or creates one
 * from the borrower's profile and sign-in phone.
 */
import { and, eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { borrowers } from '../borrowers/schema.ts'
import { loadBorrowerProfile, type StoredContact } from './borrower-profile.ts'
import { createCustomer } from './create-customer.ts'
import { customers } from './schema.ts'
import { openJson } from './sealed.ts'

export type EnsureCustomerOptions = {
  tx: Tx
  actor: Actor
  pii: PiiCipher
  institutionId: string
  borrowerId: string
  channel?: string | null
}

export async function ensureCustomerForBorrower(o: EnsureCustomerOptions): Promise<string> {
  const { tx, actor, pii, institutionId, borrowerId } = o
  const [linked] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.institutionId, institutionId), eq(customers.borrowerId, borrowerId)))
  if (linked) return linked.id
  const profile = await loadBorrowerProfile(tx, borrowerId)
  if (!profile?.name || !profile.idNumberEnc || !profile.idNumberHash)
    throw businessRule('customers.profile_incomplete')
  const [onFile] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.institutionId, institutionId), eq(customers.idNumberHash, profile.idNumberHash)))
    .for('update')
  if (onFile) {
    await tx.update(customers).set({ borrowerId, updatedAt: new Date() }).where(eq(customers.id, onFile.id))
    await recordAudit(tx, actor, {
      operation: 'customer.link_borrower',
      objectType: 'customer',
      objectId: onFile.id,
      institutionId,
      after: { borrowerId },
    })
    return onFile.id
  }
  const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, borrowerId))
  if (!borrower) throw businessRule('customers.profile_incomplete')
  const job = profile.job
  return createCustomer({
    tx,
    actor,
    pii,
    institutionId,
    borrowerId,
    input: {
      name: profile.name,
      idNumber: pii.decrypt(profile.idNumberEnc),
      phone: pii.decrypt(borrower.phoneEnc),
      otherPhones: [],
      address: profile.address,
      job,
      contacts: openJson<StoredContact[]>(pii, profile.contactsEnc, []).map((c) => ({
        ...c,
        relation: c.relation as 'other',
      })),
      bankCards: [],
      documents: [],
      channel: o.channel ?? 'h5',
      tags: [],
    },
  })
}
