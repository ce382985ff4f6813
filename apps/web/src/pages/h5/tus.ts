/**
 * A small tus 1.0.0 client for the H5: creates the upload, sends it in chunks with progress, and after
 * a network drop resumes from the offset the server reports (HEAD) — the upload URL is remembered in
 * localStorage per file, so even a reload continues where it stopped.
 */
import { readCookie } from '../../shared/api/client'

const CHUNK = 256 * 1024
const TUS = { 'Tus-Resumable': '1.0.0' }

export type TusProgress = { sent: number; total: number; resumedAt: number | null }

function csrfHeader(): Record<string, string> {
  const token = readCookie('xd_csrf')
  return token ? { 'X-CSRF-Token': token } : {}
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))

async function problemText(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string; errors?: { message: string }[] }
    return p.errors?.[0]?.message ?? p.detail ?? p.title ?? `HTTP ${res.status}`
  } catch {
    return `HTTP ${res.status}`
  }
}

export class UploadError extends Error {}

export async function tusUpload(
  file: File,
  kind: string,
  onProgress: (p: TusProgress) => void,
  base = '/api/v1/uploads',
): Promise<string> {
  const fingerprint = `xd-tus:${base}:${file.name}:${file.size}:${file.lastModified}:${kind}`
  let url = localStorage.getItem(fingerprint)
  let offset = 0
  let resumedAt: number | null = null
  if (url) {
    const head = await fetch(url, { method: 'HEAD', headers: { ...TUS }, credentials: 'same-origin' })
    if (head.ok) {
      offset = Number(head.headers.get('Upload-Offset') ?? 0)
      resumedAt = offset > 0 ? offset : null
    } else {
      url = null
      localStorage.removeItem(fingerprint)
    }
  }
  if (!url) {
    const created = await fetch(base, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...TUS,
        ...csrfHeader(),
        'Upload-Length': String(file.size),
        'Upload-Metadata': `filename ${b64(file.name)},filetype ${b64(file.type || 'application/octet-stream')},kind ${b64(kind)}`,
      },
    })
    if (created.status !== 201) throw new UploadError(await problemText(created))
    url = created.headers.get('Location')!
    localStorage.setItem(fingerprint, url)
  }
  onProgress({ sent: offset, total: file.size, resumedAt })
  while (offset < file.size) {
    const chunk = file.slice(offset, Math.min(offset + CHUNK, file.size))
    const res = await fetch(url, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: {
        ...TUS,
        ...csrfHeader(),
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: chunk,
    })
    if (res.status === 409) {
      // the server has a different offset (a chunk arrived twice or not at all): ask and continue
      const head = await fetch(url, { method: 'HEAD', headers: { ...TUS }, credentials: 'same-origin' })
      offset = Number(head.headers.get('Upload-Offset') ?? offset)
      continue
    }
    if (res.status !== 204) {
      if (res.status === 415 || res.status === 413 || res.status === 404) localStorage.removeItem(fingerprint)
      throw new UploadError(await problemText(res))
    }
    offset = Number(res.headers.get('Upload-Offset') ?? offset + chunk.size)
    onProgress({ sent: offset, total: file.size, resumedAt })
  }
  localStorage.removeItem(fingerprint)
  return url.split('/').pop()!
}
