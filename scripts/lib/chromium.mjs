// Finds the system Chromium that Playwright drives (Playwright's own browser download does not work here),
// installing it with apt when it is missing and we are root.
//
//   import { ensureChromium, CHROMIUM_ARGS } from './chromium.mjs'
//   const executablePath = ensureChromium()
//
// CLI: `node scripts/lib/chromium.mjs` prints the path (installing first if needed).
//
// Synchronous on purpose: the Playwright config needs the path while it is being loaded.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Launch flags that make Chromium work headless as root in a container, without phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium']
/** Fonts so that screenshots render 中文; the first package apt knows is installed. */
const CJK_FONT_PACKAGES = ['fonts-noto-cjk', 'fonts-wqy-zenhei']

const INSTALL_HELP = `Chromium is needed for the end-to-end tests and was not found.
Install it, then run the tests again:

  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk
                  (on Ubuntu the package may be called chromium-browser)
  Fedora:         sudo dnf install -y chromium google-noto-sans-cjk-fonts
  macOS:          brew install --cask chromium

or point CHROMIUM_PATH at an existing Chromium/Chrome binary:

  CHROMIUM_PATH=/path/to/chromium npm test`

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The Chromium binary to use, or null. CHROMIUM_PATH wins when set. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`)
  }
  return CANDIDATES.find(isExecutable) ?? null
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

function aptGet(args) {
  const cmd = `apt-get ${args.join(' ')}`
  console.error(`[chromium] $ ${cmd}`)
  const started = Date.now()
  // wait for another apt/dpkg run (e.g. a parallel install) instead of failing on its lock
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`${cmd} failed with exit code ${r.status} after ${secs}s`)
  console.error(`[chromium] ${cmd} done in ${secs}s`)
}

function aptKnows(pkg) {
  const r = spawnSync('apt-cache', ['show', pkg], { stdio: 'ignore' })
  return r.status === 0
}

function canApt() {
  return isRoot() && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

/** The CJK font package to install, or null when one is present already or apt knows none. */
function missingCjkFont() {
  const fc = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  if (fc.error) return null // no fontconfig: nothing sensible to check
  if (fc.status === 0 && fc.stdout.trim().length > 0) return null
  return CJK_FONT_PACKAGES.find(aptKnows) ?? CJK_FONT_PACKAGES[0]
}

/**
 * Returns the path of a usable Chromium. If none is installed and we run as root with apt-get available,
 * installs `chromium` plus a CJK font (~45 s). Otherwise throws an Error whose message says how to install it.
 * When Chromium is there but no Chinese font is, installs the font too (as root; a failure only warns).
 */
export function ensureChromium() {
  const found = findChromium()
  if (found) {
    if (canApt() && !process.env.CHROMIUM_PATH) {
      const font = missingCjkFont()
      if (font) {
        console.error(`[chromium] no Chinese font installed; installing ${font} so that screenshots render 中文`)
        try {
          aptGet(['update'])
          aptGet(['install', '-y', font])
        } catch (err) {
          console.error(`[chromium] warning: ${err instanceof Error ? err.message : err}`)
        }
      }
    }
    return found
  }
  if (!canApt()) {
    const err = new Error(INSTALL_HELP)
    err.code = 'CHROMIUM_MISSING'
    throw err
  }
  console.error('[chromium] Chromium is not installed; installing it with apt-get (takes about a minute) …')
  aptGet(['update'])
  const packages = ['chromium']
  const font = missingCjkFont()
  if (font) packages.push(font)
  aptGet(['install', '-y', ...packages])
  const installed = findChromium()
  if (!installed)
    throw new Error(`apt-get installed ${packages.join(' ')} but no Chromium binary was found.\n\n${INSTALL_HELP}`)
  console.error(`[chromium] installed: ${installed}`)
  return installed
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureChromium())
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
}
