/** The difference between two versions of a scene's rule set: rules added, removed, changed, moved. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import type { TRule } from './domain/index.ts'
import { findScene } from './scene-queries.ts'
import { findVersion } from './version-queries.ts'

const HEADER_FIELDS = ['code', 'name', 'enabled', 'mode', 'relation', 'thresholds'] as const
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function diffExpressions(before: TRule['expressions'], after: TRule['expressions']) {
  const changed: { index: number; before: unknown; after: unknown }[] = []
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    if (!same(before[i], after[i])) changed.push({ index: i, before: before[i], after: after[i] })
  }
  return { added: after.slice(before.length), removed: before.slice(after.length), changed }
}

export function diffRules(before: readonly TRule[], after: readonly TRule[]) {
  const old = new Map(before.map((rule, index) => [rule.id, { rule, index }]))
  const now = new Map(after.map((rule, index) => [rule.id, { rule, index }]))
  const changed = []
  const moved = []
  for (const [id, { rule, index }] of now) {
    const prior = old.get(id)
    if (!prior) continue
    const fields = HEADER_FIELDS.filter(
      (f) => !same((prior.rule as Record<string, unknown>)[f], (rule as Record<string, unknown>)[f]),
    )
    const expressions = diffExpressions(prior.rule.expressions, rule.expressions)
    if (fields.length > 0 || expressions.added.length + expressions.removed.length + expressions.changed.length > 0) {
      changed.push({ id, code: rule.code, name: rule.name, fields, expressions })
    }
    if (prior.index !== index) moved.push({ id, code: rule.code, from: prior.index, to: index })
  }
  return {
    added: after.filter((rule) => !old.has(rule.id)),
    removed: before.filter((rule) => !now.has(rule.id)),
    changed,
    moved,
  }
}

export async function diffVersions(tx: Queryable, p: StaffPrincipal, id: string, againstId?: string) {
  const to = await findVersion(tx, p, id)
  const fromId = againstId ?? (await findScene(tx, p, to.sceneCode)).championVersionId
  const from = fromId ? await findVersion(tx, p, fromId).catch(() => null) : null
  if (againstId && (!from || from.sceneCode !== to.sceneCode))
    throw fieldError('query.against', 'risk.field.version_unknown')
  return {
    from: from ? { id: from.id, version: from.version } : null,
    to: { id: to.id, version: to.version },
    ...diffRules((from?.rules as TRule[] | undefined) ?? [], to.rules as TRule[]),
  }
}
