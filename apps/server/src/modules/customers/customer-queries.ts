/** Reading customers within the caller's scope: the masked list, one customer, and unmasking. */
import { and, asc, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm'
import { requirePermission, type StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { maskName, maskPhone, type PiiCipher } from '../../platform/pii.ts'
import { lookupCondition } from './lookup.ts'
import {
  type Address,
  type CustomerDocument,
  customerBankCards,
  customerContacts,
  customers,
  type Job,
} from './schema.ts'
import { customerScope } from './scope.ts'

export type CustomerRow = typeof customers.$inferSelect

export type CustomerListItem = {
  id: string
  institutionId: string
  name: string
  idNumber: string
  phone: string
  sex: 'male' | 'female'
  birthDate: string
  channel: string | null
  tags: string[]
  managerId: string | null
  createdAt: string
}

export type ContactDto = { id: string; name: string; relation: string; phone: string; createdAt: string }
export type BankCardDto = { id: string; bank: string; cardNumber: string; createdAt: string }

export type CustomerDto = Omit<CustomerListItem, never> & {
  borrowerId: string | null
  otherPhones: string[]
  address: Address | null
  job: Job | null
  contacts: ContactDto[]
  bankCards: BankCardDto[]
  addressBook: { count: number; uploadedAt: string | null }
  documents: CustomerDocument[]
  createdBy: string | null
  updatedAt: string
  /** true when the personal data in this answer is in full (pii.read + ?unmask=true, audited) */
  unmasked: boolean
}

function listItem(r: CustomerRow): CustomerListItem {
  return {
    id: r.id,
    institutionId: r.institutionId,
    name: r.name,
    idNumber: r.idNumberMasked,
    phone: r.phoneMasked,
    sex: r.sex as 'male' | 'female',
    birthDate: r.birthDate,
    channel: r.channel,
    tags: r.tags,
    managerId: r.managerId,
    createdAt: r.createdAt.toISOString(),
  }
}

export type ListCustomersOptions = {
  page: number
  pageSize: number
  sort?: 'createdAt' | 'name' | 'birthDate'
  order: 'asc' | 'desc'
  q?: string
  phone?: string
  idNumber?: string
  tag?: string
  channel?: string
  createdFrom?: string
  createdTo?: string
}

const SORT = { createdAt: customers.createdAt, name: customers.name, birthDate: customers.birthDate }

export async function listCustomers(
  tx: Queryable,
  p: StaffPrincipal,
  pii: PiiCipher,
  o: ListCustomersOptions,
): Promise<Page<CustomerListItem>> {
  const conds: (SQL | undefined)[] = [customerScope(p)]
  if (o.q) conds.push(lookupCondition(pii, o.q))
  if (o.phone) conds.push(lookupCondition(pii, o.phone, 'phone'))
  if (o.idNumber) conds.push(lookupCondition(pii, o.idNumber, 'id_number'))
  if (o.tag) conds.push(sql`${customers.tags} @> array[${o.tag}]::text[]`)
  if (o.channel) conds.push(eq(customers.channel, o.channel))
  // dates are calendar days in China time: createdTo includes the whole day
  if (o.createdFrom)
    conds.push(gte(customers.createdAt, sql`(${o.createdFrom}::date)::timestamp at time zone 'Asia/Shanghai'`))
  if (o.createdTo)
    conds.push(lt(customers.createdAt, sql`(${o.createdTo}::date + 1)::timestamp at time zone 'Asia/Shanghai'`))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(customers).where(where)
  const rows = await tx
    .select()
    .from(customers)
    .where(where)
    .orderBy(orderBy(SORT[o.sort ?? 'createdAt'], o.order), customers.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(listItem), total: Number(total), page: o.page, pageSize: o.pageSize }
}

/** The raw row inside the caller's scope (optionally locked for a change), or 404. */
export async function findCustomer(tx: Queryable, p: StaffPrincipal, id: string, lock = false): Promise<CustomerRow> {
  const q = tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), customerScope(p)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw notFound()
  return row
}

export type ReadOptions = { unmask?: boolean; actor?: Actor }

/**
 * One customer with contacts and cards. Masked unless `unmask` is asked by a holder of `pii.read`;
 * an unmasked read is written to the audit trail in the same transaction.
 */
export async function getCustomer(
  tx: Queryable,
  p: StaffPrincipal,
  pii: PiiCipher,
  id: string,
  opts: ReadOptions = {},
): Promise<CustomerDto> {
  const row = await findCustomer(tx, p, id)
  const unmask = opts.unmask === true
  if (unmask) requirePermission(p, 'pii.read')
  const [contacts, cards] = await Promise.all([
    tx
      .select()
      .from(customerContacts)
      .where(eq(customerContacts.customerId, id))
      .orderBy(asc(customerContacts.createdAt)),
    tx
      .select()
      .from(customerBankCards)
      .where(eq(customerBankCards.customerId, id))
      .orderBy(asc(customerBankCards.createdAt)),
  ])
  const otherPhones = row.otherPhonesEnc ? (JSON.parse(pii.decrypt(row.otherPhonesEnc)) as string[]) : []
  const dto: CustomerDto = {
    ...listItem(row),
    borrowerId: row.borrowerId,
    idNumber: unmask ? pii.decrypt(row.idNumberEnc) : row.idNumberMasked,
    phone: unmask ? pii.decrypt(row.phoneEnc) : row.phoneMasked,
    otherPhones: unmask ? otherPhones : otherPhones.map(maskPhone),
    address: row.address ?? null,
    job: row.job ?? null,
    contacts: contacts.map((c) => {
      const name = pii.decrypt(c.nameEnc)
      return {
        id: c.id,
        name: unmask ? name : maskName(name),
        relation: c.relation,
        phone: unmask ? pii.decrypt(c.phoneEnc) : c.phoneMasked,
        createdAt: c.createdAt.toISOString(),
      }
    }),
    bankCards: cards.map((c) => ({
      id: c.id,
      bank: c.bank,
      cardNumber: unmask ? pii.decrypt(c.cardEnc) : c.cardMasked,
      createdAt: c.createdAt.toISOString(),
    })),
    addressBook: { count: row.addressBookCount, uploadedAt: row.addressBookUploadedAt?.toISOString() ?? null },
    documents: row.documents,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    unmasked: unmask,
  }
  if (unmask && opts.actor)
    await recordAudit(tx, opts.actor, {
      operation: 'customer.unmask',
      objectType: 'customer',
      objectId: id,
      institutionId: row.institutionId,
      after: { fields: ['idNumber', 'phone', 'otherPhones', 'contacts', 'bankCards'] },
    })
  return dto
}

/** Customer ids among `ids` that the caller may see (for other modules' lists). */
export async function visibleCustomerIds(tx: Queryable, p: StaffPrincipal, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(inArray(customers.id, ids), customerScope(p)))
  return rows.map((r) => r.id)
}
