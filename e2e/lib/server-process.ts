// Stops the server process that global-setup.ts started: SIGTERM (graceful shutdown), SIGKILL after 10 s,
// then removes its temporary DATA_DIR. Safe to call when nothing was started or it is already gone.
import { rmSync } from 'node:fs'

const GRACE_MS = 10_000

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return !alive(pid)
}

export async function stopServer(): Promise<void> {
  const pid = Number(process.env.XINDAI_E2E_SERVER_PID)
  const dataDir = process.env.XINDAI_E2E_DATA_DIR
  delete process.env.XINDAI_E2E_SERVER_PID
  delete process.env.XINDAI_E2E_DATA_DIR
  if (pid > 0 && alive(pid)) {
    const started = Date.now()
    process.kill(pid, 'SIGTERM')
    if (!(await waitForExit(pid, GRACE_MS))) {
      console.warn(`[e2e] the server (pid ${pid}) did not stop within ${GRACE_MS / 1000}s of SIGTERM; killing it`)
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
      await waitForExit(pid, 5_000)
    } else {
      console.log(`[e2e] server stopped in ${((Date.now() - started) / 1000).toFixed(1)}s`)
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
}
