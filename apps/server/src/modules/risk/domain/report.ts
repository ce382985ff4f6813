/**
 * The risk report (风控报告): what an evaluation decided and why, in the shape that is stored and shown.
 * The evaluator records the trace compactly (values array + outcome marks) because it runs a million
 * times a second; this file turns that record into the readable document, on demand.
 */
import { z } from 'zod'
import { formatAmount, parseAmount, sum } from '../../../platform/money.ts'
import type { TCompiledRule, TCompiledRuleSet } from './compile.ts'
import { OUTCOME_NAMES } from './compile-rule.ts'
import { isMarked, OUTCOME_MASK } from './marks.ts'
import { type TIndicatorValue, ZAmountString, ZCode, ZDecision, ZIndicatorValue } from './model.ts'

export const ZValueOrigin = z.enum(['input', 'source', 'default', 'unavailable'])
export type TValueOrigin = z.infer<typeof ZValueOrigin>
/** Stored per slot as a small integer; the index is the code. */
export const ORIGINS: readonly TValueOrigin[] = ['input', 'source', 'default', 'unavailable']
export const ORIGIN_SOURCE = 1
export const ORIGIN_DEFAULT = 2
export const ORIGIN_UNAVAILABLE = 3

export const ZSourceCall = z.object({
  source: ZCode,
  indicators: z.array(ZCode),
  latencyMs: z.number().nonnegative(),
  /** what the call cost; a cached answer and a failed call cost nothing */
  cost: ZAmountString,
  cached: z.boolean(),
  failed: z.boolean(),
  error: z.string().optional(),
  /** what the evaluation did instead when the source failed */
  fallback: z.enum(['none', 'manual', 'default']),
})
export type TSourceCall = z.infer<typeof ZSourceCall>

export const ZIndicatorSeen = z.object({ code: ZCode, value: ZIndicatorValue, origin: ZValueOrigin })
export const ZExpressionTrace = z.object({
  matched: z.boolean(),
  /** what the expression contributed: its result when matched; pass (result mode) or null otherwise */
  result: z.union([ZDecision, z.number(), ZAmountString, z.null()]),
  indicators: z.array(ZIndicatorSeen),
})
export const ZRuleTrace = z.object({
  id: z.string(),
  code: ZCode,
  name: z.string(),
  version: z.number().int(),
  mode: z.enum(['result', 'score', 'quota']),
  /** true when an earlier rule rejected and this one did not run */
  skipped: z.boolean(),
  result: ZDecision.nullable(),
  score: z.number().optional(),
  amount: ZAmountString.nullable().optional(),
  expressions: z.array(ZExpressionTrace),
})
export const ZRiskReport = z.object({
  ruleSet: z.object({ id: z.string(), scene: ZCode, name: z.string(), version: z.number().int() }),
  decision: ZDecision,
  score: z.number().nullable(),
  amount: ZAmountString.nullable(),
  /** a data source failed with the "manual review" fallback, so the decision is at least manual */
  fallbackToManual: z.boolean(),
  rules: z.array(ZRuleTrace),
  sourcesCalled: z.array(ZSourceCall),
  dataCost: ZAmountString,
})
export type TIndicatorSeen = z.infer<typeof ZIndicatorSeen>
export type TExpressionTrace = z.infer<typeof ZExpressionTrace>
export type TRuleTrace = z.infer<typeof ZRuleTrace>
export type TRiskReport = z.infer<typeof ZRiskReport>

/** The recorded state of one evaluation, as `RiskEvaluation` holds it. */
export type TEvaluationRecord = {
  readonly compiled: TCompiledRuleSet
  readonly values: readonly (TIndicatorValue | undefined)[]
  readonly origins: Uint8Array | null
  readonly marks: readonly number[]
  readonly scores: readonly number[]
  readonly quotas: readonly ({ text: string } | null)[]
  readonly rulesRun: number
}

export function buildRuleTraces(record: TEvaluationRecord): TRuleTrace[] {
  return record.compiled.rules.map((compiledRule, index) => ruleTrace(record, compiledRule, index))
}

// Literal objects with a fixed field order: V8 then gives every trace of a kind one shape, which made
// building a report several times faster than spreading a shared header.
function ruleTrace(record: TEvaluationRecord, compiledRule: TCompiledRule, index: number): TRuleTrace {
  const { rule } = compiledRule
  const { id, code, name, version, mode } = rule
  if (index >= record.rulesRun) return { id, code, name, version, mode, skipped: true, result: null, expressions: [] }
  const result = OUTCOME_NAMES[(record.marks[index] as number) & OUTCOME_MASK] ?? null
  const expressions = expressionTraces(record, compiledRule, index)
  if (mode === 'score') {
    const score = record.scores[compiledRule.resultIndex] as number
    return { id, code, name, version, mode, skipped: false, result, score, expressions }
  }
  if (mode === 'quota') {
    const amount = record.quotas[compiledRule.resultIndex]?.text ?? null
    return { id, code, name, version, mode, skipped: false, result, amount, expressions }
  }
  return { id, code, name, version, mode, skipped: false, result, expressions }
}

function expressionTraces(record: TEvaluationRecord, compiledRule: TCompiledRule, index: number): TExpressionTrace[] {
  const { rule, expressionSlots, extraBase } = compiledRule
  const traces: TExpressionTrace[] = []
  for (let i = 0; i < expressionSlots.length; i++) {
    const matched = isMarked(record.marks, index, extraBase, i)
    const configured = rule.expressions[i]?.result ?? null
    const slots = expressionSlots[i] as readonly number[]
    const indicators: TIndicatorSeen[] = []
    for (const slot of slots) indicators.push(seen(record, slot))
    traces.push({ matched, result: matched ? configured : rule.mode === 'result' ? 'pass' : null, indicators })
  }
  return traces
}

function seen(record: TEvaluationRecord, slot: number): TIndicatorSeen {
  return {
    code: record.compiled.slotCodes[slot] as string,
    value: record.values[slot] ?? null,
    origin: ORIGINS[record.origins?.[slot] ?? 0] as TValueOrigin,
  }
}

export function totalCost(calls: readonly TSourceCall[]): string {
  if (calls.length === 0) return '0.00'
  return formatAmount(sum(calls.map((call) => parseAmount(call.cost))))
}
