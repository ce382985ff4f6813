/**
 * Creates a customer of an institution: entered by staff, or made from a borrower's profile when
 * they apply (`ensureCustomerForBorrower`). Validates identity (checksum, 18+ on the business date),
 * phones, cards and income; seals PII; writes blind indexes, the audit record and an event.
 */
import { and, eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { users } from '../identity/schema.ts'
import { checkCard, checkIdNumber, checkJob, checkPhone, checkPhones, FieldErrors } from './inputs.ts'
import { addLookupKeys } from './lookup-keys.ts'
import { customerBankCards, customerContacts, customers } from './schema.ts'
import { seal, sealJson } from './sealed.ts'
import type { TCustomerCreate } from './validators.ts'

export type CreateCustomerOptions = {
  tx: Tx
  actor: Actor
  pii: PiiCipher
  institutionId: string
  input: TCustomerCreate
  borrowerId?: string | null
  /** the institution's business date when the caller already has it (bulk loads) */
  businessDate?: IsoDate
}

export async function checkManager(tx: Tx, institutionId: string, managerId: string | null | undefined) {
  if (!managerId) return
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, managerId), eq(users.institutionId, institutionId)))
  if (!row) throw fieldError('body.managerId', 'customers.field.manager_unknown')
}

export async function createCustomer(o: CreateCustomerOptions): Promise<string> {
  const { tx, actor, pii, institutionId, input } = o
  const errs = new FieldErrors()
  const facts = checkIdNumber(
    errs,
    'body.idNumber',
    input.idNumber,
    o.businessDate ?? (await getBusinessDate(tx, institutionId)),
  )
  const phone = checkPhone(errs, 'body.phone', input.phone)
  const otherPhones = checkPhones(errs, 'body.otherPhones', input.phone, input.otherPhones)
  const contactPhones = input.contacts.map((c, i) => checkPhone(errs, `body.contacts.${i}.phone`, c.phone))
  const cards = input.bankCards.map((c, i) => checkCard(errs, `body.bankCards.${i}.cardNumber`, c.cardNumber))
  const job = checkJob(errs, 'body.job', input.job)
  errs.throwIfAny()
  await checkManager(tx, institutionId, input.managerId)

  const id = seal(pii, 'id_number', facts!.idNumber)
  // a second customer with the same ID number fails on the unique key (customers_inst_id_number)
  const mainPhone = seal(pii, 'phone', phone)
  const now = new Date()
  let customerId: string
  try {
    const [row] = await tx
      .insert(customers)
      .values({
        institutionId,
        borrowerId: o.borrowerId ?? null,
        name: input.name,
        idNumberEnc: id.enc,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        birthDate: facts!.birthDate,
        sex: facts!.sex,
        phoneEnc: mainPhone.enc,
        phoneHash: mainPhone.hash,
        phoneMasked: mainPhone.masked,
        otherPhonesEnc: otherPhones.length > 0 ? sealJson(pii, otherPhones) : null,
        address: input.address ?? null,
        job: job ?? null,
        documents: input.documents.map((d) => ({ ...d, addedAt: now.toISOString() })),
        channel: input.channel ?? null,
        tags: [...new Set(input.tags)],
        managerId: input.managerId ?? null,
        createdBy: actor.type === 'staff' ? actor.id : null,
      })
      .returning({ id: customers.id })
    customerId = row!.id
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.idNumber', 'customers.field.id_taken', undefined, 'conflict')
    throw err
  }

  if (input.contacts.length > 0)
    await tx.insert(customerContacts).values(
      input.contacts.map((c, i) => {
        const p = seal(pii, 'phone', contactPhones[i]!)
        return {
          institutionId,
          customerId,
          nameEnc: pii.encrypt(c.name),
          relation: c.relation,
          phoneEnc: p.enc,
          phoneHash: p.hash,
          phoneMasked: p.masked,
        }
      }),
    )
  const uniqueCards = new Map(cards.map((card, i) => [card, input.bankCards[i]!.bank]))
  const sealedCards = [...uniqueCards].map(([card, bank]) => ({ bank, ...seal(pii, 'bank_card', card) }))
  if (sealedCards.length > 0)
    await tx.insert(customerBankCards).values(
      sealedCards.map((c) => ({
        institutionId,
        customerId,
        bank: c.bank,
        cardEnc: c.enc,
        cardHash: c.hash,
        cardMasked: c.masked,
      })),
    )
  await addLookupKeys(tx, institutionId, customerId, [
    { kind: 'id_number', hash: id.hash },
    { kind: 'phone', hash: mainPhone.hash },
    ...otherPhones.map((p) => ({ kind: 'phone' as const, hash: seal(pii, 'phone', p).hash })),
    ...sealedCards.map((c) => ({ kind: 'bank_card' as const, hash: c.hash })),
  ])

  await recordAudit(tx, actor, {
    operation: 'customer.create',
    objectType: 'customer',
    objectId: customerId,
    institutionId,
    after: {
      name: input.name,
      idNumber: id.masked,
      phone: mainPhone.masked,
      contacts: input.contacts.length,
      bankCards: sealedCards.map((c) => c.masked),
      channel: input.channel ?? null,
      tags: input.tags,
      managerId: input.managerId ?? null,
      borrowerId: o.borrowerId ?? null,
    },
  })
  await emitEvent(tx, {
    institutionId,
    topic: 'customer.created',
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { customerId, channel: input.channel ?? null, borrowerId: o.borrowerId ?? null },
  })
  return customerId
}
