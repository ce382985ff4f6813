/**
 * A simulated bank for disbursements (`xindai banksim`): a separate HTTP server with configurable
 * failure rate and delay, idempotent by request id — a request id that succeeded never pays again,
 * and a failed one may be retried. Payments live in memory; it is a test double, not a ledger.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export type BankSimOptions = {
  port?: number
  host?: string
  /** 0–1: share of payment attempts the bank rejects */
  failureRate?: number
  delayMs?: number
}

type Payment = {
  requestId: string
  amount: string
  reference: string
  status: 'succeeded' | 'failed'
  bankRef?: string
  error?: string
  attempts: number
}

export type BankSimulator = {
  url: string
  server: Server
  payments: Map<string, Payment>
  /** how many times money actually left, per request id (must never exceed 1) */
  paidCount(requestId: string): number
  set(options: Pick<BankSimOptions, 'failureRate' | 'delayMs'>): void
  close(): Promise<void>
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

export async function startBankSimulator(options: BankSimOptions = {}): Promise<BankSimulator> {
  const settings = { failureRate: options.failureRate ?? 0, delayMs: options.delayMs ?? 0 }
  const payments = new Map<string, Payment>()
  const paid = new Map<string, number>()
  const view = (p: Payment) => ({
    requestId: p.requestId,
    status: p.status,
    bankRef: p.bankRef,
    error: p.error,
    amount: p.amount,
  })
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      if (settings.delayMs > 0) await new Promise((r) => setTimeout(r, settings.delayMs))
      const url = new URL(req.url ?? '/', 'http://bank')
      const match = /^\/payments\/(.+)$/.exec(url.pathname)
      if (req.method === 'GET' && match) {
        const p = payments.get(decodeURIComponent(match[1]!))
        return p ? send(res, 200, view(p)) : send(res, 404, { error: 'not_found' })
      }
      if (req.method !== 'POST' || url.pathname !== '/payments') return send(res, 404, { error: 'not_found' })
      let body: { requestId?: unknown; amount?: unknown; reference?: unknown }
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return send(res, 400, { status: 'failed', error: 'malformed_json' })
      }
      if (typeof body.requestId !== 'string' || typeof body.amount !== 'string')
        return send(res, 400, { status: 'failed', error: 'requestId and amount are required' })
      const prior = payments.get(body.requestId)
      if (prior?.status === 'succeeded') return send(res, 200, view(prior))
      const p: Payment = prior ?? {
        requestId: body.requestId,
        amount: body.amount,
        reference: String(body.reference ?? ''),
        status: 'failed',
        attempts: 0,
      }
      p.attempts += 1
      if (Math.random() < settings.failureRate) {
        p.status = 'failed'
        p.error = 'BANK_REJECTED: simulated failure'
      } else {
        p.status = 'succeeded'
        p.bankRef = `SIM${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`
        p.error = undefined
        paid.set(p.requestId, (paid.get(p.requestId) ?? 0) + 1)
      }
      payments.set(p.requestId, p)
      send(res, 200, view(p))
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 3900, options.host ?? '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : options.port
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    payments,
    paidCount: (id) => paid.get(id) ?? 0,
    set: (o) => Object.assign(settings, o),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
