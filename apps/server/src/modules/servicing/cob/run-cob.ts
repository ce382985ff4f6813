/**
 * The daily close (日终/COB) driver: advances each institution's business date one day at a time up
 * to the target date. For each day it fixes the loan-id ranges (chunks) once, processes each chunk
 * in its own transaction (loans, installments, journal, events, checkpoint and progress commit
 * together), and only when every chunk is done moves the business date. Resumable: a run killed at
 * any point continues where it stopped and ends exactly where an uninterrupted run would.
 */
import { sql } from 'drizzle-orm'
import { setBusinessDate } from '../../../platform/clock.ts'
import { runCloseHooks } from '../../../platform/close-hooks.ts'
import { addDays, compareDates, daysBetween, type IsoDate } from '../../../platform/dates.ts'
import { type Database, queryRows, SYSTEM, type Tx } from '../../../platform/db/open.ts'
import { type ChunkStats, processChunk } from './chunk.ts'

export const DEFAULT_CHUNK_SIZE = 20_000
export const DEFAULT_DUE_SOON_DAYS = 3
/** a request may close at most this many days at once */
export const MAX_DAYS_PER_RUN = 400

export type CobTrigger = 'cli' | 'http' | 'schedule' | 'demo' | 'test'

export type RunCobOptions = {
  db: Database
  /** one institution; omitted = every active lender institution */
  institutionId?: string
  /** the business date to reach; default: each institution's business date + 1 */
  toDate?: IsoDate
  chunkSize?: number
  dueSoonDays?: number
  trigger?: CobTrigger
  requestedBy?: string | null
  log?: (message: string) => void
}

export type DayResult = { institutionId: string; businessDate: IsoDate; runId: string; stats: RunStats }
export type RunStats = ChunkStats & { chunks: number }

export class CobError extends Error {}

const running = new Set<string>()

/** Whether this process is closing the institution right now. */
export function isCobRunningHere(institutionId: string): boolean {
  return running.has(institutionId)
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new CobError(`${name} must be a positive integer, got "${raw}"`)
  return n
}

/** Settings from the environment: XINDAI_COB_CHUNK_SIZE, XINDAI_COB_DUE_SOON_DAYS. */
export function cobSettings(o: { chunkSize?: number; dueSoonDays?: number } = {}) {
  return {
    chunkSize: o.chunkSize ?? envInt('XINDAI_COB_CHUNK_SIZE', DEFAULT_CHUNK_SIZE),
    dueSoonDays: o.dueSoonDays ?? envInt('XINDAI_COB_DUE_SOON_DAYS', DEFAULT_DUE_SOON_DAYS),
    /** test hook: pause after each committed chunk, so a test can kill the process mid-run */
    chunkDelayMs: envInt('XINDAI_COB_TEST_CHUNK_DELAY_MS', 0) || 0,
  }
}

export async function cobInstitutions(db: Database, institutionId?: string): Promise<{ id: string; code: string }[]> {
  return db.tx(SYSTEM, (tx) =>
    queryRows<{ id: string; code: string }>(
      tx,
      institutionId
        ? sql`select id, code from institutions where id = ${institutionId}::uuid`
        : sql`select id, code from institutions where kind = 'lender' and status = 'active' order by code`,
    ),
  )
}

async function businessDateOf(tx: Tx, institutionId: string): Promise<IsoDate | null> {
  const [row] = await queryRows<{ d: string }>(
    tx,
    sql`select business_date::text as d from business_dates where institution_id = ${institutionId}::uuid`,
  )
  return row?.d ?? null
}

/** Serialises the close of one institution across processes (transaction-scoped, so a crash frees it). */
async function lockInstitution(tx: Tx, institutionId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cob:${institutionId}`}))`)
}

const emptyStats = (): RunStats => ({
  loans: 0,
  overdueLoans: 0,
  becameOverdue: 0,
  cured: 0,
  dpdChanged: 0,
  interestAccrued: '0.00',
  feesRecognized: '0.00',
  penaltyAccrued: '0.00',
  events: 0,
  journalEntries: 0,
  chunks: 0,
})

