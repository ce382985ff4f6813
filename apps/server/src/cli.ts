/**
 * The `xindai` command. Run from the repository root as `npx xindai <command>`.
 */
import { Command } from 'commander'
import { sql } from 'drizzle-orm'
import { loadConfig, usesDevelopmentSecret } from './config.ts'
import { formatLogins, loadDemo } from './demo/load.ts'
import { buildHttp, createPlatform } from './main.ts'
import { runCob, startCobScheduler } from './modules/servicing/cob/index.ts'
import { verifyAuditChains } from './platform/audit/verify.ts'
import { isIsoDate } from './platform/dates.ts'
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
    if (opts.demo && config.demo) logins = await loadDemo(platform, log, config.demo)
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
    startCobScheduler(platform.db, process.env.XINDAI_COB_SCHEDULE, (m) => log(`cob: ${m}`))
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

program
  .command('cob')
  .description('daily close (日终): advance the business date day by day, ageing and accruing every active loan')
  .option('--to <date>', 'business date to reach (YYYY-MM-DD); default: the next day')
  .option('--institution <code>', 'only this institution (default: every active lender)')
  .action(async (opts: { to?: string; institution?: string }) => {
    const platform = await createPlatform(loadConfig())
    try {
      let institutionId: string | undefined
      if (opts.institution) {
        const rows = await platform.db.tx(SYSTEM, (tx) =>
          tx.execute(sql`select id from institutions where code = ${opts.institution}`),
        )
        institutionId = (rows as unknown as { rows: { id: string }[] }).rows[0]?.id
        if (!institutionId) throw new Error(`no institution with code ${opts.institution}`)
      }
      if (opts.to !== undefined && !isIsoDate(opts.to))
        throw new Error(`--to must be a date YYYY-MM-DD, got ${opts.to}`)
      const started = Date.now()
      const days = await runCob({
        db: platform.db,
        institutionId,
        toDate: opts.to,
        trigger: 'cli',
        log: (m) => console.log(`[cob] ${m}`),
      })
      console.log(
        `daily close done: ${days.length} institution-day(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    } catch (err) {
      console.error(`daily close FAILED: ${(err as Error).message}`)
      process.exitCode = 1
    } finally {
      await platform.db.close()
    }
  })

const audit = program.command('audit').description('audit trail tools')
audit
  .command('verify')
  .description('verify the hash chains of the audit trail; names every edited, deleted or reordered row')
  .option('--chain <chain>', 'only this chain (e.g. "<institution id>:3" or "platform:0")')
  .option('--institution <id>', 'only the chains of this institution')
  .action(async (opts: { chain?: string; institution?: string }) => {
    const platform = await createPlatform(loadConfig())
    const result = await platform.db.tx(SYSTEM, (tx) =>
      verifyAuditChains(tx, { chain: opts.chain, institutionId: opts.institution }),
    )
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

const ledger = program.command('ledger').description('ledger tools')
ledger
  .command('verify')
  .description('check that every journal entry balances and that journal, loan balances and schedules agree')
  .option('--institution <id>', 'only this institution')
  .action(async (opts: { institution?: string }) => {
    const { verifyLedger } = await import('./modules/servicing/verify-ledger.ts')
    const platform = await createPlatform(loadConfig())
    const result = await platform.db.tx(SYSTEM, (tx) => verifyLedger(tx, opts.institution))
    await platform.db.close()
    const head = `${result.entries} entries, ${result.loans} loans, debits ${result.totalDebit} / credits ${result.totalCredit}`
    if (result.ok) return console.log(`ledger OK: ${head}`)
    console.error(`ledger FAILED: ${result.problems.length} problem(s); ${head}`)
    for (const p of result.problems) console.error(`  ${JSON.stringify(p)}`)
    process.exitCode = 1
  })

program
  .command('banksim')
  .description('run the simulated bank that disbursements are paid through (idempotent by request id)')
  .option('--port <port>', 'port', '3900')
  .option('--host <host>', 'host', '127.0.0.1')
  .option('--failure-rate <rate>', 'share of payment attempts rejected, 0–1', '0')
  .option('--delay <ms>', 'answer delay in milliseconds', '0')
  .action(async (opts: { port: string; host: string; failureRate: string; delay: string }) => {
    const { startBankSimulator } = await import('./modules/servicing/banksim.ts')
    const sim = await startBankSimulator({
      port: Number(opts.port),
      host: opts.host,
      failureRate: Number(opts.failureRate),
      delayMs: Number(opts.delay),
    })
    console.log(`[banksim] listening on ${sim.url} (set XINDAI_BANK_URL=${sim.url} for the server)`)
  })

program
  .command('datasim')
  .description('run the simulated data provider: credit bureau, blacklist, telecom check, IP geolocation')
  .option('--port <port>', 'port', '3901')
  .option('--host <host>', 'host', '127.0.0.1')
  .option('--fail <mode>', 'fail every request: none | 500 | garbage | timeout')
  .option('--failure-rate <rate>', 'share of requests answered with a 500, 0–1')
  .option('--latency <ms>', 'answer delay in milliseconds')
  .action(async (opts: { port: string; host: string; fail?: string; failureRate?: string; latency?: string }) => {
    const { dataSimSettingsFromEnv, startDataSimulator } = await import('./modules/risk/datasim.ts')
    const env = dataSimSettingsFromEnv()
    const sim = await startDataSimulator({
      port: Number(opts.port),
      host: opts.host,
      fail: (opts.fail ?? env.fail) as never,
      failureRate: opts.failureRate === undefined ? env.failureRate : Number(opts.failureRate),
      latencyMs: opts.latency === undefined ? env.latencyMs : Number(opts.latency),
    })
    console.log(
      `[datasim] listening on ${sim.url} (/bureau, /blacklist, /telecom, /geo; ?_fail=500|garbage|timeout&_latency=ms)`,
    )
  })

await program.parseAsync(process.argv)
