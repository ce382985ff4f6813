// A throwaway PostgreSQL cluster for tests and benchmarks, made from the installed binaries
// (initdb, pg_ctl, postgres on PATH): a fresh temp dir, a free 127.0.0.1 port, trust auth, database `xindai`.
//
//   import { startPgCluster } from './pg-cluster.mjs'
//   const pg = await startPgCluster({ log: console.log })
//   pg.url   // postgres://postgres@127.0.0.1:PORT/xindai
//   await pg.stop()
//
// PostgreSQL refuses to run as root, so when we are root the cluster runs as the `postgres` system user
// (created with useradd if missing). The cluster is also stopped on process exit, SIGINT and SIGTERM.
//
// CLI (for developers): `node scripts/lib/pg-cluster.mjs` prints the URL and runs until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, chownSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { freePort, onCleanup } from './proc.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** node-postgres: hoisted to the root node_modules, else the server workspace's copy. */
function loadPg() {
  try {
    return createRequire(import.meta.url)('pg')
  } catch {
    return createRequire(join(ROOT, 'apps', 'server', 'package.json'))('pg')
  }
}

const DEFAULT_DB = 'xindai'
const START_TIMEOUT_MS = 60_000

/** Settings for speed: a throwaway cluster needs no durability. */
const FAST_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  checkpoint_timeout: "'30min'",
  max_wal_size: "'4GB'",
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

function lookupUser(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return null
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/** The uid/gid to run PostgreSQL as: ourselves, or `postgres` when we are root. */
function pgUser(log) {
  if (!isRoot()) return null
  let user = lookupUser('postgres')
  if (!user) {
    log('[pg] creating system user postgres (PostgreSQL refuses to run as root)')
    const r = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        encoding: 'utf8',
      },
    )
    user = lookupUser('postgres')
    if (!user)
      throw new Error(`could not create the postgres user: ${r.stderr || r.error?.message || `exit ${r.status}`}`)
  }
  return user
}

/** The binary to run: PG_BIN dir if set, else from PATH (checked, to give a clear error). */
function pgBinary(name) {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name)
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  const path = r.stdout.trim()
  if (r.status !== 0 || !path) {
    throw new Error(
      `${name} not found on PATH. Install the PostgreSQL server binaries (Debian: apt-get install postgresql), ` +
        'put their directory on PATH or in PG_BIN, or set DATABASE_URL to an existing server.',
    )
  }
  return path
}

/** Runs a PostgreSQL binary synchronously as the cluster's user; throws with its output on failure. */
function runAs(user, cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', HOME: opts.cwd ?? tmpdir() },
    cwd: opts.cwd,
    timeout: opts.timeout ?? 120_000,
  })
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim()
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})\n${out}`)
  }
  return r
}

/** Every directory above `dir` must be searchable by the postgres user. */
function assertTraversable(dir, user) {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const st = statSync(d)
    const ok = st.mode & 0o001 || (st.uid === user.uid && st.mode & 0o100) || (st.gid === user.gid && st.mode & 0o010)
    if (!ok) {
      throw new Error(
        `the postgres user cannot reach ${dir}: ${d} is not searchable. Set TMPDIR to a directory like /tmp.`,
      )
    }
  }
}

function hasCUtf8Locale() {
  const r = spawnSync('locale', ['-a'], { encoding: 'utf8' })
  return r.status === 0 && /^c\.utf-?8$/im.test(r.stdout)
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

async function waitUntilAccepting({ port, child, logFile, timeoutMs }) {
  const { Client } = loadPg()
  const deadline = Date.now() + timeoutMs
  let lastError
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) while starting:\n${tail(logFile)}`)
    }
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    })
    try {
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return
    } catch (err) {
      lastError = err
      await client.end().catch(() => {})
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  throw new Error(
    `postgres did not accept connections on port ${port} within ${timeoutMs / 1000}s (${lastError?.message})\n${tail(logFile)}`,
  )
}

/**
 * Starts a throwaway cluster. Options:
 * - `log`: function for progress lines (default: none)
 * - `database`: database to create (default `xindai`)
 * - `durable`: keep fsync/synchronous_commit/full_page_writes on (for benchmarks that should look like production)
 * - `settings`: extra postgresql.conf settings, e.g. `{ work_mem: "'64MB'" }`
 * Resolves to `{ url, port, dataDir, dir, logFile, pid, stop() }`.
 */