function addMoney(a: string, b: string): string {
  // both are exact two-decimal strings: add in integer cents
  const cents = (s: string) => {
    const [i, f = ''] = s.split('.')
    const neg = i!.startsWith('-')
    const v = BigInt(i!.replace('-', '')) * 100n + BigInt((f + '00').slice(0, 2))
    return neg ? -v : v
  }
  const t = cents(a) + cents(b)
  const abs = t < 0n ? -t : t
  return `${t < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

function mergeStats(a: RunStats, b: ChunkStats): RunStats {
  return {
    loans: a.loans + b.loans,
    overdueLoans: a.overdueLoans + b.overdueLoans,
    becameOverdue: a.becameOverdue + b.becameOverdue,
    cured: a.cured + b.cured,
    dpdChanged: a.dpdChanged + b.dpdChanged,
    interestAccrued: addMoney(a.interestAccrued, b.interestAccrued),
    feesRecognized: addMoney(a.feesRecognized, b.feesRecognized),
    penaltyAccrued: addMoney(a.penaltyAccrued, b.penaltyAccrued),
    events: a.events + b.events,
    journalEntries: a.journalEntries + b.journalEntries,
    chunks: a.chunks + 1,
  }
}

type RunRow = { id: string; status: string; chunks_total: number; request_id: string | null }

/**
 * Creates (or finds) the run of one institution and date and fixes its chunks: the loan-id ranges
 * [from, to) cut every `chunkSize` loans still to do. The first range starts at the nil uuid and the
 * last is open-ended, so the ranges cover every id.
 */
export async function startDay(
  tx: Tx,
  o: {
    institutionId: string
    date: IsoDate
    chunkSize: number
    toDate?: IsoDate
    requestId?: string | null
    trigger?: CobTrigger
    requestedBy?: string | null
  },
): Promise<RunRow> {
  const inst = sql`${o.institutionId}::uuid`
  const D = sql`${o.date}::date`
  await tx.execute(sql`insert into cob_runs (institution_id, business_date, status, step, request_id, to_date, trigger, requested_by)
    values (${inst}, ${D}, 'queued', 'queued', ${o.requestId ?? null}::uuid, ${o.toDate ?? o.date}::date,
      ${o.trigger ?? 'cli'}, ${o.requestedBy ?? null})
    on conflict (institution_id, business_date) do nothing`)
  const [run] = await queryRows<RunRow>(
    tx,
    sql`select id, status, chunks_total, request_id from cob_runs where institution_id = ${inst} and business_date = ${D}`,
  )
  if (!run) throw new CobError('cob run row missing')
  if (run.status === 'completed') return run
  const [have] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from cob_chunks where run_id = ${run.id}::uuid`,
  )
  if (Number(have!.n) === 0) {
    await tx.execute(sql`insert into cob_chunks (run_id, chunk_no, institution_id, from_id, to_id)
      select ${run.id}::uuid, chunk_no, ${inst},
        case when chunk_no = 0 then '00000000-0000-0000-0000-000000000000'::uuid else id end,
        lead(id) over (order by chunk_no)
      from (
        select id, (rn / ${o.chunkSize}::int)::int as chunk_no from (
          select id, row_number() over (order by id) - 1 as rn from loans
          where institution_id = ${inst} and status in ('active', 'overdue')
            and disbursed_on is not null and disbursed_on <= ${D}
            and (last_cob_date is null or last_cob_date < ${D})
        ) b where rn % ${o.chunkSize}::int = 0
      ) starts`)
    await tx.execute(sql`insert into cob_chunks (run_id, chunk_no, institution_id, from_id, to_id)
      select ${run.id}::uuid, 0, ${inst}, '00000000-0000-0000-0000-000000000000'::uuid, null
      where not exists (select 1 from cob_chunks where run_id = ${run.id}::uuid)`)
    await tx.execute(sql`update cob_runs set
        status = 'running', step = 'loans', heartbeat_at = now(),
        request_id = coalesce(request_id, ${o.requestId ?? null}::uuid, id),
        chunks_total = (select count(*) from cob_chunks where run_id = ${run.id}::uuid),
        loans_total = (select count(*) from loans
          where institution_id = ${inst} and status in ('active', 'overdue')
            and disbursed_on is not null and disbursed_on <= ${D}
            and (last_cob_date is null or last_cob_date < ${D}))
      where id = ${run.id}::uuid`)
  } else {
    await tx.execute(sql`update cob_runs set status = 'running', step = 'loans', error = null, heartbeat_at = now()
      where id = ${run.id}::uuid`)
  }
  const [fresh] = await queryRows<RunRow>(
    tx,
    sql`select id, status, chunks_total, request_id from cob_runs where id = ${run.id}::uuid`,
  )
  return fresh!
}

