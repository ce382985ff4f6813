/**
 * Links a customer entered by staff to the platform borrower account that signed in (by SMS code)
 * with the customer's main phone, so that the borrower sees and signs that customer's applications in
 * the H5. Nothing is linked when the customer already has an account, when no account has that
 * phone, or when the account already belongs to another customer of the institution (ambiguous —
 * staff then record the signature in branch).
 */
import { and, eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { borrowers } from '../borrowers/schema.ts'
import { customers } from './schema.ts'

type CustomerRow = typeof customers.$inferSelect

export type LinkBorrowerByPhoneOptions = { tx: Tx; actor: Actor; pii: PiiCipher; customer: CustomerRow }

/** The borrower account now linked to the customer, or null. */
export async function linkBorrowerByPhone(o: LinkBorrowerByPhoneOptions): Promise<string | null> {
  const { tx, actor, pii, customer } = o
  if (customer.borrowerId) return customer.borrowerId
  // the borrower's blind index is over the bare number (modules/borrowers), not the customer's kind-tagged one
  const phoneHash = pii.blindIndex(pii.decrypt(customer.phoneEnc))
  const [account] = await tx
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(and(eq(borrowers.phoneHash, phoneHash), eq(borrowers.status, 'active')))
  if (!account) return null
  const [taken] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.institutionId, customer.institutionId), eq(customers.borrowerId, account.id)))
  if (taken) return null
  await tx.update(customers).set({ borrowerId: account.id, updatedAt: new Date() }).where(eq(customers.id, customer.id))
  await recordAudit(tx, actor, {
    operation: 'customer.link_borrower',
    objectType: 'customer',
    objectId: customer.id,
    institutionId: customer.institutionId,
    after: { borrowerId: account.id, by: 'phone' },
  })
  return account.id
}
