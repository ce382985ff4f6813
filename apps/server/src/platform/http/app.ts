/**
 * The HTTP shell: Fastify with zod schemas (validation, types and OpenAPI from one source),
 * problem+json errors in the caller's language, session authentication, CSRF and the one
 * permission check every route goes through. Modules add routes through `AppContext`.
 */
// brings the request and route-config fields the platform adds to Fastify into every program
import './types.ts'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyRequest, LogController } from 'fastify'
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from '../../config.ts'
import { pendingMigrations } from '../db/migrate.ts'
import type { Database } from '../db/open.ts'
import { AppError } from '../errors.ts'
import { pickLocale } from '../i18n.ts'
import type { PiiCipher } from '../pii.ts'
import { authenticate } from './auth-hook.ts'
import { problemFromError, sendProblem } from './problem.ts'
import { validateRequest } from './validate.ts'

export type AppContext = {
  config: Config
  db: Database
  pii: PiiCipher
}

export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.passwordHash',
  '*.phone',
  '*.idNumber',
  '*.bankCard',
  '*.token',
  '*.code',
  '*.csrfToken',
]

export type BuildOptions = { logger?: boolean; webDist?: string }

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}) {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : { level: ctx.config.logLevel, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } },
    bodyLimit: ctx.config.bodyLimitBytes,
    // one log line per request only when debugging; errors are always logged
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>()

  // zod does the validation in a hook (so messages can be in the caller's language); fastify's
  // own compilers are replaced by pass-throughs.
  app.setValidatorCompiler(() => (data) => ({ value: data }))
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))

  app.decorateRequest('locale', 'zh-CN')
  app.decorateRequest('principal', undefined)
  app.decorateRequest('borrower', undefined)
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language'], req.headers['x-locale'] as string | undefined)
  })

  // JSON only, and malformed JSON is the client's mistake, not ours.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    ['application/json', 'application/problem+json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8')
      if (text.trim() === '') return done(null, undefined)
      try {
        done(null, JSON.parse(text))
      } catch {
        done(new AppError('malformed_json'), undefined)
      }
    },
  )
  app.addContentTypeParser('*', (req, _payload, done) => {
    // uploads register their own parsers; everything else must be JSON
    done(new AppError('unsupported_media_type', { detailParams: { type: req.headers['content-type'] } }), undefined)
  })

  await app.register(cookie)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xindai API',
        version: '0.1.0',
        description: 'Xindai (信贷) lending platform — every route of the console.',
      },
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: 'xd_session' },
          borrowerSession: { type: 'apiKey', in: 'cookie', name: 'xd_borrower' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  // who you are is settled before what you sent is read: 401/403 come before 400
  app.addHook('onRequest', (req, reply) => authenticate(ctx, req, reply))
  app.addHook('preValidation', validateRequest)

  app.setErrorHandler((err, req, reply) => {
    const problem = problemFromError(err, req.locale)
    if (problem.status >= 500) req.log.error({ err }, 'request failed')
    return sendProblem(reply, problem)
  })

  app.get('/healthz', { schema: { hide: true }, config: { auth: 'public' } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true }, config: { auth: 'public' } }, async (_req, reply) => {
    try {
      const pending = await pendingMigrations(ctx.db)
      if (pending > 0) return reply.code(503).send({ status: 'migrating', pendingMigrations: pending })
      return { status: 'ready', database: ctx.db.kind }
    } catch {
      return reply.code(503).send({ status: 'database_unreachable' })
    }
  })

  const webDist = opts.webDist
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: true,
      maxAge: '1h',
    })
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    const isApi = path.startsWith('/api/') || path === '/api'
    // a missing asset is a 404, not the console page (the browser would refuse HTML as a script)
    const isAsset = path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)
    if (!isApi && !isAsset && req.method === 'GET' && webDist && existsSync(join(webDist, 'index.html'))) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', webDist)
    }
    return sendProblem(reply, problemFromError(new AppError('not_found'), req.locale))
  })

  return app
}

export type XindaiApp = Awaited<ReturnType<typeof buildApp>>

export function requestIp(req: FastifyRequest): string {
  return req.ip
}
