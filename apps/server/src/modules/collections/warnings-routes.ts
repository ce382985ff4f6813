/** HTTP routes of early warning (风险预警) under /api/v1/collections/warnings (docs/api-collections.md). */
import { z } from 'zod'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { addDays, compareDates, daysBetween, isIsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZIdParams } from '../../platform/http/schemas.ts'
import { WARNING_RULE_CODES } from './domain/warnings.ts'
import { evaluateWarnings } from './evaluate-warnings.ts'
import { handleWarning } from './handle-warning.ts'
import { reassignWarning } from './reassign-warning.ts'
import { getWarning, listWarningOwners, listWarnings, warningStatistics } from './warning-queries.ts'
import { getWarningRules, updateWarningRule } from './warning-rules.ts'

const ZLoose = z.object({}).passthrough()
const ZRuleCode = z.enum(WARNING_RULE_CODES as [string, ...string[]])
const ZSeverity = z.enum(['low', 'medium', 'high'])
const ZWarning = z
  .object({
    id: z.uuid(),
    ruleCode: z.string(),
    severity: z.string(),
    subjectType: z.string(),
    subjectLabel: z.string(),
    status: z.string(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()),
    businessDate: z.string(),
    raisedAt: z.string(),
  })
  .passthrough()
const ZNote = z.strictObject({ note: text(1000).optional() })

async function period(tx: Tx, p: StaffPrincipal, q: { from?: string; to?: string }) {
  const to = q.to ?? (await getBusinessDate(tx, p.institutionId))
  const from = q.from ?? addDays(to, -29)
  if (!isIsoDate(from)) throw fieldError('querystring.from', 'collections.field_date')
  if (!isIsoDate(to)) throw fieldError('querystring.to', 'collections.field_date')
  if (compareDates(from, to) > 0 || daysBetween(from, to) > 366)
    throw fieldError('querystring.from', 'collections.field_period')
  return { from, to }
}

export function registerWarningRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['collections']
  const base = '/api/v1/collections/warnings'

  app.get(
    base,
    {
      config: { permission: 'warning.read' },
      schema: {
        tags,
        summary: 'Early warnings in scope, newest first unless sorted; filter by status, rule, severity, owner',
        querystring: pageQuery(['raisedAt', 'severity', 'status', 'businessDate'], {
          status: z.enum(['open', 'acknowledged', 'resolved', 'dismissed', 'active', 'closed']).optional(),
          rule: ZRuleCode.optional(),
          severity: ZSeverity.optional(),
          ownerId: z.uuid().optional(),
          unassigned: z.stringbool().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: pageOf(ZWarning), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listWarnings(tx, principal, req.query)),
  )
  app.get(
    `${base}/statistics`,
    {
      config: { permission: 'warning.read' },
      schema: {
        tags,
        summary: 'Dashboard: warnings by rule, status and severity; raised and closed per business day',
        querystring: z.strictObject({ from: z.string().max(10).optional(), to: z.string().max(10).optional() }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) =>
        warningStatistics(tx, principal, await period(tx, principal, req.query)),
      ),
  )
  app.get(
    `${base}/rules`,
    {
      config: { permission: 'warning.read' },
      schema: {
        tags,
        summary: 'The warning rule catalog of the institution (built-in rules, its settings over the defaults)',
        response: { 200: z.object({ items: z.array(ZLoose) }), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getWarningRules(tx, principal)),
  )
  app.put(
    `${base}/rules/:code`,
    {
      config: { permission: 'warning.manage' },
      schema: {
        tags,
        summary: "Change a rule: on/off, severity, owner position, to the customer's account manager, thresholds",
        params: z.strictObject({ code: ZRuleCode }),
        body: z.strictObject({
          enabled: z.boolean().optional(),
          severity: ZSeverity.optional(),
          ownerPosition: z.string().trim().min(1).max(60).optional(),
          toAccountManager: z.boolean().optional(),
          params: z
            .strictObject({
              thresholdPercent: z.string().trim().max(10).optional(),
              periods: z.number().int().optional(),
              applications: z.number().int().optional(),
              windowMinutes: z.number().int().optional(),
              days: z.number().int().optional(),
            })
            .optional(),
        }),
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) =>
        updateWarningRule({
          ...call,
          code: req.params.code as (typeof WARNING_RULE_CODES)[number],
          input: req.body,
        }),
      ),
  )
  app.post(
    `${base}/evaluate`,
    {
      config: { permission: 'warning.manage' },
      schema: {
        tags,
        summary: 'Evaluate the rules now for the business date (the daily close does it; idempotent)',
        response: { 200: ZLoose, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const date = await getBusinessDate(tx, principal.institutionId)
        return {
          businessDate: date,
          raised: await evaluateWarnings(tx, { institutionId: principal.institutionId, date }),
        }
      }),
  )
  app.get(
    `${base}/owners`,
    {
      config: { permission: 'warning.manage' },
      schema: {
        tags,
        summary: 'Staff a warning may be given to (holders of warning.handle), with their open warnings',
        response: { 200: z.object({ items: z.array(ZLoose) }), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => ({ items: await listWarningOwners(tx, principal.institutionId) })),
  )
  app.get(
    `${base}/:id`,
    {
      config: { permission: 'warning.read' },
      schema: {
        tags,
        summary: 'One warning with its evidence, owner and history stamps',
        params: ZIdParams,
        response: { 200: ZWarning, ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getWarning(tx, principal, req.params.id)),
  )
  for (const action of ['acknowledge', 'resolve', 'dismiss'] as const)
    app.post(
      `${base}/:id/${action}`,
      {
        config: { permission: 'warning.handle' },
        schema: {
          tags,
          summary: {
            acknowledge: 'Acknowledge an open warning (open → acknowledged)',
            resolve: 'Resolve a warning (open/acknowledged → resolved), with an optional note',
            dismiss: 'Dismiss a warning as a false alarm (open/acknowledged → dismissed); a note is required',
          }[action],
          params: ZIdParams,
          body: ZNote,
          response: { 200: ZWarning, ...problems },
        },
      },
      (req) =>
        asStaff(ctx, req, (call) => handleWarning({ ...call, warningId: req.params.id, action, note: req.body.note })),
    )
  app.post(
    `${base}/:id/reassign`,
    {
      config: { permission: 'warning.manage' },
      schema: {
        tags,
        summary: 'Give an open warning to another holder of warning.handle',
        params: ZIdParams,
        body: z.strictObject({ ownerId: z.uuid() }),
        response: { 200: ZWarning, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) => reassignWarning({ ...call, warningId: req.params.id, ownerId: req.body.ownerId })),
  )
}
