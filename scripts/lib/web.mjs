// Builds the web console (apps/web → apps/web/dist) when the build is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run, secondsSince } from './proc.mjs'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const WEB = join(ROOT, 'apps', 'web')
const BUILT = join(WEB, 'dist', 'index.html')
/** What the build depends on besides src/ and public/. */
const INPUT_FILES = [
  'index.html',
  'package.json',
  'tsconfig.json',
  'vite.config.ts',
  'vite.config.mts',
  'vite.config.js',
]

function newestMtime(path) {
  let st
  try {
    st = statSync(path)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs // a deleted file shows up as a newer directory
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

/** Why the console needs building, or null when apps/web/dist is up to date. */
export function webBuildReason() {
  if (!existsSync(BUILT)) return 'apps/web/dist is missing'
  const builtAt = statSync(BUILT).mtimeMs
  const inputs = [join(WEB, 'src'), join(WEB, 'public'), ...INPUT_FILES.map((f) => join(WEB, f))]
  const newest = Math.max(...inputs.map(newestMtime))
  return newest > builtAt ? 'apps/web sources changed since the last build' : null
}

/**
 * Runs `npm run build -w apps/web` if needed. Resolves to 0 when the build is up to date or succeeded,
 * otherwise to the build's exit code.
 */
export async function ensureWebBuilt({ log = console.log } = {}) {
  if (!existsSync(join(WEB, 'index.html'))) {
    log('[web] apps/web/index.html does not exist yet; skipping the console build')
    return 0
  }
  const reason = webBuildReason()
  if (!reason) return 0
  log(`[web] building the console (${reason}) …`)
  const started = Date.now()
  const code = await run('npm', ['run', 'build', '-w', 'apps/web'], { cwd: ROOT })
  log(code === 0 ? `[web] built in ${secondsSince(started)}s` : `[web] build FAILED (exit ${code})`)
  return code
}
