/**
 * Shared output for every benchmark: prints a compact table and writes `bench/results/<name>.json`.
 * Benchmarks compare side by side in one run, so each result carries its baselines and the ratios.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type BenchMetric = {
  /** what was measured, e.g. "xindai engine" or "bare UPDATE" */
  subject: string
  /** the unit the value is in, e.g. "decisions/s", "µs/schedule", "req/s", "ms" */
  unit: string
  value: number
  /** optional extra figures (p50, p99, counts …) */
  extra?: Record<string, number | string | boolean>
}

export type BenchResult = {
  name: string
  description: string
  target?: string
  /** whether the target was met in this run, when there is one */
  targetMet?: boolean
  metrics: BenchMetric[]
  ratios?: Record<string, number>
  environment?: Record<string, string | number>
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')

export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${result.name}.json`)
  const payload = {
    ...result,
    measuredAt: new Date().toISOString(),
    environment: {
      node: process.version,
      cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 0,
      ...result.environment,
    },
  }
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`)
  console.log(`\n== ${result.name}: ${result.description}`)
  for (const m of result.metrics) {
    const extra = m.extra
      ? `  ${Object.entries(m.extra)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : ''
    console.log(`  ${m.subject.padEnd(40)} ${formatNumber(m.value).padStart(14)} ${m.unit}${extra}`)
  }
  for (const [k, v] of Object.entries(result.ratios ?? {})) console.log(`  ratio ${k}: ${v.toFixed(2)}`)
  if (result.target) console.log(`  target: ${result.target} → ${result.targetMet ? 'met' : 'NOT met'}`)
  console.log(`  written to ${file}`)
  return file
}

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2)
}
