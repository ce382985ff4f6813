import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/lib/chromium.mjs'

// End-to-end tests drive the system Chromium (Playwright's own browser download does not work here)
// against a real Xindai server process that e2e/lib/global-setup.ts starts on a free port with a fresh
// DATA_DIR. Run through `npm test -- e2e`, or directly: `npx playwright test -c e2e/playwright.config.ts`.
//
// Env: XINDAI_BASE_URL — test an already running server instead of starting one;
//      CHROMIUM_PATH   — the browser binary; XINDAI_E2E_JSON — where the JSON report goes;
//      XINDAI_E2E_WORKERS — parallel workers (default 2).

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

// The config is loaded by the runner and again by every worker: decide the port once, in the runner,
// and hand it to the workers (and to global setup) through the environment they inherit.
if (!process.env.XINDAI_BASE_URL) {
  const port = await freePort()
  process.env.XINDAI_E2E_PORT = String(port)
  process.env.XINDAI_BASE_URL = `http://127.0.0.1:${port}`
  process.env.XINDAI_E2E_START_SERVER = '1'
}
process.env.CHROMIUM_PATH ??= ensureChromium()

export default defineConfig({
  testDir: '.',
  testMatch: ['**/*.spec.ts'],
  outputDir: join(root, 'test-results'),
  globalSetup: './lib/global-setup.ts',
  globalTeardown: './lib/global-teardown.ts',
  fullyParallel: false,
  // one server is shared by all workers; journeys that change shared state belong in one file
  workers: Number(process.env.XINDAI_E2E_WORKERS) || 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.XINDAI_E2E_JSON ?? join(root, '.tmp', 'test', 'e2e.json') }]],
  use: {
    baseURL: process.env.XINDAI_BASE_URL,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
})
