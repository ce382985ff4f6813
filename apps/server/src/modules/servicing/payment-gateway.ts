/**
 * The payment adapter that sends disbursements to a bank. A gateway must be idempotent by
 * `requestId`: the same id never pays twice, and `query` tells whether an earlier send went through.
 * Configure a real bank's adapter with XINDAI_BANK_URL (any service speaking the simulator's
 * protocol, below); without it the server starts the bank simulator in-process on a free port.
 *
 * Protocol: POST {url}/payments {requestId, amount, reference} → {requestId, status, bankRef?, error?}
 *           GET  {url}/payments/{requestId}                   → the same, or 404 when never received
 */
export type PaymentStatus = 'succeeded' | 'failed' | 'unknown'

export type PaymentResult = { status: PaymentStatus; bankRef?: string; error?: string }

export type PaymentGateway = {
  pay(order: { requestId: string; amount: string; reference: string }): Promise<PaymentResult>
  /** `unknown` when the bank never received the request (safe to send) */
  query(requestId: string): Promise<PaymentResult>
}

export function httpPaymentGateway(baseUrl: string, timeoutMs = 10_000): PaymentGateway {
  const call = async (path: string, init?: RequestInit): Promise<PaymentResult> => {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (res.status === 404) return { status: 'unknown' }
      const body = (await res.json()) as { status: string; bankRef?: string; error?: string }
      if (body.status === 'succeeded') return { status: 'succeeded', bankRef: body.bankRef }
      if (body.status === 'failed') return { status: 'failed', error: body.error ?? `bank answered ${res.status}` }
      return { status: 'unknown', error: body.error }
    } catch (err) {
      // a timeout or a broken connection: the bank may or may not have paid — query before resending
      return { status: 'unknown', error: (err as Error).message }
    }
  }
  return {
    pay: (order) => call('/payments', { method: 'POST', body: JSON.stringify(order) }),
    query: (requestId) => call(`/payments/${encodeURIComponent(requestId)}`),
  }
}

let configured: PaymentGateway | null = null
let starting: Promise<PaymentGateway> | null = null

/** Tests and embedders set the gateway explicitly. */
export function setPaymentGateway(gateway: PaymentGateway | null): void {
  configured = gateway
  starting = null
}

export async function paymentGateway(): Promise<PaymentGateway> {
  if (configured) return configured
  const url = process.env.XINDAI_BANK_URL
  if (url) {
    configured = httpPaymentGateway(url.replace(/\/$/, ''))
    return configured
  }
  starting ??= import('./banksim.ts').then(async ({ startBankSimulator }) => {
    const sim = await startBankSimulator({ port: 0, host: '127.0.0.1' })
    sim.server.unref()
    configured = httpPaymentGateway(sim.url)
    return configured
  })
  return starting
}

/** Fault injection for tests: runs after the bank answered and before the outcome is recorded. */
export const disbursementFaults: { afterBankCall?: (requestId: string) => void | Promise<void> } = {}
