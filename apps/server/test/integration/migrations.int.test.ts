/** Migrations: the same files on PGlite and PostgreSQL, safe when two processes start together. */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { listMigrations, migrate, pendingMigrations } from '../../src/platform/db/migrate.ts'
import { openDatabase } from '../../src/platform/db/open.ts'
import { testDbKind } from '../harness.ts'

describe('migrations', () => {
  if (testDbKind === 'pg') {
    it('two processes migrating a fresh database at the same time do not collide', async () => {
      const base = process.env.DATABASE_URL!
      const name = `xindai_mig_${Date.now()}`
      const admin = new pg.Client({ connectionString: base })
      await admin.connect()
      await admin.query(`create database ${name}`)
      const url = new URL(base)
      url.pathname = `/${name}`
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: url.toString() }),
        openDatabase({ databaseUrl: url.toString() }),
      ])
      const applied = await Promise.all([migrate(a), migrate(b)])
      // one applied everything, the other waited on the lock and found nothing left to do
      expect(applied.sort()).toEqual([0, listMigrations().length])
      expect(await pendingMigrations(a)).toBe(0)
      await a.close()
      await b.close()
      await admin.query(`drop database ${name} with (force)`)
      await admin.end()
    })
  } else {
    it('an embedded database migrates from empty, and a second run applies nothing', async () => {
      const db = await openDatabase({ memory: true })
      expect(await migrate(db)).toBe(listMigrations().length)
      expect(await migrate(db)).toBe(0)
      expect(await pendingMigrations(db)).toBe(0)
      await db.close()
    })
  }
})
