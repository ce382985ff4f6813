/**
 * Customers of an institution and the borrower's own institution-independent profile.
 * PII (ID number, phones, bank cards, contacts, address book) is stored encrypted (`*_enc`, with the
 * key id inside the ciphertext), with an HMAC blind index (`*_hash`) for exact lookup and a masked copy
 * (`*_masked`) so that lists never decrypt. Names stay in plain text: the one-step lookup needs a
 * prefix index on them, and a name alone does not identify a person the way an ID number does.
 */
import { sql } from 'drizzle-orm'
import { date, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core'
import { ts } from '../../platform/db/columns.ts'

export type Address = { province: string; city: string; district?: string; detail?: string }
export type Job = { employer?: string; position?: string; industry?: string; monthlyIncome?: string }
export type CustomerDocument = { kind: string; fileRef: string; name?: string; addedAt: string }

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    /** the platform-level borrower account (modules/borrowers) when the customer came through the H5 */
    borrowerId: uuid('borrower_id'),
    name: text('name').notNull(),
    /** lower(name), generated; the prefix index is on it (see lookup.ts for why not lower() in the query) */
    nameKey: text('name_key').generatedAlwaysAs(sql`lower(name)`),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    /** encrypted JSON array of further phone numbers */
    otherPhonesEnc: text('other_phones_enc'),
    address: jsonb('address').$type<Address | null>(),
    job: jsonb('job').$type<Job | null>(),
    addressBookEnc: text('address_book_enc'),
    addressBookCount: integer('address_book_count').notNull().default(0),
    addressBookUploadedAt: ts('address_book_uploaded_at'),
    documents: jsonb('documents').$type<CustomerDocument[]>().notNull().default([]),
    channel: text('channel'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** the account manager responsible (客户经理); `own`-scoped positions see only theirs */
    managerId: uuid('manager_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('customers_inst_id_number').on(t.institutionId, t.idNumberHash),
    index('customers_inst_created').on(t.institutionId, t.createdAt),
    index('customers_manager').on(t.managerId),
    index('customers_borrower').on(t.borrowerId),
  ],
)

export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    nameEnc: text('name_enc').notNull(),
    relation: text('relation').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('customer_contacts_customer').on(t.customerId)],
)

export const customerBankCards = pgTable(
  'customer_bank_cards',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    bank: text('bank').notNull(),
    cardEnc: text('card_enc').notNull(),
    cardHash: text('card_hash').notNull(),
    cardMasked: text('card_masked').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('customer_bank_cards_card').on(t.customerId, t.cardHash)],
)

/**
 * Blind-index rows for the one-step lookup: every phone, the ID number and every card of a customer,
 * so one indexed probe answers "who has this number" whatever kind of number it is.
 */
export const customerLookupKeys = pgTable(
  'customer_lookup_keys',
  {
    institutionId: uuid('institution_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('customer_lookup_keys_pk').on(t.customerId, t.kind, t.hash),
    index('customer_lookup_keys_hash').on(t.hash, t.institutionId),
  ],
)

/** The borrower's own data, independent of any institution; prefills applications ("never ask twice"). */
export const borrowerProfiles = pgTable('borrower_profiles', {
  borrowerId: uuid('borrower_id').primaryKey(),
  name: text('name'),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: text('id_number_hash'),
  idNumberMasked: text('id_number_masked'),
  birthDate: date('birth_date', { mode: 'string' }),
  sex: text('sex'),
  address: jsonb('address').$type<Address | null>(),
  job: jsonb('job').$type<Job | null>(),
  /** encrypted JSON array of { name, relation, phone } */
  contactsEnc: text('contacts_enc'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})
