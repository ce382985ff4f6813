/** Adds an emergency contact (紧急联系人) to a customer; name and phone are sealed. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { findCustomer } from './customer-queries.ts'
import { checkPhone, FieldErrors } from './inputs.ts'
import { customerContacts } from './schema.ts'
import { seal } from './sealed.ts'

export type AddContactOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  customerId: string
  input: { name: string; relation: string; phone: string }
}

export async function addContact({ tx, principal, actor, pii, customerId, input }: AddContactOptions): Promise<string> {
  const customer = await findCustomer(tx, principal, customerId, true)
  const errs = new FieldErrors()
  const phone = checkPhone(errs, 'body.phone', input.phone)
  errs.throwIfAny()
  const sealed = seal(pii, 'phone', phone)
  const [row] = await tx
    .insert(customerContacts)
    .values({
      institutionId: customer.institutionId,
      customerId,
      nameEnc: pii.encrypt(input.name),
      relation: input.relation,
      phoneEnc: sealed.enc,
      phoneHash: sealed.hash,
      phoneMasked: sealed.masked,
    })
    .returning({ id: customerContacts.id })
  await recordAudit(tx, actor, {
    operation: 'customer.contact.add',
    objectType: 'customer',
    objectId: customerId,
    institutionId: customer.institutionId,
    after: { contactId: row!.id, relation: input.relation, phone: sealed.masked },
  })
  return row!.id
}
