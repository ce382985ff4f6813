// `npm start`: builds the web console when it is missing or stale, then runs the server in the foreground
// (`node apps/server/bin/xindai.mjs start`), passing on any extra arguments: `npm start -- --help`.
//
// Signals: the server runs in its own process group, so a Ctrl-C reaches it once, through us — the
// terminal and npm would otherwise both deliver it, and a second SIGINT cuts a graceful shutdown short.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ensureWebBuilt, ROOT } from './lib/web.mjs'

const built = await ensureWebBuilt()
if (built !== 0) {
  console.error('The console build failed; fix the error above (or run `npm run build -w apps/web`) and start again.')
  process.exit(built)
}

const server = spawn(
  process.execPath,
  [join(ROOT, 'apps', 'server', 'bin', 'xindai.mjs'), 'start', ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    detached: true,
  },
)

let lastForward = 0
const forward = (signal) => {
  // the same Ctrl-C arrives from the terminal and from npm within milliseconds: pass it on once;
  // a later, deliberate second Ctrl-C is passed on too (the server may then stop at once)
  const now = Date.now()
  if (now - lastForward < 1000) return
  lastForward = now
  if (server.exitCode === null && server.signalCode === null) server.kill(signal)
}
process.on('SIGINT', () => forward('SIGINT'))
process.on('SIGTERM', () => forward('SIGTERM'))
process.on('SIGHUP', () => forward('SIGTERM'))
// if we exit for any other reason, do not leave the server running on its own
process.on('exit', () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
})

server.on('error', (err) => {
  console.error(`could not start the server: ${err.message}`)
  process.exit(1)
})
server.on('exit', (code, signal) => {
  if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(0)
  process.exit(code ?? 1)
})
