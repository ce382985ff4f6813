/**
 * One evaluation of a compiled rule set: the running state the rule runners write to, and afterwards
 * the result. The trace is recorded in flat arrays while the rules run (cheap enough for a million
 * decisions a second); `trace`/`toReport()` turn it into the readable report when someone reads it.
 */
import type { TAmountValue } from './amounts.ts'
import type { TCompiledRuleSet } from './compile.ts'
import type { TSlotValue } from './compile-condition.ts'
import type { TRunState } from './compile-rule.ts'
import type { TDecision } from './model.ts'
import { buildRuleTraces, type TRiskReport, type TRuleTrace, type TSourceCall, totalCost } from './report.ts'

const NO_NUMBERS: number[] = []
const NO_AMOUNTS: (TAmountValue | null)[] = []
const NO_CALLS: readonly TSourceCall[] = Object.freeze([])

export class RiskEvaluation implements TRunState {
  readonly compiled: TCompiledRuleSet
  /** indicator values by slot, as the rules saw them */
  readonly values: TSlotValue[]
  /** where each value came from, when anything did not come from the input (see report ORIGINS) */
  origins: Uint8Array | null = null
  readonly marks: number[]
  readonly scores: number[]
  readonly quotas: (TAmountValue | null)[]
  scoreTotal = 0
  scoreRulesRun = 0
  amountLowest: TAmountValue | null = null
  /** rules [0, rulesRun) ran; the rest were skipped after a reject */
  rulesRun = 0
  rejected = false
  manual = false
  /** a failed data source asked for manual review */
  fallbackToManual = false
  calls: TSourceCall[] | null = null
  decision: TDecision = 'pass'
  /** true when the input carried every indicator, so rules need no missing-value checks */
  readonly complete: boolean
  private traceCache: TRuleTrace[] | null = null

  constructor(compiled: TCompiledRuleSet, values: TSlotValue[], complete: boolean) {
    this.compiled = compiled
    this.values = values
    this.complete = complete
    this.marks = new Array(compiled.markCount)
    this.scores = compiled.scoreRuleCount === 0 ? NO_NUMBERS : new Array(compiled.scoreRuleCount)
    this.quotas = compiled.quotaRuleCount === 0 ? NO_AMOUNTS : new Array(compiled.quotaRuleCount)
  }

  /** Sum of the score rules that ran; null when none ran. */
  get score(): number | null {
    return this.scoreRulesRun === 0 ? null : this.scoreTotal
  }

  /** The credit line: the smallest quota-rule amount, or null (none given, or rejected). */
  get amount(): string | null {
    return this.rejected || this.amountLowest === null ? null : this.amountLowest.text
  }

  get sourcesCalled(): readonly TSourceCall[] {
    return this.calls ?? NO_CALLS
  }

  /** Per rule: its result or that it was skipped, and per expression: matched, result, values seen. */
  get trace(): readonly TRuleTrace[] {
    this.traceCache ??= buildRuleTraces(this)
    return this.traceCache
  }

  finish(): this {
    this.decision = this.rejected ? 'reject' : this.manual || this.fallbackToManual ? 'manual' : 'pass'
    return this
  }

  toReport(): TRiskReport {
    return {
      ruleSet: { ...this.compiled.ruleSet },
      decision: this.decision,
      score: this.score,
      amount: this.amount,
      fallbackToManual: this.fallbackToManual,
      rules: [...this.trace],
      sourcesCalled: [...this.sourcesCalled],
      dataCost: totalCost(this.sourcesCalled),
    }
  }

  toJSON(): TRiskReport {
    return this.toReport()
  }
}
