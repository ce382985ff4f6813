/** Adds a bank card (Luhn-checked, sealed, findable by the one-step lookup) to a customer. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { findCustomer } from './customer-queries.ts'
import { checkCard, FieldErrors } from './inputs.ts'
import { addLookupKeys } from './lookup-keys.ts'
import { customerBankCards } from './schema.ts'
import { seal } from './sealed.ts'

export type AddBankCardOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  customerId: string
  input: { bank: string; cardNumber: string }
}

export async function addBankCard(o: AddBankCardOptions): Promise<string> {
  const { tx, principal, actor, pii, customerId, input } = o
  const customer = await findCustomer(tx, principal, customerId, true)
  const errs = new FieldErrors()
  const card = checkCard(errs, 'body.cardNumber', input.cardNumber)
  errs.throwIfAny()
  const sealed = seal(pii, 'bank_card', card)
  let id: string
  try {
    const [row] = await tx
      .insert(customerBankCards)
      .values({
        institutionId: customer.institutionId,
        customerId,
        bank: input.bank,
        cardEnc: sealed.enc,
        cardHash: sealed.hash,
        cardMasked: sealed.masked,
      })
      .returning({ id: customerBankCards.id })
    id = row!.id
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.cardNumber', 'customers.field.card_taken', undefined, 'conflict')
    throw err
  }
  await addLookupKeys(tx, customer.institutionId, customerId, [{ kind: 'bank_card', hash: sealed.hash }])
  await recordAudit(tx, actor, {
    operation: 'customer.bank_card.add',
    objectType: 'customer',
    objectId: customerId,
    institutionId: customer.institutionId,
    after: { cardId: id, bank: input.bank, cardNumber: sealed.masked },
  })
  return id
}