export async function startPgCluster({ log = () => {}, database = DEFAULT_DB, durable = false, settings = {} } = {}) {
  const started = Date.now()
  const user = pgUser(log)
  const initdb = pgBinary('initdb')
  const pgCtl = pgBinary('pg_ctl')
  const postgres = pgBinary('postgres')

  const dir = mkdtempSync(join(tmpdir(), 'xindai-pg-'))
  let child = null
  let stopped = false
  const dataDir = join(dir, 'data')
  const logFile = join(dir, 'postgres.log')

  /** Synchronous, so that it also works from an exit handler. */
  const stopSync = () => {
    if (stopped) return
    stopped = true
    offCleanup()
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        runAs(user, pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '15', '-s'], { timeout: 20_000 })
      } catch {
        // pg_ctl could not stop it: kill the postmaster we started (its children notice and exit)
        try {
          process.kill(child.pid, 'SIGKILL')
        } catch {}
      }
    }
    // the postmaster may hold the dir for a moment after a kill; rm tolerates a vanishing tree
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
  }
  const offCleanup = onCleanup(stopSync)

  try {
    if (user) {
      chownSync(dir, user.uid, user.gid)
      assertTraversable(dir, user)
    }
    const localeArgs = hasCUtf8Locale() ? ['--locale=C.UTF-8', '--lc-collate=C'] : ['--no-locale']
    // same encoding/collation as PGlite (UTF8, collate C, ctype C.UTF-8)
    runAs(
      user,
      initdb,
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', ...localeArgs, '--no-sync', '--no-instructions'],
      {
        cwd: dir,
      },
    )
    const conf = {
      listen_addresses: "'127.0.0.1'",
      // a socket too, for `psql -h <dir>`; sockets need a short path, so none when the path is long
      unix_socket_directories: dir.length < 80 ? `'${dir}'` : "''",
      max_connections: '200',
      shared_buffers: "'256MB'",
      logging_collector: 'off',
      log_min_messages: 'warning',
      ...(durable ? {} : FAST_SETTINGS),
      ...settings,
    }
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      `\n# xindai throwaway cluster\n${Object.entries(conf)
        .map(([k, v]) => `${k} = ${v}`)
        .join('\n')}\n`,
    )

    // The port is free when we pick it but another process may take it first: retry a few times.
    let port
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const fd = openSync(logFile, 'a')
      if (user) chownSync(logFile, user.uid, user.gid)
      // the postmaster itself, so that we hold its pid; fast shutdown = SIGINT, or pg_ctl stop -m fast
      child = spawn(postgres, ['-D', dataDir, '-p', String(port)], {
        stdio: ['ignore', fd, fd],
        cwd: dir,
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', HOME: dir },
      })
      closeSync(fd)
      child.unref()
      child.on('error', () => {})
      try {
        await waitUntilAccepting({ port, child, logFile, timeoutMs: START_TIMEOUT_MS })
        break
      } catch (err) {
        const portTaken = /could not bind|Address already in use/i.test(tail(logFile, 50))
        if (!portTaken || attempt >= 3) throw err
        log(`[pg] port ${port} was taken, retrying`)
        if (child.exitCode === null) child.kill('SIGKILL')
      }
    }

    const { Client } = loadPg()
    const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`)
    } finally {
      await admin.end()
    }

    const url = `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`
    log(`[pg] PostgreSQL cluster ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${url} (data ${dataDir})`)
    return {
      url,
      port,
      dir,
      dataDir,
      logFile,
      pid: child.pid,
      /** Stops the cluster (pg_ctl stop -m fast, else SIGKILL) and removes its directory. Safe to call twice. */
      async stop() {
        const t = Date.now()
        stopSync()
        log(`[pg] cluster on port ${port} stopped in ${((Date.now() - t) / 1000).toFixed(1)}s`)
      },
    }
  } catch (err) {
    stopSync()
    throw err
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const durable = process.argv.includes('--durable')
  try {
    const pg = await startPgCluster({ log: (m) => console.error(m), durable })
    console.log(pg.url)
    console.error(`[pg] psql "${pg.url}"   — Ctrl-C stops the cluster and deletes its data`)
    // keep running until a signal; proc.mjs's handlers stop the cluster and exit
    setInterval(() => {}, 1 << 30)
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
}
