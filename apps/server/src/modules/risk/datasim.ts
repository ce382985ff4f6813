/**
 * A simulated third-party data provider (`xindai datasim`): credit bureau, blacklist, telecom check
 * and IP geolocation over HTTP, with deterministic answers (datasim-answers.ts), latency and failure
 * injection. Failures per request with `?_fail=500|garbage|timeout&_latency=ms`, or for every
 * request with `set()` / the CLI options / DATASIM_FAIL, DATASIM_FAILURE_RATE, DATASIM_LATENCY_MS.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { DATASIM_ENDPOINTS } from './datasim-answers.ts'

export type FailMode = 'none' | '500' | 'garbage' | 'timeout'

export type DataSimSettings = {
  /** every request fails this way (per request: `_fail`) */
  fail: FailMode
  /** 0–1: share of requests that fail with a 500 */
  failureRate: number
  latencyMs: number
}

export type DataSimOptions = Partial<DataSimSettings> & { port?: number; host?: string }

export type DataSimulator = {
  url: string
  server: Server
  /** requests served per endpoint path */
  calls: Map<string, number>
  set(settings: Partial<DataSimSettings>): void
  close(): Promise<void>
}

const send = (res: ServerResponse, status: number, body: string, type = 'application/json') =>
  res.writeHead(status, { 'content-type': type }).end(body)

function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
        resolve(typeof parsed === 'object' && parsed !== null ? parsed : {})
      } catch {
        resolve({})
      }
    })
  })
}

export function dataSimSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<DataSimSettings> {
  return {
    fail: (env.DATASIM_FAIL as FailMode | undefined) ?? 'none',
    failureRate: Number(env.DATASIM_FAILURE_RATE ?? 0),
    latencyMs: Number(env.DATASIM_LATENCY_MS ?? 0),
  }
}

export async function startDataSimulator(options: DataSimOptions = {}): Promise<DataSimulator> {
  const settings: DataSimSettings = {
    fail: options.fail ?? 'none',
    failureRate: options.failureRate ?? 0,
    latencyMs: options.latencyMs ?? 0,
  }
  const calls = new Map<string, number>()
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://datasim')
    const answer = DATASIM_ENDPOINTS[url.pathname]
    if (!answer) return send(res, 404, '{"error":"not_found"}')
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1)
    const params: Record<string, string> = { ...(req.method === 'POST' ? await readBody(req) : {}) }
    for (const [k, v] of url.searchParams) params[k] = v
    const latency = Number(params._latency ?? settings.latencyMs)
    if (latency > 0) await new Promise((r) => setTimeout(r, Math.min(latency, 60_000)))
    const fail = (params._fail as FailMode | undefined) ?? settings.fail
    if (fail === 'timeout') return // never answers; the caller's timeout fires
    if (fail === '500' || Math.random() < settings.failureRate) return send(res, 500, '{"error":"simulated failure"}')
    if (fail === 'garbage') return send(res, 200, '<html>maintenance</html>', 'text/html')
    send(res, 200, JSON.stringify(answer(params)))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 3901, options.host ?? '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : options.port
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    calls,
    set: (s) => Object.assign(settings, s),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
