/** Pure parts of the tus upload protocol: metadata, file names, file type by magic bytes. */

export const TUS_VERSION = '1.0.0'
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type AllowedType = (typeof ALLOWED_TYPES)[number]

/** `Upload-Metadata: filename d29ybGQ=,filetype aW1hZ2UvcG5n` → { filename: 'world', … }; null if malformed. */
export function parseUploadMetadata(header: string | undefined): Record<string, string> | null {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(',')) {
    const [key, value, extra] = part.trim().split(' ')
    if (!key || extra !== undefined || !/^[A-Za-z0-9_.-]+$/.test(key)) return null
    if (value === undefined) {
      out[key] = ''
      continue
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return null
    out[key] = Buffer.from(value, 'base64').toString('utf8')
  }
  return out
}

/** A plain file name: no directories, no `..`, no control characters, at most 200 characters. */
export function isSafeFilename(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false
  if (name.includes('/') || name.includes('\\') || name.includes('..')) return false
  for (const ch of name) {
    const code = ch.charCodeAt(0)
    if (code < 0x20 || code === 0x7f) return false
  }
  if (name === '.' || name.startsWith('~')) return false
  return true
}

/** The type the bytes really are, or null when it is none of the allowed ones. */
export function detectType(head: Uint8Array): AllowedType | null {
  const at = (i: number) => head[i]
  if (head.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (head.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png'
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]
  if (head.length >= 5 && pdf.every((b, i) => at(i) === b)) return 'application/pdf'
  return null
}

/** How many leading bytes `detectType` needs before it can answer. */
export const MAGIC_BYTES = 8
