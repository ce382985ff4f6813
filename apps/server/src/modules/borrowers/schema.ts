/** Borrower accounts (H5 sign-in by phone and one-time code). Borrowers belong to the platform, not an institution. */
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { ts } from '../../platform/db/columns.ts'

export const borrowers = pgTable('borrowers', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  phoneEnc: text('phone_enc').notNull(),
  phoneHash: text('phone_hash').notNull().unique(),
  phoneMasked: text('phone_masked').notNull(),
  status: text('status').notNull().default('active'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at'),
})

export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    purpose: text('purpose').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    ip: text('ip'),
  },
  (t) => [index('otp_codes_phone').on(t.phoneHash, t.createdAt)],
)
