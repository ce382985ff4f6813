/**
 * Back-test (回测): replays a scene's stored past evaluations through a version (usually a draft)
 * using the indicator values each evaluation recorded — nothing is bought. Reports how decisions
 * would change, the credit-line change and what the version would have spent on data.
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { addDays, type IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { formatAmount, parseAmount, sum, ZERO } from '../../platform/money.ts'
import {
  compileRuleSet,
  createSourceResolver,
  type DataSourceAdapter,
  evaluate,
  type TDecision,
} from './domain/index.ts'
import { loadCatalog, ruleSetOf } from './runtime.ts'
import { riskDataSources, riskReports } from './schema.ts'
import { policyOf } from './source-adapters.ts'
import { findVersion } from './version-queries.ts'

export type BacktestOptions = {
  tx: Tx
  principal: StaffPrincipal
  id: string
  input: { limit?: number; from?: string; to?: string }
}

export async function backtestVersion({ tx, principal, id, input }: BacktestOptions) {
  const version = await findVersion(tx, principal, id)
  const catalog = await loadCatalog(tx, version.institutionId)
  const compiled = compileRuleSet(ruleSetOf(version), catalog)
  const sources = await tx
    .select()
    .from(riskDataSources)
    .where(eq(riskDataSources.institutionId, version.institutionId))
  const conds: (SQL | undefined)[] = [
    eq(riskReports.institutionId, version.institutionId),
    eq(riskReports.sceneCode, version.sceneCode),
  ]
  if (input.from) conds.push(gte(riskReports.createdAt, new Date(`${input.from}T00:00:00Z`)))
  if (input.to) conds.push(lt(riskReports.createdAt, new Date(`${addDays(input.to as IsoDate, 1)}T00:00:00Z`)))
  const past = await tx
    .select({
      id: riskReports.id,
      decision: riskReports.decision,
      amount: riskReports.amount,
      dataCost: riskReports.dataCost,
      values: riskReports.values,
    })
    .from(riskReports)
    .where(and(...conds))
    .orderBy(desc(riskReports.createdAt))
    .limit(input.limit ?? 1000)

  const transitions: Record<string, number> = {
    pass_reject: 0,
    pass_manual: 0,
    reject_pass: 0,
    reject_manual: 0,
    manual_pass: 0,
    manual_reject: 0,
    unchanged: 0,
  }
  const counts = { before: { pass: 0, reject: 0, manual: 0 }, after: { pass: 0, reject: 0, manual: 0 } }
  const lineBefore = []
  const lineAfter = []
  const changes = []
  const costBefore = []
  const costAfter = []
  const samples: { reportId: string; before: string; after: string }[] = []
  let missingValues = 0
  const dataSourceCodes = new Set(catalog.map((i) => i.dataSource))
  for (const row of past) {
    let missing = false
    const stored = row.values as Record<string, unknown>
    // every source answers from the stored values, at its real price: what the version would have bought
    const adapters: DataSourceAdapter[] = [...dataSourceCodes].map((code) => {
      const source = sources.find((s) => s.code === code)
      return {
        policy: source
          ? { ...policyOf(source), callCycle: { mode: 'every_time' as const } }
          : {
              code,
              costPerCall: '0.00',
              timeoutMs: 1000,
              callCycle: { mode: 'every_time' as const },
              fallback: { mode: 'manual' as const },
            },
        fetch: async ({ indicators }) => {
          const values: Record<string, unknown> = {}
          for (const code of indicators) {
            if (stored[code] === undefined) missing = true
            values[code] = stored[code] ?? null
          }
          return values
        },
      }
    })
    const input: Record<string, unknown> = {}
    for (const code of compiled.slotCodes) if (stored[code] !== undefined) input[code] = stored[code]
    const evaluation = await evaluate(compiled, input, {
      resolver: createSourceResolver({ catalog, sources: adapters }),
    })
    if (missing) missingValues++
    const before = row.decision as TDecision
    const after = evaluation.decision
    counts.before[before]++
    counts.after[after]++
    if (before === after) transitions.unchanged!++
    else {
      transitions[`${before}_${after}`]!++
      if (samples.length < 20) samples.push({ reportId: row.id, before, after })
    }
    const oldLine = row.amount ? parseAmount(row.amount) : ZERO
    const newLine = evaluation.amount ? parseAmount(evaluation.amount) : ZERO
    lineBefore.push(oldLine)
    lineAfter.push(newLine)
    if (!oldLine.equals(newLine)) changes.push(newLine.minus(oldLine))
    costBefore.push(parseAmount(row.dataCost))
    costAfter.push(parseAmount(evaluation.toReport().dataCost))
  }
  const change = sum(lineAfter).minus(sum(lineBefore))
  return {
    versionId: version.id,
    evaluations: past.length,
    transitions,
    decisions: counts,
    creditLine: {
      before: formatAmount(sum(lineBefore)),
      after: formatAmount(sum(lineAfter)),
      change: formatAmount(change),
      averageChange: past.length ? formatAmount(change.dividedBy(past.length)) : '0.00',
      changed: changes.length,
    },
    dataCost: { before: formatAmount(sum(costBefore)), after: formatAmount(sum(costAfter)) },
    missingValues,
    samples,
  }
}
