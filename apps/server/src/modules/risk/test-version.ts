/** The rule builder's test panel: runs any version (draft included) for pasted inputs; nothing is stored. */
import { sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { compileRuleSet } from './domain/index.ts'
import { evaluationSubject, type RiskDevice } from './evaluation-subject.ts'
import { assertRequiredInputs, runRuleSet } from './run-rule-set.ts'
import { loadCatalog, ruleSetOf, runtimeOf } from './runtime.ts'
import { findVersion } from './version-queries.ts'

export type TestVersionOptions = {
  tx: Tx
  principal: StaffPrincipal
  pii: PiiCipher
  id: string
  input: { customerId?: string; inputs: Record<string, unknown>; device?: RiskDevice }
}

export async function testVersion({ tx, principal, pii, id, input }: TestVersionOptions) {
  const version = await findVersion(tx, principal, id)
  const compiled = compileRuleSet(ruleSetOf(version), await loadCatalog(tx, version.institutionId))
  assertRequiredInputs(compiled, input.inputs)
  const [stamp] = await queryRows<{ stamp: string }>(
    tx,
    sql`select coalesce((select stamp from risk_config_stamps where institution_id = ${version.institutionId}::uuid), 0) as stamp`,
  )
  const runtime = await runtimeOf(tx, version.institutionId, Number(stamp?.stamp ?? 0))
  const subject = evaluationSubject(
    tx,
    pii,
    version.institutionId,
    { customerId: input.customerId ?? null },
    input.inputs,
    input.device ?? {},
  )
  const evaluation = await runRuleSet({ tx, pii, runtime, compiled, subject, acceptAnyIndicator: true })
  return {
    decision: evaluation.decision,
    score: evaluation.score,
    amount: evaluation.amount,
    report: evaluation.toReport(),
  }
}
