/** Reads of rule-set versions (规则集版本). */
import { and, desc, eq } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import type { TRule } from './domain/index.ts'
import { findScene } from './scene-queries.ts'
import { riskRuleSetVersions } from './schema.ts'

export type VersionRow = typeof riskRuleSetVersions.$inferSelect

export const toVersionDto = (row: VersionRow, withRules = true) => ({
  id: row.id,
  institutionId: row.institutionId,
  sceneCode: row.sceneCode,
  version: row.version,
  name: row.name,
  status: row.status,
  target: row.target,
  ruleCount: (row.rules as TRule[]).length,
  ...(withRules ? { rules: row.rules as TRule[] } : {}),
  basedOnVersionId: row.basedOnVersionId,
  approvalId: row.approvalId,
  createdBy: row.createdBy,
  createdByName: row.createdByName,
  submittedBy: row.submittedBy,
  approvedBy: row.approvedBy,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

export async function findVersion(tx: Queryable, p: StaffPrincipal, id: string, lock = false): Promise<VersionRow> {
  const query = tx
    .select()
    .from(riskRuleSetVersions)
    .where(and(eq(riskRuleSetVersions.id, id), scopeCondition(p, { institution: riskRuleSetVersions.institutionId })))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

export async function listVersions(tx: Queryable, p: StaffPrincipal, sceneCode: string) {
  const scene = await findScene(tx, p, sceneCode)
  const rows = await tx
    .select()
    .from(riskRuleSetVersions)
    .where(
      and(eq(riskRuleSetVersions.institutionId, scene.institutionId), eq(riskRuleSetVersions.sceneCode, sceneCode)),
    )
    .orderBy(desc(riskRuleSetVersions.version))
  return rows.map((row) => toVersionDto(row, false))
}
