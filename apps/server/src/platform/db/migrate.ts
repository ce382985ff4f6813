/**
 * Applies the SQL migrations in apps/server/migrations in order, each in its own transaction,
 * under a PostgreSQL advisory lock so that two processes starting together do not collide.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './open.ts'

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'migrations')
const LOCK_ID = 7_242_024_001

export type MigrationFile = { name: string; sql: string; checksum: string }

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

export async function migrate(db: Database, log: (msg: string) => void = () => {}): Promise<number> {
  const files = listMigrations()
  // Everything runs in one owner session so that the advisory lock is held throughout.
  const script = async (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => {
    await q('SELECT pg_advisory_lock($1)', [LOCK_ID])
    try {
      await q(`CREATE TABLE IF NOT EXISTS xindai_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
      const applied = new Map(
        (await q('SELECT name, checksum FROM xindai_migrations')).map((r) => [r.name, r.checksum]),
      )
      let count = 0
      for (const file of files) {
        const known = applied.get(file.name)
        if (known !== undefined) {
          if (known !== file.checksum) log(`warning: migration ${file.name} changed after it was applied`)
          continue
        }
        log(`applying migration ${file.name}`)
        await q('BEGIN')
        try {
          await q(file.sql.replaceAll('--> statement-breakpoint', ''))
          await q('INSERT INTO xindai_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum])
          await q('COMMIT')
        } catch (err) {
          await q('ROLLBACK')
          throw new Error(`migration ${file.name} failed: ${(err as Error).message}`)
        }
        count++
      }
      return count
    } finally {
      await q('SELECT pg_advisory_unlock($1)', [LOCK_ID])
    }
  }
  return runInOwnerSession(db, script)
}

async function runInOwnerSession<T>(
  db: Database,
  fn: (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  if (db.pglite) {
    const pglite = db.pglite
    return fn(async (text, params) => {
      if (params && params.length > 0) return (await pglite.query<Record<string, unknown>>(text, params)).rows
      const results = await pglite.exec(text)
      return (results.at(-1)?.rows ?? []) as Record<string, unknown>[]
    })
  }
  const client = await db.ownerClient()
  try {
    return await fn(async (text, params) => (await client.query(text, params)).rows)
  } finally {
    client.release()
  }
}

/** Number of migration files that are not applied yet (readiness check). */
export async function pendingMigrations(db: Database): Promise<number> {
  const rows = await db.ownerQuery<{ name: string }>('SELECT name FROM xindai_migrations').catch(() => [])
  const done = new Set(rows.map((r) => r.name))
  return listMigrations().filter((f) => !done.has(f.name)).length
}
