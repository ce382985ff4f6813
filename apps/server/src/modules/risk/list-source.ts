/** List-hit indicators (名单库): one query for every list indicator an evaluation needs. */
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'
import type { TIndicatorConfig } from './indicator-config.ts'
import { type ListKind, listValueHash, normaliseListValue } from './list-values.ts'
import { riskListEntries } from './schema.ts'

type ListConfig = Extract<TIndicatorConfig, { kind: 'list' }>

const INPUT_KEYS: Record<ListKind, string> = {
  id_number: 'id_number',
  phone: 'phone',
  bank_card: 'bank_card',
  device: '',
  ip: '',
}

/** The hashes the subject is known by, per kind: from the inputs, the device, or the customer on file. */
export async function subjectHashes(pii: PiiCipher, subject: EvaluationSubject, kinds: ReadonlySet<ListKind>) {
  const hashes = new Map<ListKind, string[]>()
  const add = (kind: ListKind, raw: unknown) => {
    if (typeof raw !== 'string') return
    const normalised = normaliseListValue(kind, raw)
    if (normalised) hashes.set(kind, [...(hashes.get(kind) ?? []), listValueHash(pii, kind, normalised)])
  }
  for (const kind of kinds) {
    if (INPUT_KEYS[kind]) add(kind, subject.inputs[INPUT_KEYS[kind]])
  }
  if (kinds.has('device')) add('device', subject.device.fingerprint)
  if (kinds.has('ip')) add('ip', subject.device.ip)
  const needsCustomer = ['id_number', 'phone', 'bank_card'].some(
    (k) => kinds.has(k as ListKind) && !hashes.has(k as ListKind),
  )
  const customer = needsCustomer ? await subject.customer() : null
  if (customer) {
    if (kinds.has('id_number') && !hashes.has('id_number')) hashes.set('id_number', [customer.idNumberHash])
    if (kinds.has('phone') && !hashes.has('phone')) hashes.set('phone', [customer.phoneHash])
    if (kinds.has('bank_card') && !hashes.has('bank_card')) hashes.set('bank_card', customer.cardHashes)
  }
  return hashes
}

export async function readListHits(
  tx: Tx,
  pii: PiiCipher,
  wanted: readonly { code: string; config: ListConfig }[],
  subject: EvaluationSubject,
): Promise<Record<string, boolean>> {
  const kinds = new Set(wanted.flatMap((w) => w.config.kinds))
  const hashes = await subjectHashes(pii, subject, kinds)
  const all = [...hashes.values()].flat()
  const rows =
    all.length === 0
      ? []
      : await tx
          .select({ listType: riskListEntries.listType, kind: riskListEntries.kind, hash: riskListEntries.valueHash })
          .from(riskListEntries)
          .where(
            and(
              eq(riskListEntries.institutionId, subject.institutionId),
              inArray(riskListEntries.valueHash, all),
              or(isNull(riskListEntries.expiresAt), gt(riskListEntries.expiresAt, sql`now()`)),
            ),
          )
  const values: Record<string, boolean> = {}
  for (const { code, config } of wanted) {
    values[code] = rows.some(
      (row) =>
        row.listType === config.listType &&
        config.kinds.includes(row.kind as ListKind) &&
        (hashes.get(row.kind as ListKind) ?? []).includes(row.hash),
    )
  }
  return values
}

/** The hashes of every list value the inputs and the device carry (the customer's are added in SQL). */
export function inputHashes(pii: PiiCipher, subject: EvaluationSubject): string[] {
  const hashes: string[] = []
  const add = (kind: ListKind, raw: unknown) => {
    if (typeof raw !== 'string') return
    const normalised = normaliseListValue(kind, raw)
    if (normalised) hashes.push(listValueHash(pii, kind, normalised))
  }
  for (const kind of ['id_number', 'phone', 'bank_card'] as const) add(kind, subject.inputs[INPUT_KEYS[kind]])
  add('device', subject.device.fingerprint)
  add('ip', subject.device.ip)
  return hashes
}

/** Whether any of the subject's active entries is on the indicator's list for one of its kinds. */
export function isListHit(rows: readonly [string, string][], config: ListConfig): boolean {
  return rows.some(([listType, kind]) => listType === config.listType && config.kinds.includes(kind as ListKind))
}
