/** Reads of scenes (场景) with the versions bound to them. */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { riskRuleSetVersions, riskScenes } from './schema.ts'

export type SceneRow = typeof riskScenes.$inferSelect

export async function findScene(tx: Queryable, p: StaffPrincipal, code: string, lock = false): Promise<SceneRow> {
  const query = tx
    .select()
    .from(riskScenes)
    .where(and(eq(riskScenes.code, code), eq(riskScenes.institutionId, p.institutionId)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

async function toDtos(tx: Queryable, rows: SceneRow[]) {
  const ids = rows.flatMap((r) => [r.championVersionId, r.challengerVersionId]).filter((id): id is string => !!id)
  const versions = ids.length
    ? await tx
        .select({ id: riskRuleSetVersions.id, version: riskRuleSetVersions.version, name: riskRuleSetVersions.name })
        .from(riskRuleSetVersions)
        .where(inArray(riskRuleSetVersions.id, ids))
    : []
  const pending = rows.length
    ? await tx
        .select({
          id: riskRuleSetVersions.id,
          institutionId: riskRuleSetVersions.institutionId,
          sceneCode: riskRuleSetVersions.sceneCode,
        })
        .from(riskRuleSetVersions)
        .where(
          and(
            eq(riskRuleSetVersions.status, 'pending_approval'),
            inArray(riskRuleSetVersions.institutionId, [...new Set(rows.map((r) => r.institutionId))]),
          ),
        )
    : []
  const ref = (id: string | null) => {
    const v = versions.find((x) => x.id === id)
    return v ? { versionId: v.id, version: v.version, name: v.name } : null
  }
  return rows.map((row) => ({
    id: row.id,
    institutionId: row.institutionId,
    code: row.code,
    name: row.name,
    description: row.description,
    builtIn: row.builtIn,
    champion: ref(row.championVersionId),
    challenger: ref(row.challengerVersionId),
    challengerShare: row.challengerShare,
    useChallengerDecision: row.useChallengerDecision,
    pendingVersionId:
      pending.find((v) => v.institutionId === row.institutionId && v.sceneCode === row.code)?.id ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }))
}

export async function listScenes(tx: Queryable, p: StaffPrincipal) {
  const rows = await tx
    .select()
    .from(riskScenes)
    .where(scopeCondition(p, { institution: riskScenes.institutionId }))
    .orderBy(asc(riskScenes.institutionId), asc(riskScenes.createdAt), asc(riskScenes.code))
  return toDtos(tx, rows)
}

export async function getScene(tx: Queryable, p: StaffPrincipal, code: string) {
  const [dto] = await toDtos(tx, [await findScene(tx, p, code)])
  return dto!
}
