/**
 * The `xindai` command. Run from the repository root as `npx xindai <command>`.
 */
import { Command } from 'commander'
import { loadConfig, usesDevelopmentSecret } from './config.ts'
import { formatLogins, loadDemo } from './demo/load.ts'
import { buildHttp, createPlatform } from './main.ts'
import { verifyAuditChains } from './platform/audit/verify.ts'
import { SYSTEM } from './platform/db/open.ts'

const program = new Command()
program.name('xindai').description('Xindai (信贷) lending platform').version('0.1.0')

program
  .command('start')
  .description('migrate, load demo data on first start, and serve the API and console')
  .option('--no-demo', 'do not load demo data')
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig()
    const log = (m: string) => console.log(`[xindai] ${m}`)
    if (usesDevelopmentSecret()) log('warning: using the built-in development secret; set XINDAI_SECRET for real use')
    log(`database: ${config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`}`)
    const platform = await createPlatform(config, {}, log)
    let logins = null
    if (opts.demo && config.demo) logins = await loadDemo(platform, log)
    const app = await buildHttp(platform)
    const shutdown = async (signal: string) => {
      log(`${signal} received, shutting down`)
      const timer = setTimeout(() => process.exit(1), 15_000)
      timer.unref()
      await app.close()
      await platform.db.close()
      process.exit(0)
    }
    process.once('SIGINT', () => void shutdown('SIGINT'))
    process.once('SIGTERM', () => void shutdown('SIGTERM'))
    await app.listen({ port: config.port, host: config.host })
    if (logins) console.log(`\n${formatLogins(logins).replace('PORT', String(config.port))}\n`)
    log(`console: http://localhost:${config.port}/   API docs: http://localhost:${config.port}/api/docs`)
    if (!logins && opts.demo) log('demo data already loaded (admin / admin123; see README for the other demo logins)')
  })

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const platform = await createPlatform(loadConfig(), {}, console.log)
    await platform.db.close()
  })

program
  .command('demo')
  .description('load the demo data set (once; a loaded database is left alone)')
  .action(async () => {
    const platform = await createPlatform(loadConfig(), {}, console.log)
    const logins = await loadDemo(platform, console.log)
    console.log(logins ? formatLogins(logins) : 'demo data already loaded')
    await platform.db.close()
  })

const audit = program.command('audit').description('audit trail tools')
audit
  .command('verify')
  .description('verify the hash chains of the audit trail; names every edited, deleted or reordered row')
  .option('--chain <chain>', 'only this chain (an institution id, or "platform")')
  .action(async (opts: { chain?: string }) => {
    const platform = await createPlatform(loadConfig())
    const result = await platform.db.tx(SYSTEM, (tx) => verifyAuditChains(tx, opts))
    await platform.db.close()
    if (result.ok) {
      console.log(`audit trail OK: ${result.checkedRows} rows in ${result.chains} chains`)
      return
    }
    console.error(`audit trail FAILED: ${result.problems.length} problem(s) in ${result.checkedRows} rows`)
    for (const p of result.problems)
      console.error(`  ${p.kind.padEnd(11)} chain=${p.chain} seq=${p.seq} id=${p.id ?? '-'}  ${p.message}`)
    process.exitCode = 1
  })

await program.parseAsync(process.argv)
