// `npm test`: every test layer, in order, each one run even when an earlier one failed.
//
//   unit         vitest --project unit                      pure logic
//   integration  vitest --project integration, PGlite        XINDAI_TEST_DB=pglite
//   pg           vitest --project integration, PostgreSQL    XINDAI_TEST_DB=pg, DATABASE_URL (or a throwaway cluster)
//   e2e          Playwright against a real server process     system Chromium (installed with apt when missing)
//
// `npm test -- unit pg` runs only the named layers; anything after a further `--` goes to the runner
// (vitest or playwright), e.g. `npm test -- unit -- money`.
// Ends with one line `N passed, N failed` (tests over all layers); exit code 1 if any layer failed.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { ensureChromium } from './lib/chromium.mjs'
import { startPgCluster } from './lib/pg-cluster.mjs'
import { run, secondsSince } from './lib/proc.mjs'
import { ensureWebBuilt, ROOT } from './lib/web.mjs'

const OUT = join(ROOT, '.tmp', 'test')
const require = createRequire(import.meta.url)

/** Absolute path of a package's CLI script, so that we run it with this node, without npx. */
function bin(pkg, name) {
  const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [ROOT, join(ROOT, 'e2e')] })
  const { bin: b } = JSON.parse(readFileSync(pkgJson, 'utf8'))
  return join(dirname(pkgJson), typeof b === 'string' ? b : b[name])
}

/** Files under `dirs` (relative to the root) whose path matches `re`, skipping node_modules and dist. */
function findFiles(dirs, re) {
  const found = []
  const walk = (dir) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (re.test(relative(ROOT, p))) found.push(p)
    }
  }
  for (const d of dirs) walk(join(ROOT, d))
  return found
}

const hasUnitTests = () =>
  findFiles(['apps/server/src', 'bench'], /\.test\.ts$/).filter((f) => !f.endsWith('.int.test.ts')).length > 0
const hasIntegrationTests = () => findFiles(['apps/server'], /\.int\.test\.ts$/).length > 0
const hasE2eTests = () => findFiles(['e2e'], /\.(spec|test)\.[cm]?[jt]s$/).length > 0

/** Environment without DATABASE_URL, so that a developer's setting cannot leak into the PGlite layers. */
function envWithout(...names) {
  const env = { ...process.env }
  for (const n of names) delete env[n]
  return env
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** passed/failed from vitest's JSON reporter; a file that failed outside any test (import error, hook) counts once. */
function vitestCounts(file) {
  const r = readJson(file)
  if (!r) return null
  const suiteErrors = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + suiteErrors, total: r.numTotalTests ?? 0 }
}

/** passed/failed from Playwright's JSON reporter; errors outside tests (global setup, config) count as failures. */
function playwrightCounts(file) {
  const r = readJson(file)
  if (!r?.stats) return null
  const s = r.stats
  const passed = (s.expected ?? 0) + (s.flaky ?? 0)
  const failed = (s.unexpected ?? 0) + (r.errors?.length ?? 0)
  return { passed, failed, total: passed + failed + (s.skipped ?? 0) }
}

async function runVitest(layer, project, env, extra) {
  const out = join(OUT, `${layer}.json`)
  rmSync(out, { force: true })
  const args = [
    bin('vitest', 'vitest'),
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
    ...extra,
  ]
  const code = await run(process.execPath, args, { env, cwd: ROOT })
  return { code, counts: vitestCounts(out) }
}

const LAYERS = {
  unit: {
    title: 'unit (vitest)',
    hasTests: hasUnitTests,
    run: (extra) => runVitest('unit', 'unit', envWithout('DATABASE_URL', 'XINDAI_TEST_DB'), extra),
  },
  integration: {
    title: 'integration on PGlite (vitest)',
    hasTests: hasIntegrationTests,
    run: (extra) =>
      runVitest('integration', 'integration', { ...envWithout('DATABASE_URL'), XINDAI_TEST_DB: 'pglite' }, extra),
  },
  pg: {
    title: 'integration on PostgreSQL (vitest)',
    hasTests: hasIntegrationTests,
    async run(extra, note) {
      let url = process.env.DATABASE_URL
      let cluster = null
      if (url) {
        note(`using DATABASE_URL from the environment`)
      } else {
        const t = Date.now()
        try {
          cluster = await startPgCluster({ log: console.log })
        } catch (err) {
          console.error(
            `[pg] could not start a throwaway PostgreSQL cluster:\n${err instanceof Error ? err.message : err}`,
          )
          return { code: 1, counts: null }
        }
        url = cluster.url
        note(`throwaway cluster started in ${secondsSince(t)}s`)
      }
      try {
        return await runVitest('pg', 'integration', { ...process.env, XINDAI_TEST_DB: 'pg', DATABASE_URL: url }, extra)
      } finally {
        await cluster?.stop()
      }
    },
  },
  e2e: {
    title: 'end-to-end (Playwright + Chromium)',
    hasTests: hasE2eTests,
    async run(extra, note) {
      let chromium
      try {
        const t = Date.now()
        chromium = ensureChromium()
        note(`chromium ${chromium} (${secondsSince(t)}s)`)
      } catch (err) {
        console.error(`\n${err instanceof Error ? err.message : err}\n`)
        return { code: 1, counts: null }
      }
      const t = Date.now()
      const built = await ensureWebBuilt()
      if (built !== 0) return { code: built, counts: null }
      note(`console build check ${secondsSince(t)}s`)
      const out = join(OUT, 'e2e.json')
      rmSync(out, { force: true })
      const env = { ...process.env, CHROMIUM_PATH: chromium, XINDAI_E2E_JSON: out }
      const code = await run(
        process.execPath,
        [bin('@playwright/test', 'playwright'), 'test', '-c', 'e2e/playwright.config.ts', ...extra],
        { env, cwd: ROOT },
      )
      return { code, counts: playwrightCounts(out) }
    },
  },
}

