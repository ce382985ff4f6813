/**
 * Verifies the hash chains of the audit trail. Detects a row whose content was edited (its hash
 * no longer matches), rows deleted from the middle or the end (a gap in the sequence, or fewer
 * rows than the chain head says), and rows reordered (sequence order differs from insertion order).
 */
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { type Queryable, queryRows } from '../db/open.ts'
import { auditCanonical } from './canonical.ts'
import { chainPrefixOf } from './record.ts'

export type AuditProblem = {
  chain: string
  seq: number
  id: number | null
  kind: 'edited' | 'missing' | 'reordered' | 'broken_link'
  message: string
}

export type VerifyResult = { ok: boolean; checkedRows: number; chains: number; problems: AuditProblem[] }

type Row = {
  id: string | number
  chain: string
  seq: string | number
  institution_id: string | null
  at: string | Date
  actor_type: string
  actor_id: string | null
  actor_name: string | null
  ip: string | null
  operation: string
  object_type: string
  object_id: string | null
  before: unknown
  after: unknown
  prev_hash: string
  hash: string
}

const GENESIS = '0'.repeat(64)
const BATCH = 5000

function hashOf(prev: string, seq: number, canonical: string): string {
  return createHash('sha256').update(`${prev}|${seq}|${canonical}`, 'utf8').digest('hex')
}

function toDate(v: string | Date): Date {
  return v instanceof Date ? v : new Date(v)
}

export type VerifyOptions = {
  /** one chain */
  chain?: string
  /** every chain of one institution */
  institutionId?: string
}

export async function verifyAuditChains(tx: Queryable, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const heads = await queryRows<{ chain: string; seq: string | number }>(
    tx,
    opts.chain
      ? sql`select chain, seq from audit_heads where chain = ${opts.chain}`
      : opts.institutionId
        ? sql`select chain, seq from audit_heads where starts_with(chain, ${chainPrefixOf(opts.institutionId)}) order by chain`
        : sql`select chain, seq from audit_heads order by chain`,
  )
  const problems: AuditProblem[] = []
  let checkedRows = 0
  for (const head of heads) {
    let expectedSeq = 1
    let prevHash = GENESIS
    let lastId = 0
    for (;;) {
      const rows = await queryRows<Row>(
        tx,
        sql`select * from audit_log where chain = ${head.chain} and seq >= ${expectedSeq} order by seq limit ${BATCH}`,
      )
      for (const row of rows) {
        const seq = Number(row.seq)
        const id = Number(row.id)
        if (seq !== expectedSeq) {
          problems.push({
            chain: head.chain,
            seq: expectedSeq,
            id: null,
            kind: 'missing',
            message: `rows ${expectedSeq}..${seq - 1} of chain ${head.chain} are missing (deleted)`,
          })
          // continue from the stored link so one deletion is reported once
          prevHash = row.prev_hash
        }
        if (id < lastId)
          problems.push({
            chain: head.chain,
            seq,
            id,
            kind: 'reordered',
            message: `row id ${id} (seq ${seq}) is out of insertion order`,
          })
        if (row.prev_hash !== prevHash)
          problems.push({
            chain: head.chain,
            seq,
            id,
            kind: 'broken_link',
            message: `row id ${id} (seq ${seq}) does not link to the previous row`,
          })
        const canonical = auditCanonical({
          institutionId: row.institution_id,
          at: toDate(row.at),
          actorType: row.actor_type,
          actorId: row.actor_id,
          actorName: row.actor_name,
          ip: row.ip,
          operation: row.operation,
          objectType: row.object_type,
          objectId: row.object_id,
          before: row.before,
          after: row.after,
        })
        if (hashOf(row.prev_hash, seq, canonical) !== row.hash)
          problems.push({
            chain: head.chain,
            seq,
            id,
            kind: 'edited',
            message: `row id ${id} (seq ${seq}, ${row.operation} ${row.object_type} ${row.object_id ?? ''}) was edited`,
          })
        prevHash = row.hash
        lastId = id
        expectedSeq = seq + 1
        checkedRows++
      }
      if (rows.length < BATCH) break
    }
    const headSeq = Number(head.seq)
    if (expectedSeq - 1 < headSeq)
      problems.push({
        chain: head.chain,
        seq: expectedSeq,
        id: null,
        kind: 'missing',
        message: `rows ${expectedSeq}..${headSeq} at the end of chain ${head.chain} are missing (deleted)`,
      })
  }
  return { ok: problems.length === 0, checkedRows, chains: heads.length, problems }
}
