/** Lists (名单库): reading, adding and removing entries. Values are kept only as blind index + mask. */
import { and, count, desc, eq, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation, notFound } from '../../platform/errors.ts'
import type { Page } from '../../platform/http/schemas.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { type ListKind, type ListType, listValueHash, maskListValue, normaliseListValue } from './list-values.ts'
import { riskListEntries } from './schema.ts'

type EntryRow = typeof riskListEntries.$inferSelect

export const toListEntryDto = (row: EntryRow) => ({
  id: row.id,
  institutionId: row.institutionId,
  listType: row.listType,
  kind: row.kind,
  valueMasked: row.valueMasked,
  reason: row.reason,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  active: row.expiresAt === null || row.expiresAt.getTime() > Date.now(),
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
})

export type ListEntryInput = {
  listType: ListType
  kind: ListKind
  value: string
  reason: string
  expiresAt?: string | null
}

/** `YYYY-MM-DD` means the end of that day (UTC+8 business day is close enough for expiry). */
export function parseExpiry(text: string | null | undefined): Date | null | 'invalid' {
  if (!text) return null
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59+08:00` : text)
  return Number.isNaN(date.getTime()) ? 'invalid' : date
}

export type ListListOptions = {
  page: number
  pageSize: number
  listType?: ListType
  kind?: ListKind
  value?: string
  active?: boolean
}

export async function listEntries(
  tx: Queryable,
  p: StaffPrincipal,
  pii: PiiCipher,
  o: ListListOptions,
): Promise<Page<ReturnType<typeof toListEntryDto>>> {
  const conds: (SQL | undefined)[] = [scopeCondition(p, { institution: riskListEntries.institutionId })]
  if (o.listType) conds.push(eq(riskListEntries.listType, o.listType))
  if (o.kind) conds.push(eq(riskListEntries.kind, o.kind))
  if (o.value) {
    const kinds: ListKind[] = o.kind ? [o.kind] : ['id_number', 'phone', 'device', 'ip', 'bank_card']
    const hashes = kinds.flatMap((kind) => {
      const normalised = normaliseListValue(kind, o.value!)
      return normalised ? [listValueHash(pii, kind, normalised)] : []
    })
    conds.push(hashes.length ? or(...hashes.map((h) => eq(riskListEntries.valueHash, h))) : sql`false`)
  }
  if (o.active === true) conds.push(or(isNull(riskListEntries.expiresAt), gt(riskListEntries.expiresAt, sql`now()`)))
  if (o.active === false) conds.push(lte(riskListEntries.expiresAt, sql`now()`))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(riskListEntries).where(where)
  const rows = await tx
    .select()
    .from(riskListEntries)
    .where(where)
    .orderBy(desc(riskListEntries.createdAt), riskListEntries.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(toListEntryDto), total: Number(total), page: o.page, pageSize: o.pageSize }
}

export type AddListEntryOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  pii: PiiCipher
  input: ListEntryInput
}

export async function addListEntry({ tx, principal, actor, pii, input }: AddListEntryOptions) {
  const normalised = normaliseListValue(input.kind, input.value)
  if (!normalised) throw fieldError('body.value', 'risk.field.list_value', { kind: input.kind })
  const expiresAt = parseExpiry(input.expiresAt)
  if (expiresAt === 'invalid') throw fieldError('body.expiresAt', 'risk.field.expiry')
  let row: EntryRow
  try {
    ;[row] = (await tx
      .insert(riskListEntries)
      .values({
        institutionId: principal.institutionId,
        listType: input.listType,
        kind: input.kind,
        valueHash: listValueHash(pii, input.kind, normalised),
        valueMasked: maskListValue(input.kind, normalised),
        reason: input.reason,
        expiresAt,
        createdBy: principal.userId,
      })
      .returning()) as [EntryRow]
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.value', 'risk.field.list_duplicate', undefined, 'conflict')
    throw err
  }
  await recordAudit(tx, actor, {
    operation: 'risk.list.add',
    objectType: 'risk_list_entry',
    objectId: row.id,
    institutionId: principal.institutionId,
    after: {
      listType: row.listType,
      kind: row.kind,
      value: row.valueMasked,
      reason: row.reason,
      expiresAt: row.expiresAt,
    },
  })
  return toListEntryDto(row)
}

export type RemoveListEntryOptions = { tx: Tx; principal: StaffPrincipal; actor: Actor; id: string }

export async function removeListEntry({ tx, principal, actor, id }: RemoveListEntryOptions): Promise<void> {
  const [row] = await tx
    .delete(riskListEntries)
    .where(and(eq(riskListEntries.id, id), scopeCondition(principal, { institution: riskListEntries.institutionId })))
    .returning()
  if (!row) throw notFound()
  await recordAudit(tx, actor, {
    operation: 'risk.list.remove',
    objectType: 'risk_list_entry',
    objectId: id,
    institutionId: row.institutionId,
    before: { listType: row.listType, kind: row.kind, value: row.valueMasked, reason: row.reason },
  })
}
