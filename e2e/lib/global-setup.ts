// Starts the Xindai server as a real, separate process for the end-to-end tests:
//   node apps/server/bin/xindai.mjs start   with PORT=<free port>, DATA_DIR=<fresh temp dir>, XINDAI_LOG_LEVEL=warn
// and waits until GET /readyz answers 200 (the first start migrates and loads the demo data).
// The pid and data dir go into the environment for global-teardown.ts.
// Skipped when XINDAI_BASE_URL was given from outside (tests then run against that server).
import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureWebBuilt } from '../../scripts/lib/web.mjs'
import { stopServer } from './server-process.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// the first start migrates and loads the whole demo data set (loan books over 90 simulated days)
const READY_TIMEOUT_MS = 480_000

function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no output)'
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.XINDAI_E2E_START_SERVER !== '1') {
    console.log(`[e2e] using the server at ${process.env.XINDAI_BASE_URL}`)
    return
  }
  const port = process.env.XINDAI_E2E_PORT
  const baseURL = process.env.XINDAI_BASE_URL
  if (!port || !baseURL) throw new Error('playwright.config.ts did not choose a port')

  // `npx playwright test` on its own should also work: build the console when it is missing or stale
  if ((await ensureWebBuilt({ log: (m) => console.log(m) })) !== 0) throw new Error('the console build failed')

  const dataDir = mkdtempSync(join(tmpdir(), 'xindai-e2e-'))
  const logDir = join(ROOT, '.tmp', 'test')
  mkdirSync(logDir, { recursive: true })
  const logFile = join(logDir, 'e2e-server.log')
  const log = createWriteStream(logFile)

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    XINDAI_LOG_LEVEL: 'warn',
  }
  // the e2e server runs on embedded PGlite unless told otherwise; a developer's DATABASE_URL must not leak in
  delete env.DATABASE_URL
  if (process.env.XINDAI_E2E_DATABASE_URL) env.DATABASE_URL = process.env.XINDAI_E2E_DATABASE_URL
  delete env.XINDAI_E2E_START_SERVER

  const started = Date.now()
  const server = spawn(process.execPath, [join(ROOT, 'apps/server/bin/xindai.mjs'), 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout.pipe(log)
  server.stderr.pipe(log)
  if (process.env.XINDAI_E2E_SERVER_OUTPUT === 'inherit') {
    server.stdout.pipe(process.stdout)
    server.stderr.pipe(process.stderr)
  }
  if (!server.pid) throw new Error('could not start the server process')
  process.env.XINDAI_E2E_SERVER_PID = String(server.pid)
  process.env.XINDAI_E2E_DATA_DIR = dataDir
  // if the runner dies without running the teardown, do not leave the server behind
  process.once('exit', () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
  })
  console.log(`[e2e] starting the server: PORT=${port} DATA_DIR=${dataDir} (log: ${logFile})`)

  const state: { exited?: string } = {}
  server.once('exit', (code, signal) => {
    state.exited = code === null ? `signal ${signal}` : `exit code ${code}`
  })

  const deadline = started + READY_TIMEOUT_MS
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (state.exited) {
      throw new Error(`the server stopped (${state.exited}) before it was ready. Its output:\n${logTail(logFile)}`)
    }
    try {
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(5_000) })
      if (res.status === 200) {
        console.log(`[e2e] server ready at ${baseURL} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
        return
      }
      lastProblem = `GET /readyz answered ${res.status}`
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stopServer()
  throw new Error(
    `the server was not ready within ${READY_TIMEOUT_MS / 1000}s (${lastProblem}). Its output:\n${logTail(logFile)}`,
  )
}
