/** Keeps a customer's blind-index rows (customer_lookup_keys) in step with its numbers. */
import { and, eq } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { customerLookupKeys } from './schema.ts'
import type { LookupKind } from './sealed.ts'

export type LookupKey = { kind: LookupKind; hash: string }

export async function addLookupKeys(
  tx: Queryable,
  institutionId: string,
  customerId: string,
  keys: LookupKey[],
): Promise<void> {
  if (keys.length === 0) return
  await tx
    .insert(customerLookupKeys)
    .values(keys.map((k) => ({ institutionId, customerId, ...k })))
    .onConflictDoNothing()
}

export async function replaceLookupKeys(
  tx: Queryable,
  institutionId: string,
  customerId: string,
  kind: LookupKind,
  hashes: string[],
): Promise<void> {
  await tx
    .delete(customerLookupKeys)
    .where(and(eq(customerLookupKeys.customerId, customerId), eq(customerLookupKeys.kind, kind)))
  await addLookupKeys(
    tx,
    institutionId,
    customerId,
    hashes.map((hash) => ({ kind, hash })),
  )
}
