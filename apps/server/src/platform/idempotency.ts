/**
 * `Idempotency-Key` for money-moving endpoints. The key is claimed in the same transaction as the
 * operation, so a crash rolls both back and a retry runs cleanly; a concurrent duplicate waits on
 * the key's unique index and then receives the stored response. The same key with a different
 * body is refused (422). A retry never moves money twice.
 */
import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { canonicalJson } from './audit/canonical.ts'
import type { Tx } from './db/open.ts'
import { idempotencyKeys } from './db/schema.ts'
import { AppError, fieldError } from './errors.ts'

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean }

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/

/** Reads and checks the Idempotency-Key header; money-moving routes require it. */
export function idempotencyKeyOf(req: FastifyRequest): string {
  const key = req.headers['idempotency-key']
  if (typeof key !== 'string' || key === '')
    throw fieldError('headers.idempotency-key', 'field.idempotency_key_required')
  if (!KEY_PATTERN.test(key)) throw fieldError('headers.idempotency-key', 'field.idempotency_key_format')
  return key
}

export type WithIdempotencyOptions<T> = {
  tx: Tx
  institutionId: string
  key: string
  operation: string
  request: unknown
  run: () => Promise<{ status: number; body: T }>
}

export async function withIdempotency<T>(o: WithIdempotencyOptions<T>): Promise<IdempotentResult<T>> {
  const requestHash = createHash('sha256')
    .update(`${o.operation}\n${canonicalJson(o.request)}`)
    .digest('hex')
  const claimed = await o.tx
    .insert(idempotencyKeys)
    .values({ institutionId: o.institutionId, key: o.key, operation: o.operation, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  if (claimed.length === 0) {
    const [prior] = await o.tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.institutionId, o.institutionId), eq(idempotencyKeys.key, o.key)))
    if (!prior || prior.requestHash !== requestHash || prior.operation !== o.operation)
      throw new AppError('idempotency_mismatch')
    if (!prior.completed) throw new AppError('idempotency_in_progress')
    return { status: prior.status ?? 200, body: prior.response as T, replayed: true }
  }
  const result = await o.run()
  await o.tx
    .update(idempotencyKeys)
    .set({ completed: true, status: result.status, response: result.body as object })
    .where(and(eq(idempotencyKeys.institutionId, o.institutionId), eq(idempotencyKeys.key, o.key)))
  return { ...result, replayed: false }
}