type ChunkRow = { chunk_no: number; from_id: string; to_id: string | null }

/** Processes one chunk unless it is already done; returns its stats, or null if it was done. */
async function runChunk(
  tx: Tx,
  o: { institutionId: string; date: IsoDate; runId: string; chunk: ChunkRow; dueSoonDays: number },
): Promise<ChunkStats | null> {
  await lockInstitution(tx, o.institutionId)
  const [c] = await queryRows<{ done: boolean }>(
    tx,
    sql`select done_at is not null as done from cob_chunks where run_id = ${o.runId}::uuid and chunk_no = ${o.chunk.chunk_no}::int`,
  )
  if (!c || c.done) return null
  const stats = await processChunk(tx, {
    institutionId: o.institutionId,
    date: o.date,
    chunkNo: o.chunk.chunk_no,
    fromId: o.chunk.from_id,
    toId: o.chunk.to_id,
    dueSoonDays: o.dueSoonDays,
  })
  await tx.execute(sql`update cob_chunks set done_at = now(), loans = ${stats.loans}::int
    where run_id = ${o.runId}::uuid and chunk_no = ${o.chunk.chunk_no}::int`)
  const [run] = await queryRows<{ stats: RunStats }>(
    tx,
    sql`select stats from cob_runs where id = ${o.runId}::uuid for update`,
  )
  const merged = mergeStats({ ...emptyStats(), ...(run!.stats ?? {}) }, stats)
  await tx.execute(sql`update cob_runs set loans_done = loans_done + ${stats.loans}::int, chunks_done = chunks_done + 1,
      stats = ${JSON.stringify(merged)}::jsonb, heartbeat_at = now()
    where id = ${o.runId}::uuid`)
  return stats
}

