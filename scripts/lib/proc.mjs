// Small process helpers shared by the scripts: run a child and wait for it, remember children and
// throwaway resources, and clean them up exactly once on exit, SIGINT, SIGTERM or SIGHUP.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

const cleanups = new Set()
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }
let installed = false
let cleaning = false

function runCleanups() {
  if (cleaning) return
  cleaning = true
  // last registered first, like a stack of `finally` blocks
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn)
    try {
      fn()
    } catch (err) {
      console.error(`[cleanup] ${err instanceof Error ? err.message : err}`)
    }
  }
  cleaning = false
}

function install() {
  if (installed) return
  installed = true
  process.on('exit', runCleanups)
  for (const [sig, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(sig, () => {
      // npm forwards signals to its child as well as the terminal sending them to the whole group,
      // so the same Ctrl-C can arrive twice; clean up once and leave.
      runCleanups()
      process.exit(code)
    })
  }
}

/**
 * Registers a synchronous cleanup that runs on process exit or on SIGINT/SIGTERM/SIGHUP.
 * Returns a function that unregisters it (call it after cleaning up normally).
 */
export function onCleanup(fn) {
  install()
  cleanups.add(fn)
  return () => cleanups.delete(fn)
}

/**
 * Runs a command with inherited stdio and resolves with its exit code (signals map to 128+n).
 * While it runs, an exit of this process kills it.
 */
export function run(cmd, args, { env, cwd, quiet = false } = {}) {
  if (!quiet) console.log(`$ ${[cmd, ...args].join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: env ?? process.env, cwd })
    const off = onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    })
    child.on('error', (err) => {
      off()
      console.error(`could not run ${cmd}: ${err.message}`)
      resolve(127)
    })
    child.on('exit', (code, signal) => {
      off()
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGINT' ? 2 : 15))
    })
  })
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** Seconds since `started` (a Date.now() value), one decimal. */
export function secondsSince(started) {
  return ((Date.now() - started) / 1000).toFixed(1)
}
