/**
 * One run of a compiled rule set for a subject: checks the required inputs, resolves the rest lazily
 * through the evaluation's data sources and returns the domain evaluation (decision, trace, calls).
 */
import type { Tx } from '../../platform/db/open.ts'
import { AppError } from '../../platform/errors.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { createSourceResolver, evaluate, type RiskEvaluation, type TCompiledRuleSet } from './domain/index.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'
import type { RiskRuntime } from './runtime.ts'
import { databaseAnswerCache, sourceAdapters } from './source-adapters.ts'

export type RunRuleSetOptions = {
  tx: Tx
  pii: PiiCipher
  runtime: RiskRuntime
  compiled: TCompiledRuleSet
  subject: EvaluationSubject
  /** values already known (e.g. from the champion run), used before anything is fetched */
  known?: Readonly<Record<string, unknown>>
  /** test panel: the caller may supply any indicator, not only input ones */
  acceptAnyIndicator?: boolean
}

/** Every `input` indicator the rule set uses must be in the inputs (null is allowed: "no value"). */
export function assertRequiredInputs(compiled: TCompiledRuleSet, inputs: Readonly<Record<string, unknown>>): void {
  const missing = compiled.indicators.filter((i) => i.sourceKind === 'input' && inputs[i.code] === undefined)
  if (missing.length === 0) return
  throw new AppError('validation', {
    fields: missing.map((i) => ({
      field: `body.inputs.${i.code}`,
      key: 'risk.problem.input_missing',
      params: { indicator: i.code },
    })),
  })
}

export async function runRuleSet(o: RunRuleSetOptions): Promise<RiskEvaluation> {
  const { compiled, subject } = o
  const input: Record<string, unknown> = {}
  for (const indicator of compiled.indicators) {
    const code = indicator.code
    const value =
      o.known?.[code] ?? (o.acceptAnyIndicator || indicator.sourceKind === 'input' ? subject.inputs[code] : undefined)
    if (value !== undefined) input[code] = value
  }
  subject.plannedCodes = compiled.slotCodes
  const resolver = createSourceResolver({
    catalog: mergedCatalog(o.runtime, compiled),
    sources: sourceAdapters(o),
    cache: databaseAnswerCache(o.tx, subject.institutionId, subject),
  })
  return evaluate(compiled, input, {
    resolver,
    // answers are cached per subject; an anonymous evaluation has no subject to cache for
    context: {
      institutionId: subject.institutionId,
      ...(subject.key === 'anonymous' ? {} : { customerId: subject.key }),
      scene: compiled.ruleSet.scene,
    },
  })
}

/** The live catalog, with the version's frozen definitions for what it uses (types it compiled with). */
function mergedCatalog(runtime: RiskRuntime, compiled: TCompiledRuleSet) {
  const used = new Set(compiled.slotCodes)
  return [...runtime.catalog.filter((i) => !used.has(i.code)), ...compiled.indicators]
}

/** Indicator values an evaluation knew, by code (what back-tests replay). */
export function knownValues(evaluation: RiskEvaluation): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  evaluation.values.forEach((value, slot) => {
    if (value !== undefined) values[evaluation.compiled.slotCodes[slot] as string] = value
  })
  return values
}