const ALIASES = { pglite: 'integration', int: 'integration', postgres: 'pg', postgresql: 'pg', playwright: 'e2e' }

function parseArgs(argv) {
  const sep = argv.indexOf('--')
  const names = sep === -1 ? argv : argv.slice(0, sep)
  const extra = sep === -1 ? [] : argv.slice(sep + 1)
  const selected = []
  for (const raw of names) {
    const name = ALIASES[raw] ?? raw
    if (!(name in LAYERS)) {
      console.error(`unknown test layer "${raw}". Layers: ${Object.keys(LAYERS).join(', ')}`)
      console.error('usage: npm test [-- [unit] [integration] [pg] [e2e] [-- runner args]]')
      process.exit(2)
    }
    if (!selected.includes(name)) selected.push(name)
  }
  return { selected: selected.length ? selected : Object.keys(LAYERS), extra }
}

function formatSeconds(ms) {
  const s = ms / 1000
  return s < 60
    ? `${s.toFixed(1)}s`
    : `${Math.floor(s / 60)}m${Math.round(s % 60)
        .toString()
        .padStart(2, '0')}s`
}

async function main() {
  const { selected, extra } = parseArgs(process.argv.slice(2))
  mkdirSync(OUT, { recursive: true })
  const started = Date.now()
  const results = []

  for (const name of selected) {
    const layer = LAYERS[name]
    const notes = []
    console.log(`\n━━━ ${name}: ${layer.title} ━━━`)
    const t = Date.now()
    if (!layer.hasTests()) {
      console.warn(`⚠ warning: layer "${name}" has no test files yet; skipped`)
      results.push({ name, status: 'no tests', passed: 0, failed: 0, ms: 0, notes })
      continue
    }
    let res
    try {
      res = await layer.run(extra, (n) => notes.push(n))
    } catch (err) {
      console.error(err)
      res = { code: 1, counts: null }
    }
    const ms = Date.now() - t
    const passed = res.counts?.passed ?? 0
    let failed = res.counts?.failed ?? 0
    let status = res.code === 0 && failed === 0 ? 'ok' : 'FAILED'
    if (!res.counts) {
      notes.push('no test report (the runner crashed or did not start)')
      status = 'FAILED'
      failed = Math.max(failed, 1)
    } else if (res.counts.passed + res.counts.failed === 0) {
      notes.push('ran zero tests although test files exist')
      status = 'FAILED'
      failed = Math.max(failed, 1)
    } else if (res.code !== 0 && failed === 0) {
      notes.push(`runner exited with code ${res.code}`)
      failed = 1
    }
    results.push({ name, status, passed, failed, ms, notes })
    console.log(`━━━ ${name}: ${status} in ${formatSeconds(ms)} ━━━`)
  }

  const totalPassed = results.reduce((n, r) => n + r.passed, 0)
  const totalFailed = results.reduce((n, r) => n + r.failed, 0)
  const anyFailed = results.some((r) => r.status === 'FAILED')

  console.log('\n━━━ summary ━━━')
  for (const r of results) {
    const counts = r.status === 'no tests' ? '' : `${r.passed} passed, ${r.failed} failed`
    const notes = r.notes.length ? `  (${r.notes.join('; ')})` : ''
    console.log(
      `  ${r.name.padEnd(12)} ${r.status.padEnd(9)} ${counts.padEnd(26)} ${formatSeconds(r.ms).padStart(7)}${notes}`,
    )
  }
  console.log(
    `  ${'total'.padEnd(12)} ${(anyFailed ? 'FAILED' : 'ok').padEnd(9)} ${''.padEnd(26)} ${formatSeconds(Date.now() - started).padStart(7)}`,
  )
  console.log(`${totalPassed} passed, ${totalFailed} failed`)
  process.exitCode = anyFailed ? 1 : 0
}

await main()
