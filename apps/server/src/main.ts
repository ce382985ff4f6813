/**
 * Composition root: configuration → database (migrated) → modules → HTTP. `startServer` is what
 * `xindai start` runs; `createPlatform` is what tests use to get the same wiring in-process.
 */

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Config } from './config.ts'
import { registerBorrowerRoutes } from './modules/borrowers/routes.ts'
import { configureCollections, registerCollectionsRoutes } from './modules/collections/index.ts'
import { customerSearch } from './modules/customers/lookup.ts'
import { registerCustomerRoutes } from './modules/customers/routes.ts'
import { registerIdentityRoutes } from './modules/identity/routes.ts'
import { identitySearch } from './modules/identity/search.ts'
import {
  applicationSearch,
  registerBorrowerOriginationRoutes,
  registerOriginationRoutes,
  registerUploadRoutes,
} from './modules/origination/index.ts'
import { registerReviewRoutes } from './modules/review/index.ts'
import { backfillBuiltInScenes, registerRiskRoutes } from './modules/risk/index.ts'
import { backfillChartsOfAccounts } from './modules/servicing/accounts.ts'
import { registerCobRoutes } from './modules/servicing/cob/routes.ts'
import { loanSearch, registerServicingRoutes } from './modules/servicing/index.ts'
import { registerApprovalRoutes } from './platform/approvals/routes.ts'
import { registerAuditRoutes } from './platform/audit/routes.ts'
import { migrate } from './platform/db/migrate.ts'
import { type Database, type OpenOptions, openDatabase, SYSTEM } from './platform/db/open.ts'
import { type BuildOptions, buildApp } from './platform/http/app.ts'
import { configureSessionCache } from './platform/http/session-cache.ts'
import { createNotifier, type Notifier } from './platform/notify/notifier.ts'
import { registerNotificationRoutes } from './platform/notify/routes.ts'
import { createPiiCipher, type PiiCipher } from './platform/pii.ts'
import { registerSearchProvider, registerSearchRoute } from './platform/search.ts'

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist')

export type Platform = { config: Config; db: Database; pii: PiiCipher; notifier: Notifier }

let searchRegistered = false

export async function createPlatform(
  config: Config,
  open: OpenOptions = {},
  log: (m: string) => void = () => {},
): Promise<Platform> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...open })
  await migrate(db, log)
  await db.tx(SYSTEM, (tx) => backfillChartsOfAccounts(tx))
  await db.tx(SYSTEM, (tx) => backfillBuiltInScenes(tx))
  const pii = createPiiCipher({ key: config.piiKey, keyId: config.piiKeyId, hmacKey: config.hmacKey })
  const notifier = createNotifier(pii)
  configureCollections({ notifier, pii })
  if (!searchRegistered) {
    registerSearchProvider(identitySearch)
    registerSearchProvider(customerSearch(pii))
    registerSearchProvider(loanSearch)
    registerSearchProvider(applicationSearch)
    searchRegistered = true
  }
  return { config, db, pii, notifier }
}

export async function buildHttp(platform: Platform, opts: BuildOptions = {}) {
  configureSessionCache(platform.config.sessionCacheMs)
  const app = await buildApp(platform, { webDist: WEB_DIST, ...opts })
  registerIdentityRoutes(app, platform)
  registerBorrowerRoutes(app, platform)
  registerAuditRoutes(app, platform)
  registerNotificationRoutes(app, platform)
  registerSearchRoute(app, platform)
  registerApprovalRoutes(app, platform)
  // business modules register their routes below, one line each
  registerCustomerRoutes(app, platform)
  registerCobRoutes(app, platform)
  registerServicingRoutes(app, platform)
  registerCollectionsRoutes(app, platform)
  registerRiskRoutes(app, platform)
  registerOriginationRoutes(app, platform)
  registerBorrowerOriginationRoutes(app, platform)
  registerUploadRoutes(app, platform)
  registerReviewRoutes(app, platform)
  return app
}
