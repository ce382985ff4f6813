/**
 * Opens the database: embedded PGlite in DATA_DIR by default, a PostgreSQL server when
 * DATABASE_URL is set. Both speak the same dialect and run the same migrations.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres'
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { flushWriteBatch, openWriteBatch } from './write-batch.ts'

// numeric, date and timestamp values stay exact: numerics and dates as strings, never JS floats.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v)
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v)
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export const APP_ROLE = 'xindai_app'

export type Drizzle = PgDatabase<PgQueryResultHKT>
export type Tx = PgTransaction<PgQueryResultHKT>
/** Anything that runs queries: the root handle or a transaction. */
export type Queryable = Drizzle | Tx

/**
 * The tenant context of a transaction. `system` is for work that is not done on behalf of a caller
 * (login lookups, daily close, demo loading); every request runs with the caller's scope.
 */
export type DbContext = {
  scope: 'own' | 'team' | 'institution' | 'platform' | 'system'
  institutionId: string | null
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

export const SYSTEM: DbContext = { scope: 'system', institutionId: null }

export type Database = {
  kind: 'pglite' | 'postgres'
  /** root handle; on a PostgreSQL server it sees no tenant rows (RLS) — use `tx` */
  root: Drizzle
  tx<T>(ctx: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T>
  /** raw statements for migrations (runs as the owner, outside RLS) */
  ownerExec(text: string): Promise<void>
  ownerQuery<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>
  /** a dedicated owner session (PostgreSQL server only), for work that needs one session throughout */
  ownerClient(): Promise<pg.PoolClient>
  close(): Promise<void>
  pglite?: PGlite
}

export type OpenOptions = {
  databaseUrl?: string
  dataDir?: string
  /** in-memory PGlite (tests) */
  memory?: boolean
  /** an already opened PGlite (tests clone a migrated template) */
  pglite?: PGlite
  poolSize?: number
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 20)
  return openPglite(opts)
}

function withTx(root: Drizzle) {
  return <T>(ctx: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T> =>
    root.transaction(async (t) => {
      await t.execute(
        sql`select set_config('app.scope', ${ctx.scope}, true), set_config('app.institution_id', ${ctx.institutionId ?? ''}, true)`,
      )
      openWriteBatch(t)
      const result = await fn(t as Tx)
      await flushWriteBatch(t)
      return result
    })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SCOPES = new Set<DbContext['scope']>(['own', 'team', 'institution', 'platform', 'system'])

/**
 * `BEGIN` and the tenant context in one round trip (a simple-protocol query of two statements), which
 * is why the values are checked here rather than bound as parameters: a scope from a fixed set and
 * an institution id that must be a UUID. Nested `tx.transaction()` still makes savepoints.
 */
export function beginWithContext(ctx: DbContext): string {
  if (!SCOPES.has(ctx.scope)) throw new Error(`unknown scope ${ctx.scope}`)
  const institution = ctx.institutionId ?? ''
  if (institution !== '' && !UUID.test(institution)) throw new Error('institution id is not a UUID')
  return `begin; select set_config('app.scope', '${ctx.scope}', true), set_config('app.institution_id', '${institution}', true)`
}

function pooledTx(pool: pg.Pool) {
  const dialect = new PgDialect()
  return async <T>(ctx: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const begin = beginWithContext(ctx)
    const client = await pool.connect()
    // a connection whose state is unknown (BEGIN, COMMIT or ROLLBACK failed) is closed, not reused
    let broken: Error | undefined
    const mark = (error: unknown) => {
      broken = error instanceof Error ? error : new Error(String(error))
    }
    try {
      await client.query(begin).catch((error) => {
        mark(error)
        throw error
      })
      const tx = new NodePgTransaction(
        dialect,
        new NodePgSession(client, dialect, undefined),
        undefined,
      ) as unknown as Tx
      let result: T
      try {
        openWriteBatch(tx)
        result = await fn(tx)
        await flushWriteBatch(tx)
      } catch (error) {
        await client.query('rollback').catch(mark)
        throw error
      }
      await client.query('commit').catch((error) => {
        mark(error)
        throw error
      })
      return result
    } finally {
      client.release(broken)
    }
  }
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let client = opts.pglite
  if (!client) {
    if (opts.memory) client = await PGlite.create()
    else {
      const dir = join(opts.dataDir ?? './data', 'pglite')
      mkdirSync(dir, { recursive: true })
      client = await PGlite.create(dir)
    }
  }
  const pglite = client
  const root = drizzlePglite({ client: pglite }) as unknown as Drizzle
  return {
    kind: 'pglite',
    root,
    tx: withTx(root),
    ownerExec: async (text) => {
      await pglite.exec(text)
    },
    ownerQuery: async <R>(text: string, params?: unknown[]) => (await pglite.query(text, params)).rows as R[],
    ownerClient: () => Promise.reject(new Error('no owner client on PGlite')),
    close: () => pglite.close(),
    pglite,
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // The owner connection runs migrations. The application pool connects with the startup option
  // `role=xindai_app`, so every query it makes is subject to RLS; if the role is missing the
  // connection fails loudly instead of silently running as the owner. Pools connect lazily, and
  // nothing uses the app pool before migrations have created the role.
  const owner = new pg.Pool({ connectionString: url, max: 2 })
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${APP_ROLE}` })
  // An idle pooled connection that the server closes (restart, failover, a dropped test database)
  // must not crash the process: the pool discards it and opens a new one on next use.
  const ignoreIdleError = () => {}
  owner.on('error', ignoreIdleError)
  pool.on('error', ignoreIdleError)
  const root = drizzlePg({ client: pool }) as unknown as Drizzle
  return {
    kind: 'postgres',
    root,
    tx: pooledTx(pool),
    ownerExec: async (text) => {
      await owner.query(text)
    },
    ownerQuery: async <R>(text: string, params?: unknown[]) => (await owner.query(text, params)).rows as R[],
    ownerClient: () => owner.connect(),
    close: async () => {
      await pool.end()
      await owner.end()
    },
  }
}
