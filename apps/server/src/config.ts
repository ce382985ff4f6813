/**
 * Configuration from the environment, read once at start. Every variable is documented in the
 * README; defaults make `npm start` work on a fresh machine with no configuration at all.
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'

export type Config = {
  port: number
  host: string
  dataDir: string
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used */
  databaseUrl: string | undefined
  /** role the application switches to on a PostgreSQL server so that row-level security applies */
  databaseAppRole: string
  logLevel: string
  /** 32-byte key for AES-256-GCM encryption of PII */
  piiKey: Buffer
  piiKeyId: string
  /** key for HMAC blind indexes (exact lookup of encrypted values) and OTP hashing */
  hmacKey: Buffer
  sessionIdleMinutes: number
  /** how long a resolved staff session is reused in-process (0 = never; see platform/http/session-cache.ts) */
  sessionCacheMs: number
  sessionMaxHours: number
  loginMaxFailures: number
  loginLockMinutes: number
  otp: {
    ttlSeconds: number
    resendSeconds: number
    maxPerPhonePerDay: number
    maxPerIpPerHour: number
    maxAttempts: number
  }
  secureCookies: boolean
  bodyLimitBytes: number
  /** demo data on first start: everything, only staff and settings (no simulated loan books), or none */
  demo: 'full' | 'staff' | false
}

const DEV_SECRET = 'xindai-development-secret-change-me'

function deriveKey(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}:${secret}`).digest()
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}

function keyFrom(env: NodeJS.ProcessEnv, name: string, purpose: string): Buffer {
  const raw = env[name]
  if (raw) {
    const buf = Buffer.from(raw, 'base64')
    if (buf.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`)
    return buf
  }
  return deriveKey(env.XINDAI_SECRET ?? DEV_SECRET, purpose)
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseAppRole: env.DATABASE_APP_ROLE ?? 'xindai_app',
    logLevel: env.XINDAI_LOG_LEVEL ?? env.LOG_LEVEL ?? 'info',
    piiKey: keyFrom(env, 'XINDAI_PII_KEY', 'pii'),
    piiKeyId: env.XINDAI_PII_KEY_ID ?? 'k1',
    hmacKey: keyFrom(env, 'XINDAI_HMAC_KEY', 'hmac'),
    sessionIdleMinutes: int(env, 'XINDAI_SESSION_IDLE_MINUTES', 30),
    sessionCacheMs: int(env, 'XINDAI_SESSION_CACHE_MS', 2000),
    sessionMaxHours: int(env, 'XINDAI_SESSION_MAX_HOURS', 12),
    loginMaxFailures: int(env, 'XINDAI_LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: int(env, 'XINDAI_LOGIN_LOCK_MINUTES', 15),
    otp: {
      ttlSeconds: int(env, 'XINDAI_OTP_TTL_SECONDS', 300),
      resendSeconds: int(env, 'XINDAI_OTP_RESEND_SECONDS', 60),
      maxPerPhonePerDay: int(env, 'XINDAI_OTP_MAX_PER_PHONE_PER_DAY', 10),
      maxPerIpPerHour: int(env, 'XINDAI_OTP_MAX_PER_IP_PER_HOUR', 30),
      maxAttempts: int(env, 'XINDAI_OTP_MAX_ATTEMPTS', 5),
    },
    secureCookies: env.XINDAI_SECURE_COOKIES === 'true',
    bodyLimitBytes: int(env, 'XINDAI_BODY_LIMIT_BYTES', 1_048_576),
    demo: env.XINDAI_DEMO === 'false' ? false : env.XINDAI_DEMO === 'staff' ? 'staff' : 'full',
  }
}

export function usesDevelopmentSecret(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.XINDAI_SECRET && !(env.XINDAI_PII_KEY && env.XINDAI_HMAC_KEY)
}
