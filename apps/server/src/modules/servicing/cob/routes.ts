/**
 * Daily close over HTTP: start a run for the caller's institution (answers 202 at once; the run
 * continues in the background and its progress is visible), run history, and one run's progress.
 */
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import { registerOperations } from '../../../platform/access/operations.ts'
import { scopeCondition } from '../../../platform/access/principal.ts'
import { recordAudit } from '../../../platform/audit/record.ts'
import { getBusinessDate } from '../../../platform/clock.ts'
import { addDays, compareDates, daysBetween, isIsoDate } from '../../../platform/dates.ts'
import { queryRows } from '../../../platform/db/open.ts'
import { AppError, businessRule, notFound } from '../../../platform/errors.ts'
import type { AppContext, XindaiApp } from '../../../platform/http/app.ts'
import { asStaff } from '../../../platform/http/request.ts'
import { pageOf, problems, ZIdParams } from '../../../platform/http/schemas.ts'
import { registerMessages } from '../../../platform/i18n.ts'
import { grantToPositions } from '../../identity/personas.ts'
import { cobRuns } from '../schema.ts'
import { cobSettings, isCobRunningHere, MAX_DAYS_PER_RUN, runCob, startDay } from './run-cob.ts'

registerOperations([
  { code: 'cob.run', group: 'servicing', label: { 'zh-CN': '执行日终', 'en-US': 'Run the daily close' } },
])
grantToPositions({ finance_ops: ['cob.run'], inst_admin: ['cob.run'] })

