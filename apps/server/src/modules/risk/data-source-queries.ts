/** Reads of the third-party data sources (调用接口管理). */
import { and, asc, eq } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { riskDataSources } from './schema.ts'

export type DataSourceRow = typeof riskDataSources.$inferSelect

export const toDataSourceDto = (row: DataSourceRow) => ({
  id: row.id,
  institutionId: row.institutionId,
  code: row.code,
  name: row.name,
  enabled: row.enabled,
  url: row.url,
  method: row.method,
  requestMapping: row.requestMapping,
  responseFields: row.responseFields,
  timeoutMs: row.timeoutMs,
  costPerCall: row.costPerCall,
  callCycle: row.callCycle,
  fallback: row.fallback,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

export async function findDataSource(tx: Queryable, p: StaffPrincipal, id: string): Promise<DataSourceRow> {
  const [row] = await tx
    .select()
    .from(riskDataSources)
    .where(and(eq(riskDataSources.id, id), scopeCondition(p, { institution: riskDataSources.institutionId })))
  if (!row) throw notFound()
  return row
}

export async function listDataSources(tx: Queryable, p: StaffPrincipal) {
  const rows = await tx
    .select()
    .from(riskDataSources)
    .where(scopeCondition(p, { institution: riskDataSources.institutionId }))
    .orderBy(asc(riskDataSources.code))
  return rows.map(toDataSourceDto)
}
