/**
 * The trailing write batch (platform/db/write-batch.ts): events and audit records made in a
 * transaction reach the database in the order they were made, commit with it, vanish with a rollback,
 * and a savepoint's writes go with the savepoint.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit, SYSTEM_ACTOR } from '../../src/platform/audit/record.ts'
import { queryRows, SYSTEM, type Tx } from '../../src/platform/db/open.ts'
import { emitEvent } from '../../src/platform/events.ts'
import { startTestEnv, type TestEnv } from '../harness.ts'

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv()
})
afterAll(() => env?.close())

const eventsOf = (aggregateId: string) =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ topic: string }>(tx, sql`select topic from events where aggregate_id = ${aggregateId} order by id`),
  )
const auditsOf = (objectId: string) =>
  env.platform.db.tx(SYSTEM, (tx) =>
    queryRows<{ operation: string; after: unknown }>(
      tx,
      sql`select operation, after from audit_log where object_id = ${objectId} order by seq`,
    ),
  )

async function write(tx: Tx, id: string, step: string) {
  await emitEvent(tx, {
    institutionId: null,
    topic: `test.${step}`,
    aggregateType: 'test',
    aggregateId: id,
    payload: { step },
  })
  await recordAudit(tx, SYSTEM_ACTOR, {
    operation: `test.${step}`,
    objectType: 'test',
    objectId: id,
    institutionId: null,
    after: step === 'none' ? null : { step },
  })
}

describe('trailing write batch', () => {
  it('commits events and audit records in the order they were made, nulls intact', async () => {
    const id = randomUUID()
    await env.platform.db.tx(SYSTEM, async (tx) => {
      for (const step of ['a', 'b', 'none', 'c']) await write(tx, id, step)
    })
    expect((await eventsOf(id)).map((e) => e.topic)).toEqual(['test.a', 'test.b', 'test.none', 'test.c'])
    const audits = await auditsOf(id)
    expect(audits.map((a) => a.operation)).toEqual(['test.a', 'test.b', 'test.none', 'test.c'])
    expect(audits[2]!.after).toBeNull()
  })

  it('a transaction that fails writes none of them', async () => {
    const id = randomUUID()
    await expect(
      env.platform.db.tx(SYSTEM, async (tx) => {
        await write(tx, id, 'a')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await eventsOf(id)).toEqual([])
    expect(await auditsOf(id)).toEqual([])
  })

  it("a savepoint's writes leave with it; the rest stay, in order", async () => {
    const id = randomUUID()
    await env.platform.db.tx(SYSTEM, async (tx) => {
      await write(tx, id, 'before')
      await tx
        .transaction(async (sp) => {
          await write(sp as unknown as Tx, id, 'inside')
          throw new Error('roll back the savepoint')
        })
        .catch(() => {})
      await tx.transaction(async (sp) => write(sp as unknown as Tx, id, 'kept'))
      await write(tx, id, 'after')
    })
    expect((await eventsOf(id)).map((e) => e.topic)).toEqual(['test.before', 'test.kept', 'test.after'])
    expect((await auditsOf(id)).map((a) => a.operation)).toEqual(['test.before', 'test.kept', 'test.after'])
  })

  it('the audit chain still verifies after batched appends', async () => {
    const res = await (await env.login('admin')).post<{ ok: boolean }>('/api/v1/audit/verify', {})
    expect(res.status, res.text).toBe(200)
    expect(res.body.ok).toBe(true)
  })
})
