/**
 * The early-warning rule catalog of an institution: the built-in rules with the institution's
 * settings over the defaults (`loadWarningRules`), and the command that changes one rule
 * (`updateWarningRule`: validated, audited with before and after).
 */
import { eq, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, type FieldError } from '../../platform/errors.ts'
import {
  ruleConfigOf,
  validateWarningParams,
  WARNING_RULE_CODES,
  WARNING_RULES,
  type WarningParams,
  type WarningRuleCode,
  type WarningRuleConfig,
  type WarningSeverity,
} from './domain/warnings.ts'
import { collectionWarningRules } from './schema.ts'

export async function loadWarningRules(tx: Tx, institutionId: string): Promise<WarningRuleConfig[]> {
  const rows = await tx
    .select()
    .from(collectionWarningRules)
    .where(eq(collectionWarningRules.institutionId, institutionId))
  const stored = new Map(rows.map((r) => [r.ruleCode, r]))
  return WARNING_RULE_CODES.map((code) => {
    const r = stored.get(code)
    return ruleConfigOf(
      code,
      r
        ? {
            enabled: r.enabled,
            severity: r.severity as WarningSeverity,
            ownerPosition: r.ownerPosition,
            toAccountManager: r.toAccountManager,
            params: r.params as WarningParams,
          }
        : null,
    )
  })
}

/** The rules as the console shows them: settings, subject type and defaults. */
export async function getWarningRules(tx: Tx, p: StaffPrincipal) {
  const rules = await loadWarningRules(tx, p.institutionId)
  return {
    items: rules.map((r) => ({
      ...r,
      subjectType: WARNING_RULES[r.code].subjectType,
      defaults: WARNING_RULES[r.code].defaults,
    })),
  }
}

export type WarningRuleInput = {
  enabled?: boolean
  severity?: WarningSeverity
  ownerPosition?: string
  toAccountManager?: boolean
  params?: WarningParams
}

export async function updateWarningRule({
  tx,
  principal,
  actor,
  code,
  input,
}: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  code: WarningRuleCode
  input: WarningRuleInput
}) {
  const institutionId = principal.institutionId
  const problems: FieldError[] = validateWarningParams(code, input.params ?? {})
  if (input.ownerPosition !== undefined) {
    const [known] = await queryRows(
      tx,
      sql`select 1 from positions where institution_id = ${institutionId}::uuid and code = ${input.ownerPosition}`,
    )
    if (!known)
      problems.push({
        field: 'body.ownerPosition',
        key: 'collections.position_unknown',
        params: { position: input.ownerPosition },
      })
  }
  if (problems.length > 0) throw new AppError('validation', { fields: problems })
  const before = (await loadWarningRules(tx, institutionId)).find((r) => r.code === code)!
  const after: WarningRuleConfig = {
    ...before,
    ...Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'params' && v !== undefined)),
    params: { ...before.params, ...input.params },
  }
  const values = {
    enabled: after.enabled,
    severity: after.severity,
    ownerPosition: after.ownerPosition,
    toAccountManager: after.toAccountManager,
    params: after.params,
    updatedBy: principal.userId,
    updatedAt: new Date(),
  }
  await tx
    .insert(collectionWarningRules)
    .values({ institutionId, ruleCode: code, ...values })
    .onConflictDoUpdate({
      target: [collectionWarningRules.institutionId, collectionWarningRules.ruleCode],
      set: values,
    })
  await recordAudit(tx, actor, {
    operation: 'collection.warning_rule.update',
    objectType: 'collection_warning_rule',
    objectId: code,
    before,
    after,
  })
  return { ...after, subjectType: WARNING_RULES[code].subjectType, defaults: WARNING_RULES[code].defaults }
}