registerMessages({
  'cob.nothing_to_do': {
    'zh-CN': '营业日已是 {businessDate}，目标日期必须晚于当前营业日',
    'en-US': 'The business date is already {businessDate}; the target date must be later',
  },
  'cob.too_many_days': {
    'zh-CN': '一次最多日终 {max} 天',
    'en-US': 'At most {max} days can be closed in one run',
  },
  'cob.already_running': {
    'zh-CN': '本机构的日终正在进行中',
    'en-US': 'The daily close of this institution is already running',
  },
  'cob.invalid_date': { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en-US': 'Use a date as YYYY-MM-DD' },
})

const ZStats = z.record(z.string(), z.unknown())

const ZRun = z.object({
  id: z.string(),
  institutionId: z.string(),
  businessDate: z.string(),
  status: z.string(),
  step: z.string().nullable(),
  loansTotal: z.number().int(),
  loansDone: z.number().int(),
  chunksTotal: z.number().int(),
  chunksDone: z.number().int(),
  stats: ZStats,
  error: z.string().nullable(),
  requestId: z.string().nullable(),
  toDate: z.string().nullable(),
  trigger: z.string(),
  requestedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
})

type RunDbRow = {
  id: string
  institution_id: string
  business_date: string
  status: string
  step: string | null
  loans_total: number
  loans_done: number
  chunks_total: number
  chunks_done: number
  stats: Record<string, unknown>
  error: string | null
  request_id: string | null
  to_date: string | null
  trigger: string
  requested_by: string | null
  started_at: string | Date
  finished_at: string | Date | null
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString())

function runDto(r: RunDbRow) {
  return {
    id: r.id,
    institutionId: r.institution_id,
    businessDate: r.business_date,
    status: r.status,
    step: r.step,
    loansTotal: Number(r.loans_total),
    loansDone: Number(r.loans_done),
    chunksTotal: Number(r.chunks_total),
    chunksDone: Number(r.chunks_done),
    stats: r.stats ?? {},
    error: r.error,
    requestId: r.request_id,
    toDate: r.to_date,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
  }
}

const RUN_COLUMNS = `id, institution_id, business_date::text as business_date, status, step, loans_total, loans_done,
  chunks_total, chunks_done, stats, error, request_id, to_date::text as to_date, trigger, requested_by, started_at, finished_at`

/** A run counts as live while its heartbeat is recent (a killed process stops beating). */
const LIVE_SECONDS = 120

export function registerCobRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['cob']

  app.post(
    '/api/v1/cob/runs',
    {
      config: { permission: 'cob.run' },
      schema: {
        tags,
        summary: "Start the daily close of the caller's institution up to a date (default: the next day)",
        body: z.strictObject({ toDate: z.string().max(10).optional() }),
        response: {
          202: z.object({ id: z.string(), fromDate: z.string(), toDate: z.string(), businessDate: z.string() }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const { toDate: wanted } = req.body
      if (wanted !== undefined && !isIsoDate(wanted))
        throw businessRule('cob.invalid_date', undefined, [{ field: 'body.toDate', key: 'cob.invalid_date' }])
      const started = await asStaff(ctx, req, async ({ tx, principal, actor }) => {
        const institutionId = principal.institutionId
        await tx.execute(sqlLock(institutionId))
        const businessDate = await getBusinessDate(tx, institutionId)
        const toDate = wanted ?? addDays(businessDate, 1)
        if (compareDates(toDate, businessDate) <= 0) throw businessRule('cob.nothing_to_do', { businessDate })
        if (daysBetween(businessDate, toDate) > MAX_DAYS_PER_RUN)
          throw businessRule('cob.too_many_days', { max: MAX_DAYS_PER_RUN })
        const live = await queryRows<{ n: number }>(tx, sqlLive(institutionId))
        if (isCobRunningHere(institutionId) || Number(live[0]!.n) > 0)
          throw new AppError('conflict', { detailKey: 'cob.already_running' })
        const fromDate = addDays(businessDate, 1)
        const run = await startDay(tx, {
          institutionId,
          date: fromDate,
          chunkSize: cobSettings().chunkSize,
          toDate,
          trigger: 'http',
          requestedBy: principal.username,
        })
        await recordAudit(tx, actor, {
          operation: 'cob.run',
          objectType: 'cob_run',
          objectId: run.id,
          after: { fromDate, toDate },
        })
        return { id: run.id, fromDate, toDate, businessDate, institutionId, username: principal.username }
      })
      // the run goes on after the answer; failures are recorded on the run row
      void runCob({
        db: ctx.db,
        institutionId: started.institutionId,
        toDate: started.toDate,
        requestId: started.id,
        trigger: 'http',
        requestedBy: started.username,
      }).catch((err) => req.log.error({ err }, 'daily close failed'))
      reply.code(202)
      return { id: started.id, fromDate: started.fromDate, toDate: started.toDate, businessDate: started.businessDate }
    },
  )

  app.get(
    '/api/v1/cob/runs',
    {
      config: { permission: 'cob.run' },
      schema: {
        tags,
        summary: 'Daily close history, newest business date first',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          status: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
          requestId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ZRun).extend({ businessDate: z.string() }), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const { page, pageSize, status, requestId } = req.query
        const where = and(
          scopeCondition(principal, { institution: cobRuns.institutionId }),
          status ? eq(cobRuns.status, status) : undefined,
          requestId ? sql`${cobRuns.id} in (select id from cob_runs where request_id = ${requestId}::uuid)` : undefined,
        ) as SQL | undefined
        const [total] = await tx.select({ n: count() }).from(cobRuns).where(where)
        const ids = await tx
          .select({ id: cobRuns.id })
          .from(cobRuns)
          .where(where)
          .orderBy(desc(cobRuns.businessDate), desc(cobRuns.startedAt))
          .limit(pageSize)
          .offset((page - 1) * pageSize)
        const rows = ids.length ? await queryRows<RunDbRow>(tx, sqlRuns(ids.map((r) => r.id))) : []
        return {
          items: rows.map(runDto),
          total: Number(total!.n),
          page,
          pageSize,
          businessDate: await getBusinessDate(tx, principal.institutionId),
        }
      }),
  )

  app.get(
    '/api/v1/cob/runs/:id',
    {
      config: { permission: 'cob.run' },
      schema: {
        tags,
        summary: 'One run with its progress, and the progress of the request it belongs to',
        params: ZIdParams,
        response: {
          200: ZRun.extend({
            request: z.object({
              fromDate: z.string(),
              toDate: z.string(),
              daysTotal: z.number().int(),
              daysDone: z.number().int(),
              status: z.string(),
              currentRunId: z.string(),
              currentDate: z.string(),
            }),
            institutionBusinessDate: z.string(),
          }),
          ...problems,
        },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const [found] = await tx
          .select({ id: cobRuns.id, institutionId: cobRuns.institutionId })
          .from(cobRuns)
          .where(and(eq(cobRuns.id, req.params.id), scopeCondition(principal, { institution: cobRuns.institutionId })))
        if (!found) throw notFound()
        const [row] = await queryRows<RunDbRow>(tx, sqlRuns([found.id]))
        const run = runDto(row!)
        const siblings = (await queryRows<RunDbRow>(tx, sqlRequest(run.requestId ?? run.id))).map(runDto)
        const first = siblings[0] ?? run
        const last = siblings.at(-1) ?? run
        const toDate = run.toDate ?? run.businessDate
        const daysTotal = daysBetween(first.businessDate, toDate) + 1
        const daysDone = siblings.filter((s) => s.status === 'completed').length
        const status = siblings.some((s) => s.status === 'failed')
          ? 'failed'
          : daysDone >= daysTotal
            ? 'completed'
            : last.status === 'queued'
              ? 'queued'
              : 'running'
        return {
          ...run,
          request: {
            fromDate: first.businessDate,
            toDate,
            daysTotal,
            daysDone,
            status,
            currentRunId: last.id,
            currentDate: last.businessDate,
          },
          institutionBusinessDate: await getBusinessDate(tx, found.institutionId),
        }
      }),
  )
}

function sqlLock(institutionId: string) {
  return sql`select pg_advisory_xact_lock(hashtext(${`cob:${institutionId}`}))`
}
function sqlLive(institutionId: string) {
  return sql`select count(*)::int as n from cob_runs where institution_id = ${institutionId}::uuid
    and status in ('queued', 'running') and heartbeat_at > now() - make_interval(secs => ${LIVE_SECONDS})`
}
function sqlRuns(ids: string[]) {
  return sql`select ${sql.raw(RUN_COLUMNS)} from cob_runs where id in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}) order by business_date desc, started_at desc`
}
function sqlRequest(requestId: string) {
  return sql`select ${sql.raw(RUN_COLUMNS)} from cob_runs where request_id = ${requestId}::uuid order by business_date`
}
