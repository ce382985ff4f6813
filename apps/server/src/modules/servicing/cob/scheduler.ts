/**
 * The in-process schedule of the daily close. `XINDAI_COB_SCHEDULE`:
 *  - `off` (default, for demos and tests): no scheduled runs; use `xindai cob` or the console;
 *  - `HH:MM` (24-hour, the server's local time): every day at that time, every active lender
 *    institution is closed up to the wall-clock date of that moment (catching up any missed days;
 *    an institution already at or past it is left alone).
 * With several server processes, runs may start in more than one; they serialise on a per-institution
 * lock and the second finds nothing left to do.
 */
import { sql } from 'drizzle-orm'
import { type Database, queryRows, SYSTEM } from '../../../platform/db/open.ts'
import { runCob } from './run-cob.ts'

export type CobSchedule = { off: true } | { off: false; hour: number; minute: number }

export function parseCobSchedule(raw: string | undefined): CobSchedule {
  const v = (raw ?? 'off').trim().toLowerCase()
  if (v === '' || v === 'off') return { off: true }
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v)
  if (!m) throw new Error(`XINDAI_COB_SCHEDULE must be "off" or HH:MM, got "${raw}"`)
  return { off: false, hour: Number(m[1]), minute: Number(m[2]) }
}

/** Milliseconds from `now` to the next HH:MM (local time). */
export function msUntil(now: Date, hour: number, minute: number): number {
  const next = new Date(now)
  next.setHours(hour, minute, 0, 0)
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1)
  return next.getTime() - now.getTime()
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Starts the schedule; returns a stop function. */
export function startCobScheduler(
  db: Database,
  raw: string | undefined = process.env.XINDAI_COB_SCHEDULE,
  log: (m: string) => void = () => {},
): () => void {
  const schedule = parseCobSchedule(raw)
  if (schedule.off) return () => {}
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const arm = () => {
    if (stopped) return
    timer = setTimeout(fire, msUntil(new Date(), schedule.hour, schedule.minute))
    timer.unref()
  }
  const fire = async () => {
    const toDate = localDate(new Date())
    log(`scheduled daily close to ${toDate}`)
    try {
      const institutions = await db.tx(SYSTEM, (tx) =>
        queryRows<{ id: string; business_date: string }>(
          tx,
          sql`select i.id, b.business_date::text as business_date from institutions i
            join business_dates b on b.institution_id = i.id
            where i.kind = 'lender' and i.status = 'active' and b.business_date < ${toDate}::date`,
        ),
      )
      for (const inst of institutions) {
        const days = await runCob({ db, institutionId: inst.id, toDate, trigger: 'schedule', log })
        log(`scheduled daily close: ${days.length} day(s) closed for ${inst.id}`)
      }
    } catch (err) {
      log(`scheduled daily close failed: ${(err as Error).message}`)
    }
    arm()
  }
  log(`daily close scheduled every day at ${raw}`)
  arm()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
