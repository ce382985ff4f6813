/**
 * Deterministic answers of the simulated verification provider, served by `xindai datasim` beside the
 * risk data endpoints: ID verification (name + ID number, 公安二要素), bank-card verification
 * (card + name + ID number, 银行卡三要素) and ID-card OCR. Test hooks: a name containing 冒名 never
 * matches its ID number; a card number ending in 0000 never matches its holder.
 */
import { createHash } from 'node:crypto'

type Params = Record<string, string | undefined>

export function idVerifyAnswer(p: Params) {
  const name = p.name ?? ''
  const id = p.id_number ?? ''
  const valid = /^\d{17}[\dX]$/.test(id) && name.length > 0
  return { match: valid && !name.includes('冒名'), reason: valid ? null : 'malformed' }
}

export function bankCardAnswer(p: Params) {
  const card = p.card_number ?? ''
  return { match: /^\d{12,19}$/.test(card) && !card.endsWith('0000'), bank: card.startsWith('62') ? '银联' : 'unknown' }
}

export function ocrAnswer(p: Params) {
  const key = p.file_sha256 ?? ''
  const confidence = 0.9 + (createHash('sha256').update(key).digest().readUInt8(0) / 255) * 0.09
  return { recognised: key.length > 0, confidence: Math.round(confidence * 1000) / 1000, side: p.side ?? 'front' }
}

export const ORIGINATION_CHECK_ENDPOINTS: Record<string, (p: Params) => unknown> = {
  '/id-verify': idVerifyAnswer,
  '/bank-card-verify': bankCardAnswer,
  '/ocr-id': ocrAnswer,
}