/** Marks the day complete and advances the business date, once every chunk is done. */
async function finishDay(tx: Tx, o: { institutionId: string; date: IsoDate; runId: string }): Promise<RunStats> {
  await lockInstitution(tx, o.institutionId)
  const [left] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from cob_chunks where run_id = ${o.runId}::uuid and done_at is null`,
  )
  if (Number(left!.n) > 0) throw new CobError(`run ${o.runId} still has ${left!.n} chunk(s) to do`)
  const [run] = await queryRows<{ stats: RunStats }>(
    tx,
    sql`update cob_runs set status = 'completed', step = 'done', finished_at = coalesce(finished_at, now()),
        heartbeat_at = now(), error = null
      where id = ${o.runId}::uuid returning stats`,
  )
  const current = await businessDateOf(tx, o.institutionId)
  if (!current || compareDates(current, o.date) < 0) await setBusinessDate(tx, o.institutionId, o.date)
  await runCloseHooks(tx, { institutionId: o.institutionId, date: o.date }) // e.g. the collections case flow
  return { ...emptyStats(), ...(run!.stats ?? {}) }
}

/** Closes one institution for one business date (resuming a run that was interrupted). */
export async function closeDay(
  db: Database,
  o: {
    institutionId: string
    date: IsoDate
    chunkSize: number
    dueSoonDays: number
    chunkDelayMs?: number
    toDate?: IsoDate
    requestId?: string | null
    trigger?: CobTrigger
    requestedBy?: string | null
    log?: (m: string) => void
    label?: string
  },
): Promise<DayResult> {
  const log = o.log ?? (() => {})
  const run = await db.tx(SYSTEM, async (tx) => {
    await lockInstitution(tx, o.institutionId)
    return startDay(tx, o)
  })
  if (run.status === 'completed') {
    const stats = await db.tx(SYSTEM, (tx) => finishDay(tx, { ...o, runId: run.id }))
    return { institutionId: o.institutionId, businessDate: o.date, runId: run.id, stats }
  }
  const chunks = await db.tx(SYSTEM, (tx) =>
    queryRows<ChunkRow>(
      tx,
      sql`select chunk_no, from_id, to_id from cob_chunks where run_id = ${run.id}::uuid and done_at is null order by chunk_no`,
    ),
  )
  for (const chunk of chunks) {
    try {
      const stats = await db.tx(SYSTEM, (tx) =>
        runChunk(tx, {
          institutionId: o.institutionId,
          date: o.date,
          runId: run.id,
          chunk,
          dueSoonDays: o.dueSoonDays,
        }),
      )
      if (stats)
        log(
          `${o.label ?? o.institutionId} ${o.date} chunk ${chunk.chunk_no + 1}/${run.chunks_total} committed (${stats.loans} loans)`,
        )
    } catch (err) {
      await db
        .tx(SYSTEM, (tx) =>
          tx.execute(sql`update cob_runs set status = 'failed', error = ${String((err as Error).message).slice(0, 2000)}
            where id = ${run.id}::uuid`),
        )
        .catch(() => {})
      throw err
    }
    if (o.chunkDelayMs) await new Promise((r) => setTimeout(r, o.chunkDelayMs))
  }
  const stats = await db.tx(SYSTEM, (tx) => finishDay(tx, { ...o, runId: run.id }))
  log(`${o.label ?? o.institutionId} ${o.date} closed: ${stats.loans} loans, ${stats.overdueLoans} overdue`)
  return { institutionId: o.institutionId, businessDate: o.date, runId: run.id, stats }
}

/**
 * Runs the close for one or all institutions up to `toDate`, one day at a time. Returns the days
 * closed. Institutions already at or past the target are left alone (running twice changes nothing).
 */
export async function runCob(o: RunCobOptions & { requestId?: string | null }): Promise<DayResult[]> {
  const settings = cobSettings(o)
  const out: DayResult[] = []
  for (const inst of await cobInstitutions(o.db, o.institutionId)) {
    if (running.has(inst.id)) throw new CobError(`the daily close of ${inst.code} is already running in this process`)
    running.add(inst.id)
    try {
      const current = await o.db.tx(SYSTEM, (tx) => businessDateOf(tx, inst.id))
      if (!current) throw new CobError(`institution ${inst.code} has no business date`)
      const target = o.toDate ?? addDays(current, 1)
      const days = daysBetween(current, target)
      if (days > MAX_DAYS_PER_RUN)
        throw new CobError(`refusing to close ${days} days at once (max ${MAX_DAYS_PER_RUN})`)
      let requestId = o.requestId ?? null
      for (let d = addDays(current, 1); compareDates(d, target) <= 0; d = addDays(d, 1)) {
        const day = await closeDay(o.db, {
          institutionId: inst.id,
          date: d,
          chunkSize: settings.chunkSize,
          dueSoonDays: settings.dueSoonDays,
          chunkDelayMs: settings.chunkDelayMs,
          toDate: target,
          requestId,
          trigger: o.trigger,
          requestedBy: o.requestedBy,
          log: o.log,
          label: inst.code,
        })
        requestId ??= day.runId
        out.push(day)
      }
    } finally {
      running.delete(inst.id)
    }
  }
  return out
}
