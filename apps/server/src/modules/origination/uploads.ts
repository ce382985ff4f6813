/**
 * Resumable uploads (断点续传) with the tus 1.0.0 core protocol and the creation extension:
 * OPTIONS (capabilities), POST (create: Upload-Length, Upload-Metadata with filename, filetype and
 * kind), HEAD (the offset received so far), PATCH (append at Upload-Offset,
 * `application/offset+octet-stream`). Borrowers upload at /api/v1/uploads, staff at
 * /api/v1/staff/uploads. Files go under DATA_DIR/uploads with generated names; the type is checked
 * against an allow-list by magic bytes (JPEG, PNG, PDF) and the size is capped (10 MB).
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { and, eq, type SQL } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { dbContextOf } from '../../platform/access/principal.ts'
import { recordAudit } from '../../platform/audit/record.ts'
import { type DbContext, SYSTEM, type Tx } from '../../platform/db/open.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { actorOf } from '../../platform/http/request.ts'
import { problems } from '../../platform/http/schemas.ts'
import { DOCUMENT_KINDS } from '../customers/validators.ts'
import {
  ALLOWED_TYPES,
  detectType,
  isSafeFilename,
  MAGIC_BYTES,
  MAX_UPLOAD_BYTES,
  parseUploadMetadata,
  TUS_VERSION,
} from './domain/uploads.ts'
import { uploads } from './schema.ts'

export type UploadRow = typeof uploads.$inferSelect
type Owner = { kind: 'borrower' | 'staff'; id: string; institutionId: string | null; ctx: DbContext }

const TUS_HEADERS = { 'Tus-Resumable': TUS_VERSION }

export function uploadDir(dataDir: string): string {
  return join(dataDir, 'uploads')
}

function ownerOf(req: FastifyRequest): Owner {
  if (req.borrower) return { kind: 'borrower', id: req.borrower.borrowerId, institutionId: null, ctx: SYSTEM }
  const p = req.principal!
  return { kind: 'staff', id: p.userId, institutionId: p.institutionId, ctx: dbContextOf(p) }
}

function requireTus(req: FastifyRequest) {
  if (req.headers['tus-resumable'] !== TUS_VERSION)
    throw new AppError('validation', {
      status: 412,
      detailKey: 'origination.upload.tus_version',
      headers: { 'Tus-Version': TUS_VERSION, ...TUS_HEADERS },
    })
}

const tusError = (status: number, key: string, params?: Record<string, unknown>, field = 'headers.upload-metadata') =>
  new AppError(status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation', {
    status,
    fields: [{ field, key, params }],
    headers: TUS_HEADERS,
  })

function ownerCondition(o: Owner, id: string): SQL {
  return and(eq(uploads.id, id), eq(uploads.ownerKind, o.kind), eq(uploads.ownerId, o.id))!
}

async function lockUpload(tx: Tx, o: Owner, id: string): Promise<UploadRow> {
  const [row] = await tx.select().from(uploads).where(ownerCondition(o, id)).for('update')
  if (!row || row.status === 'rejected') throw notFound()
  return row
}

/** Completed uploads of the caller with these ids (for attaching to an application). */
export async function ownCompletedUploads(tx: Tx, kind: 'borrower' | 'staff', ownerId: string, ids: string[]) {
  if (ids.length === 0) return []
  const rows = await tx
    .select()
    .from(uploads)
    .where(and(eq(uploads.ownerKind, kind), eq(uploads.ownerId, ownerId)))
  return rows.filter((r) => ids.includes(r.id) && r.status === 'complete')
}

export async function readUploadFile(dataDir: string, storageName: string): Promise<Buffer> {
  return readFile(join(uploadDir(dataDir), storageName))
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}

const ZUploadParams = z.strictObject({ id: z.uuid() })

