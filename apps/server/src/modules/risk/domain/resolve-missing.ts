/**
 * The async half of evaluation: fetch what the next rule needs. Dependencies of derived indicators are
 * fetched first, one request per dependency depth; every requested indicator ends up known (null when
 * nobody could say), which is what guarantees "at most once per indicator per evaluation".
 */
import type { TCompiledRuleSet } from './compile.ts'
import type { RiskEvaluation } from './evaluation.ts'
import type { TIndicatorValue } from './model.ts'
import { ORIGIN_DEFAULT, ORIGIN_SOURCE, ORIGIN_UNAVAILABLE, type TSourceCall } from './report.ts'
import type { IndicatorResolver, TEvaluationContext, TResolveResponse } from './resolver.ts'

type ResolveMissingOptions = {
  compiled: TCompiledRuleSet
  evaluation: RiskEvaluation
  ruleIndex: number
  resolver: IndicatorResolver
  context: TEvaluationContext
}

export async function resolveMissing(options: ResolveMissingOptions): Promise<void> {
  const { compiled, evaluation, ruleIndex } = options
  const values = evaluation.values
  const needed = new Set<number>()
  for (const slot of compiled.rules[ruleIndex]?.needs ?? []) {
    if (values[slot] !== undefined) continue
    for (const dependency of compiled.dependencies[slot] ?? [])
      if (values[dependency] === undefined) needed.add(dependency)
    needed.add(slot)
  }
  const depths = [...new Set([...needed].map((slot) => compiled.depth[slot] ?? 0))].sort((a, b) => a - b)
  for (const depth of depths) {
    // Re-read: a source answering an earlier depth may have supplied some of these already.
    const slots = [...needed].filter((slot) => compiled.depth[slot] === depth && values[slot] === undefined)
    if (slots.length > 0) await askOnce(options, slots)
  }
}

async function askOnce({ compiled, evaluation, ruleIndex, resolver, context }: ResolveMissingOptions, slots: number[]) {
  const codes = slots.map((slot) => compiled.slotCodes[slot] as string)
  const upcoming = upcomingCodes(compiled, evaluation, ruleIndex, new Set(slots))
  const known: Record<string, TIndicatorValue> = {}
  evaluation.values.forEach((value, slot) => {
    if (value !== undefined) known[compiled.slotCodes[slot] as string] = value
  })
  let response: TResolveResponse
  try {
    response = await resolver.resolve({ codes, upcoming, known, context })
  } catch (error) {
    // A resolver should report failures as calls; one that throws still must not fail the evaluation.
    response = { values: {}, calls: [failedCall(codes, error)] }
  }
  apply(compiled, evaluation, response)
  const origins = evaluation.origins as Uint8Array
  for (const slot of slots) {
    if (evaluation.values[slot] !== undefined) continue
    evaluation.values[slot] = null
    origins[slot] = ORIGIN_UNAVAILABLE
  }
}

function apply(compiled: TCompiledRuleSet, evaluation: RiskEvaluation, response: TResolveResponse): void {
  evaluation.origins ??= new Uint8Array(compiled.slotCodes.length)
  const origins = evaluation.origins
  const fallbackOf = new Map<string, TSourceCall['fallback']>()
  for (const call of response.calls) {
    evaluation.calls ??= []
    evaluation.calls.push(call)
    if (call.failed && call.fallback === 'manual') evaluation.fallbackToManual = true
    for (const code of call.indicators) fallbackOf.set(code, call.fallback)
  }
  for (const [code, value] of Object.entries(response.values)) {
    const slot = compiled.slotOf.get(code)
    // Never overwrite: what the caller supplied (or an earlier answer said) is what rules already saw.
    if (slot === undefined || evaluation.values[slot] !== undefined) continue
    const valid = compiled.valueChecks[slot]?.(value) === true
    evaluation.values[slot] = valid ? (value as TIndicatorValue) : null
    const fallback = fallbackOf.get(code)
    origins[slot] =
      !valid || fallback === 'manual' ? ORIGIN_UNAVAILABLE : fallback === 'default' ? ORIGIN_DEFAULT : ORIGIN_SOURCE
  }
}

function upcomingCodes(compiled: TCompiledRuleSet, evaluation: RiskEvaluation, ruleIndex: number, asked: Set<number>) {
  const upcoming = new Set<number>()
  for (const rule of compiled.rules.slice(ruleIndex + 1)) {
    for (const slot of rule.needs) if (evaluation.values[slot] === undefined && !asked.has(slot)) upcoming.add(slot)
  }
  return [...upcoming].map((slot) => compiled.slotCodes[slot] as string)
}

function failedCall(codes: readonly string[], error: unknown): TSourceCall {
  return {
    source: 'resolver',
    indicators: [...codes],
    latencyMs: 0,
    cost: '0.00',
    cached: false,
    failed: true,
    error: error instanceof Error ? error.message : String(error),
    fallback: 'manual',
  }
}
