/**
 * `xindai demo`: loads the demo data set once (first start). Every later module adds its part here,
 * produced by running the real operations rather than writing rows directly.
 */
import { eq, sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { SYSTEM } from '../platform/db/open.ts'
import { settings } from '../platform/db/schema.ts'
import { loadDemoCollections, setupDemoCollections } from './collections.ts'
import { loadDemoCustomers } from './customers.ts'
import { loadDemoOrigination } from './origination.ts'
import { loadDemoRisk } from './risk.ts'
import { loadDemoServicing } from './servicing.ts'
import { type DemoLogin, loadDemoStaff } from './staff.ts'
import { loadDemoWarnings } from './warnings.ts'

const DEMO_KEY = 'demo_loaded'

export async function isDemoLoaded(platform: Platform): Promise<boolean> {
  const rows = await platform.db.tx(SYSTEM, (tx) => tx.select().from(settings).where(eq(settings.key, DEMO_KEY)))
  return rows.length > 0
}

/**
 * `full` is what `npm start` shows; `staff` (benchmarks) keeps the logins, customers, risk strategies
 * and origination settings but skips the 90 simulated business days of loan books.
 */
export async function loadDemo(
  platform: Platform,
  log: (m: string) => void = () => {},
  extent: 'full' | 'staff' = 'full',
): Promise<DemoLogin[] | null> {
  const logins = await platform.db.tx(SYSTEM, async (tx) => {
    // the settings row is the lock: a second process loading at the same time waits, then skips
    await tx.execute(sql`select pg_advisory_xact_lock(7242024002)`)
    const done = await tx.select().from(settings).where(eq(settings.key, DEMO_KEY))
    if (done.length > 0) return null
    log('loading demo data …')
    const logins = await loadDemoStaff(tx)
    const started = Date.now()
    const customerCount = await loadDemoCustomers(tx, platform.pii)
    log(`demo customers: ${customerCount} in ${Date.now() - started} ms`)
    await tx.insert(settings).values({ key: DEMO_KEY, value: { loadedAt: new Date().toISOString() } })
    return logins
  })
  // loan books over simulated business days (disbursement and the daily close run their own
  // transactions, so this comes after the staff are committed; it loads once, by its own key)
  if (extent === 'full') {
    await setupDemoCollections(platform) // pools auto-assign during the servicing demo's closes
    await loadDemoServicing(platform, log)
    await loadDemoCollections(platform, log)
  }
  await loadDemoRisk(platform, log)
  await loadDemoOrigination(platform, log)
  // an IP burst → suspected fraud (the servicing demo's closes raised the other warnings)
  if (extent === 'full') await loadDemoWarnings(platform, log)
  return logins
}

export function formatLogins(logins: DemoLogin[]): string {
  const lines = ['Demo logins (demo data only — change them for real use):', '']
  let current = ''
  for (const l of logins) {
    if (l.institution !== current) {
      current = l.institution
      lines.push(`  [${current}]`)
    }
    lines.push(`    ${l.username.padEnd(24)} ${l.password.padEnd(10)} ${l.persona}`)
  }
  lines.push(
    '',
    '  Borrower H5: http://localhost:PORT/h5 — sign in with any mobile number; read the code on the Outbox page.',
  )
  return lines.join('\n')
}
