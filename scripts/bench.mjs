// `npm run bench`: runs every bench/*.bench.ts, one after another, with tsx; each writes bench/results/<name>.json.
//
//   npm run bench                  all benchmarks
//   npm run bench -- risk schedule only those whose file name contains one of the words
//
// A benchmark whose file contains the marker comment `// bench:needs-postgres` gets BENCH_DATABASE_URL:
// the environment's value when set, else a throwaway PostgreSQL cluster started once for the whole run
// (durable settings — fsync and synchronous commit on — so numbers look like a real server; set
// BENCH_PG_FAST=1 for the test cluster's fsync=off settings).
// Exit code 1 if any benchmark crashed (exited non-zero).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startPgCluster } from './lib/pg-cluster.mjs'
import { run, secondsSince } from './lib/proc.mjs'
import { ROOT } from './lib/web.mjs'

const BENCH_DIR = join(ROOT, 'bench')
const MARKER = '// bench:needs-postgres'

const filters = process.argv.slice(2).filter((a) => a !== '--')
const all = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
const selected = filters.length ? all.filter((f) => filters.some((w) => f.includes(w))) : all

if (all.length === 0) {
  console.log('No benchmarks yet (bench/*.bench.ts).')
  process.exit(0)
}
if (selected.length === 0) {
  console.error(
    `No benchmark matches ${filters.join(', ')}. Available: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`,
  )
  process.exit(2)
}

const needsPg = (file) => readFileSync(join(BENCH_DIR, file), 'utf8').includes(MARKER)

let cluster = null
let pgUrl = process.env.BENCH_DATABASE_URL
if (!pgUrl && selected.some(needsPg)) {
  const t = Date.now()
  try {
    cluster = await startPgCluster({ log: console.log, durable: process.env.BENCH_PG_FAST !== '1' })
  } catch (err) {
    console.error(
      `could not start a PostgreSQL cluster for the benchmarks:\n${err instanceof Error ? err.message : err}`,
    )
    process.exit(1)
  }
  pgUrl = cluster.url
  console.log(`[bench] throwaway PostgreSQL ready in ${secondsSince(t)}s`)
}

const results = []
try {
  for (const file of selected) {
    const env = { ...process.env }
    if (needsPg(file)) env.BENCH_DATABASE_URL = pgUrl
    console.log(`\n━━━ ${file}${needsPg(file) ? ' (PostgreSQL)' : ''} ━━━`)
    const t = Date.now()
    const code = await run(process.execPath, ['--import', 'tsx', join('bench', file)], { env, cwd: ROOT, quiet: true })
    results.push({ file, code, secs: secondsSince(t) })
  }
} finally {
  await cluster?.stop()
}

console.log('\n━━━ benchmarks ━━━')
for (const r of results)
  console.log(`  ${r.file.padEnd(36)} ${(r.code === 0 ? 'ok' : `CRASHED (exit ${r.code})`).padEnd(20)} ${r.secs}s`)
console.log('  results: bench/results/*.json')
const crashed = results.filter((r) => r.code !== 0).length
if (crashed) {
  console.error(`${crashed} benchmark(s) crashed`)
  process.exitCode = 1
}