export function registerUploadRoutes(app: XindaiApp, ctx: AppContext) {
  const dir = uploadDir(ctx.config.dataDir)
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/offset+octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + 1 },
      (_req, body, done) => done(null, body),
    )
    for (const [base, auth] of [
      ['/api/v1/uploads', 'borrower'],
      ['/api/v1/staff/uploads', 'staff'],
    ] as const) {
      const tags = ['uploads']
      scope.route({
        method: 'OPTIONS',
        url: base,
        config: { auth: 'public' },
        schema: { tags, summary: 'tus capabilities' },
        handler: async (_req, reply) =>
          reply
            .code(204)
            .headers({
              ...TUS_HEADERS,
              'Tus-Version': TUS_VERSION,
              'Tus-Extension': 'creation',
              'Tus-Max-Size': String(MAX_UPLOAD_BYTES),
            })
            .send(),
      })
      scope.post(
        base,
        {
          config: { auth },
          schema: {
            tags,
            summary: 'tus create: Upload-Length and Upload-Metadata (filename, filetype, kind)',
            response: { 201: z.object({ id: z.string(), location: z.string() }), ...problems },
          },
        },
        async (req, reply) => {
          requireTus(req)
          const length = Number(req.headers['upload-length'])
          if (!Number.isInteger(length) || length <= 0 || String(req.headers['upload-length']).trim() === '')
            throw tusError(400, 'origination.upload.length', undefined, 'headers.upload-length')
          if (length > MAX_UPLOAD_BYTES)
            throw tusError(413, 'origination.upload.too_large', { max: MAX_UPLOAD_BYTES }, 'headers.upload-length')
          const meta = parseUploadMetadata(req.headers['upload-metadata'] as string | undefined)
          if (!meta) throw tusError(400, 'origination.upload.metadata')
          const filename = meta.filename ?? ''
          if (!isSafeFilename(filename)) throw tusError(400, 'origination.upload.filename')
          const filetype = meta.filetype ?? ''
          if (!(ALLOWED_TYPES as readonly string[]).includes(filetype)) throw tusError(415, 'origination.upload.type')
          const kind = meta.kind ?? 'other'
          if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) throw tusError(400, 'origination.upload.kind')
          const owner = ownerOf(req)
          const storageName = `${randomUUID()}.bin`
          await mkdir(dir, { recursive: true })
          await (await open(join(dir, storageName), 'w')).close()
          const row = await ctx.db.tx(owner.ctx, async (tx) => {
            const [r] = await tx
              .insert(uploads)
              .values({
                institutionId: owner.institutionId,
                ownerKind: owner.kind,
                ownerId: owner.id,
                filename,
                declaredType: filetype,
                kind,
                length,
                storageName,
              })
              .returning()
            await recordAudit(tx, actorOf(req), {
              operation: 'upload.create',
              objectType: 'upload',
              objectId: r!.id,
              institutionId: owner.institutionId,
              after: { filename, filetype, kind, length },
            })
            return r!
          })
          const location = `${base}/${row.id}`
          return reply
            .code(201)
            .headers({ ...TUS_HEADERS, Location: location, 'Upload-Offset': '0' })
            .send({ id: row.id, location })
        },
      )
      scope.route({
        method: 'HEAD',
        url: `${base}/:id`,
        config: { auth },
        schema: { tags, summary: 'tus offset: how many bytes the server has', params: ZUploadParams },
        handler: async (req: FastifyRequest, reply: FastifyReply) => {
          requireTus(req)
          const owner = ownerOf(req)
          const { id } = req.params as { id: string }
          const [row] = await ctx.db.tx(owner.ctx, (tx) => tx.select().from(uploads).where(ownerCondition(owner, id)))
          if (!row || row.status === 'rejected') throw notFound()
          return reply
            .code(200)
            .headers({
              ...TUS_HEADERS,
              'Upload-Offset': String(row.offset),
              'Upload-Length': String(row.length),
              'Cache-Control': 'no-store',
            })
            .send()
        },
      })
      scope.patch(
        `${base}/:id`,
        {
          config: { auth },
          bodyLimit: MAX_UPLOAD_BYTES + 1,
          schema: {
            tags,
            summary: 'tus append: Upload-Offset + application/offset+octet-stream body',
            params: ZUploadParams,
            response: { 204: z.null(), ...problems },
          },
        },
        async (req, reply) => {
          requireTus(req)
          if (!String(req.headers['content-type'] ?? '').startsWith('application/offset+octet-stream'))
            throw new AppError('unsupported_media_type', { headers: TUS_HEADERS })
          const owner = ownerOf(req)
          const chunk = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
          const offsetHeader = Number(req.headers['upload-offset'])
          if (!Number.isInteger(offsetHeader) || offsetHeader < 0)
            throw tusError(400, 'origination.upload.offset', { offset: '?' }, 'headers.upload-offset')
          const result = await ctx.db.tx(
            owner.ctx,
            async (tx): Promise<{ offset: number } | { rejected: UploadRow }> => {
              const row = await lockUpload(tx, owner, (req.params as { id: string }).id)
              if (row.offset !== offsetHeader)
                throw new AppError('conflict', {
                  fields: [
                    {
                      field: 'headers.upload-offset',
                      key: 'origination.upload.offset',
                      params: { offset: row.offset },
                    },
                  ],
                  headers: TUS_HEADERS,
                })
              if (row.offset + chunk.length > row.length)
                throw tusError(413, 'origination.upload.overflow', undefined, 'body')
              const path = join(dir, row.storageName)
              const fh = await open(path, 'r+')
              try {
                await fh.write(chunk, 0, chunk.length, row.offset)
              } finally {
                await fh.close()
              }
              const offset = row.offset + chunk.length
              // the type is decided as soon as the first bytes are in (or at the end of a tiny file)
              let detected = row.detectedType
              if (!detected && (offset >= MAGIC_BYTES || offset === row.length)) {
                const head = Buffer.alloc(Math.min(MAGIC_BYTES, offset))
                const h = await open(path, 'r')
                try {
                  await h.read(head, 0, head.length, 0)
                } finally {
                  await h.close()
                }
                detected = detectType(head)
                if (!detected || detected !== row.declaredType) return { rejected: row }
              }
              const complete = offset === row.length
              await tx
                .update(uploads)
                .set({
                  offset,
                  detectedType: detected,
                  status: complete ? 'complete' : 'uploading',
                  sha256: complete ? await sha256Of(path) : null,
                  updatedAt: new Date(),
                })
                .where(eq(uploads.id, row.id))
              if (complete)
                await recordAudit(tx, actorOf(req), {
                  operation: 'upload.complete',
                  objectType: 'upload',
                  objectId: row.id,
                  institutionId: row.institutionId,
                  after: { length: row.length, type: detected },
                })
              return { offset }
            },
          )
          if ('rejected' in result) {
            // a disallowed type is refused and its bytes are not kept
            await ctx.db.tx(owner.ctx, async (tx) => {
              await tx
                .update(uploads)
                .set({ status: 'rejected', updatedAt: new Date() })
                .where(eq(uploads.id, result.rejected.id))
              await recordAudit(tx, actorOf(req), {
                operation: 'upload.reject',
                objectType: 'upload',
                objectId: result.rejected.id,
                institutionId: result.rejected.institutionId,
                after: { reason: 'type' },
              })
            })
            await rm(join(dir, result.rejected.storageName), { force: true })
            throw tusError(415, 'origination.upload.type', undefined, 'body')
          }
          return reply
            .code(204)
            .headers({ ...TUS_HEADERS, 'Upload-Offset': String(result.offset) })
            .send(null)
        },
      )
    }
  })
}
