/**
 * Runs once before the integration files: builds the database template (migrations + the whole demo
 * data set) a single time, so that test files start from a copy in about a second instead of each
 * loading the demo themselves.
 */
import { ensurePgliteTemplate, ensurePgTemplate, testDbKind } from './harness.ts'

export default async function setup() {
  const started = Date.now()
  if (testDbKind === 'pg') await ensurePgTemplate()
  else await ensurePgliteTemplate()
  console.log(`[integration] ${testDbKind} template ready in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}
