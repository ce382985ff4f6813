/** Reads of the indicator catalog, and which rule versions use an indicator. */
import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { collectIndicators } from './domain/compile-condition.ts'
import type { TRule } from './domain/index.ts'
import { riskIndicators, riskRuleSetVersions } from './schema.ts'

export type IndicatorRow = typeof riskIndicators.$inferSelect
export type IndicatorUse = { sceneCode: string; version: number; status: string; ruleCodes: string[] }

export const toIndicatorDto = (row: IndicatorRow, usedBy: IndicatorUse[] = []) => ({
  id: row.id,
  institutionId: row.institutionId,
  code: row.code,
  name: row.name,
  description: row.description,
  type: row.type,
  enumValues: row.enumValues,
  sourceKind: row.sourceKind,
  dataSource: row.dataSource,
  config: row.config,
  dependsOn: row.dependsOn,
  enabled: row.enabled,
  usedBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

/** The rules of every version (any status) that reference the indicator. */
export async function indicatorUses(tx: Queryable, institutionId: string, code: string): Promise<IndicatorUse[]> {
  const versions = await tx
    .select({
      sceneCode: riskRuleSetVersions.sceneCode,
      version: riskRuleSetVersions.version,
      status: riskRuleSetVersions.status,
      rules: riskRuleSetVersions.rules,
    })
    .from(riskRuleSetVersions)
    .where(eq(riskRuleSetVersions.institutionId, institutionId))
  const uses: IndicatorUse[] = []
  for (const v of versions) {
    const ruleCodes = (v.rules as TRule[])
      .filter((rule) => rule.expressions.some((e) => collectIndicators(e.condition).includes(code)))
      .map((rule) => rule.code)
    if (ruleCodes.length > 0) uses.push({ sceneCode: v.sceneCode, version: v.version, status: v.status, ruleCodes })
  }
  return uses
}

export async function findIndicator(tx: Queryable, p: StaffPrincipal, id: string): Promise<IndicatorRow> {
  const [row] = await tx
    .select()
    .from(riskIndicators)
    .where(and(eq(riskIndicators.id, id), scopeCondition(p, { institution: riskIndicators.institutionId })))
  if (!row) throw notFound()
  return row
}

export async function getIndicator(tx: Queryable, p: StaffPrincipal, id: string) {
  const row = await findIndicator(tx, p, id)
  return toIndicatorDto(row, await indicatorUses(tx, row.institutionId, row.code))
}

export type ListIndicatorsOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'code' | 'name' | 'createdAt'
  q?: string
  sourceKind?: string
  enabled?: boolean
}

export async function listIndicators(
  tx: Queryable,
  p: StaffPrincipal,
  o: ListIndicatorsOptions,
): Promise<Page<ReturnType<typeof toIndicatorDto>>> {
  const conds: (SQL | undefined)[] = [scopeCondition(p, { institution: riskIndicators.institutionId })]
  if (o.q) conds.push(or(ilike(riskIndicators.code, `%${o.q}%`), ilike(riskIndicators.name, `%${o.q}%`)))
  if (o.sourceKind) conds.push(eq(riskIndicators.sourceKind, o.sourceKind))
  if (o.enabled !== undefined) conds.push(eq(riskIndicators.enabled, o.enabled))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(riskIndicators).where(where)
  const column = { code: riskIndicators.code, name: riskIndicators.name, createdAt: riskIndicators.createdAt }[
    o.sort ?? 'code'
  ]
  const rows = await tx
    .select()
    .from(riskIndicators)
    .where(where)
    .orderBy(orderBy(column, o.sort ? o.order : 'asc'), riskIndicators.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map((row) => toIndicatorDto(row)), total: Number(total), page: o.page, pageSize: o.pageSize }
}
