/**
 * One-step lookup (一步查询): a phone, an ID number or a bank card finds the customer through its
 * blind index (one indexed probe); anything else is a name prefix, served by the index on
 * (institution_id, lower(name) text_pattern_ops). The search provider and the benchmark run this code.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { can, type StaffPrincipal } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import type { SearchProvider } from '../../platform/search.ts'
import { normaliseCardNumber } from './domain/bank-card.ts'
import { normaliseIdNumber } from './domain/id-number.ts'
import { normalisePhone } from './inputs.ts'
import { customerLookupKeys, customers } from './schema.ts'
import { customerScope } from './scope.ts'
import { type LookupKind, lookupHash } from './sealed.ts'

export type LookupKey = { kind: LookupKind; value: string } | { kind: 'name'; value: string }

/** What the text someone typed is: a mobile number, an ID number, a card number, or a name. */
export function classifyLookup(q: string): LookupKey {
  const compact = q.replace(/[\s-]+/g, '')
  const phone = normalisePhone(compact)
  if (/^1[3-9]\d{9}$/.test(phone)) return { kind: 'phone', value: phone }
  if (/^\d{17}[\dXx]$/.test(compact)) return { kind: 'id_number', value: normaliseIdNumber(compact) }
  if (/^\d{12,19}$/.test(compact)) return { kind: 'bank_card', value: normaliseCardNumber(compact) }
  return { kind: 'name', value: q.trim() }
}

/**
 * Name prefix as a range with the leakproof pattern operators on the generated `name_key` column:
 * under row-level security PostgreSQL uses an index only for leakproof conditions (LIKE and lower()
 * are not), so `lower(name) LIKE 'p%'` would scan every row of the institution.
 */
function namePrefix(value: string): SQL {
  const p = value.toLowerCase()
  return sql`(${customers.nameKey} ~>=~ ${p} and ${customers.nameKey} ~<~ ${`${p}\u{10FFFF}`})`
}

/** A WHERE condition on `customers` for a lookup text; `as` forces how the text is read. */
export function lookupCondition(pii: PiiCipher, q: string, as?: LookupKind): SQL {
  const key = as
    ? { kind: as, value: as === 'id_number' ? normaliseIdNumber(q) : normalisePhone(q) }
    : classifyLookup(q)
  if (key.kind === 'name') return namePrefix(key.value)
  return inArray(
    customers.id,
    sql`(select ${customerLookupKeys.customerId} from ${customerLookupKeys} where ${customerLookupKeys.hash} = ${lookupHash(pii, key.kind, key.value)})`,
  )
}

export type LookupMatch = {
  id: string
  institutionId: string
  name: string
  phoneMasked: string
  idNumberMasked: string
}

const MATCH = {
  id: customers.id,
  institutionId: customers.institutionId,
  name: customers.name,
  phoneMasked: customers.phoneMasked,
  idNumberMasked: customers.idNumberMasked,
}

/** At most `limit` customers in the caller's scope matching what was typed. */
export async function lookupCustomers(
  tx: Queryable,
  p: StaffPrincipal,
  pii: PiiCipher,
  q: string,
  limit = 10,
): Promise<LookupMatch[]> {
  const key = classifyLookup(q)
  if (key.kind === 'name') {
    // ordered with the pattern operator so the prefix index also delivers the order (no sort)
    return tx
      .select(MATCH)
      .from(customers)
      .where(and(customerScope(p), namePrefix(key.value)))
      .orderBy(sql`${customers.nameKey} using ~<~`)
      .limit(limit)
  }
  const hash = lookupHash(pii, key.kind, key.value)
  return tx
    .select(MATCH)
    .from(customerLookupKeys)
    .innerJoin(customers, eq(customers.id, customerLookupKeys.customerId))
    .where(and(eq(customerLookupKeys.hash, hash), customerScope(p)))
    .limit(limit)
}

export function customerSearch(pii: PiiCipher): SearchProvider {
  return async (tx, p, q) => {
    if (!can(p, 'customer.read')) return []
    const rows = await lookupCustomers(tx, p, pii, q)
    return rows.map((r) => ({
      type: 'customer',
      id: r.id,
      title: r.name,
      subtitle: `${r.phoneMasked} · ${r.idNumberMasked}`,
      path: `/customers/${r.id}`,
    }))
  }
}
