/**
 * Column conventions shared by every module's schema: timestamps with time zone as Date, uuid keys,
 * money as numeric(20,2) and rates as numeric(12,8) (strings in code, never floats), business dates
 * as ISO strings, and the tenant key.
 */
import { sql } from 'drizzle-orm'
import { date, numeric, timestamp, uuid } from 'drizzle-orm/pg-core'

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`)
export const money = (name: string) => numeric(name, { precision: 20, scale: 2 })
export const rate = (name: string) => numeric(name, { precision: 12, scale: 8 })
export const day = (name: string) => date(name, { mode: 'string' })
export const institution = () => uuid('institution_id').notNull()
