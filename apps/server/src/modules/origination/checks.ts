/**
 * Automatic checks (自动初审) as adapters over HTTP to a verification provider (simulated by
 * `xindai datasim`): ID verification, bank-card verification and ID OCR, run in parallel with a
 * timeout each. A provider that fails or does not answer gives `error`, which sends the application
 * to manual review rather than rejecting it.
 */
import type { CheckResult } from './schema.ts'

export type CheckInput = {
  name: string
  idNumber: string
  cardNumber: string | null
  idPhotoSha256: string | null
}

export type CheckProvider = (input: CheckInput) => Promise<CheckResult[]>

const TIMEOUT_MS = 2000

export function checksUrl(): string {
  return (process.env.XINDAI_CHECKS_URL ?? process.env.XINDAI_DATASIM_URL ?? 'http://127.0.0.1:3901').replace(/\/$/, '')
}

async function call(
  check: CheckResult['check'],
  path: string,
  body: Record<string, string>,
  judge: (answer: Record<string, unknown>) => { ok: boolean; detail: string | null },
): Promise<CheckResult> {
  const started = performance.now()
  try {
    const res = await fetch(`${checksUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const latencyMs = Math.round(performance.now() - started)
    if (!res.ok) return { check, status: 'error', detail: `provider answered ${res.status}`, latencyMs }
    const answer = (await res.json()) as Record<string, unknown>
    const verdict = judge(answer)
    return { check, status: verdict.ok ? 'passed' : 'failed', detail: verdict.detail, latencyMs }
  } catch (err) {
    return {
      check,
      status: 'error',
      detail: (err as Error).message.slice(0, 200),
      latencyMs: Math.round(performance.now() - started),
    }
  }
}

export const httpCheckProvider: CheckProvider = async (input) => {
  const results = await Promise.all([
    call('id_verification', '/id-verify', { name: input.name, id_number: input.idNumber }, (a) => ({
      ok: a.match === true,
      detail: a.match === true ? null : 'name_id_mismatch',
    })),
    input.cardNumber
      ? call(
          'bank_card',
          '/bank-card-verify',
          { card_number: input.cardNumber, name: input.name, id_number: input.idNumber },
          (a) => ({ ok: a.match === true, detail: a.match === true ? null : 'card_mismatch' }),
        )
      : Promise.resolve<CheckResult>({ check: 'bank_card', status: 'skipped', detail: 'no card given', latencyMs: 0 }),
    input.idPhotoSha256
      ? call('id_ocr', '/ocr-id', { file_sha256: input.idPhotoSha256, side: 'front' }, (a) => ({
          ok: a.recognised === true,
          detail: typeof a.confidence === 'number' ? `confidence ${a.confidence}` : null,
        }))
      : Promise.resolve<CheckResult>({ check: 'id_ocr', status: 'skipped', detail: 'no ID photo', latencyMs: 0 }),
  ])
  return results
}

let provider: CheckProvider = httpCheckProvider

/** Tests and embedders may replace the provider. */
export function setCheckProvider(p: CheckProvider | null): void {
  provider = p ?? httpCheckProvider
}

export function runChecks(input: CheckInput): Promise<CheckResult[]> {
  return provider(input)
}
