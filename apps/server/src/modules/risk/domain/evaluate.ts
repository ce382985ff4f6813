/**
 * Evaluation semantics. Rules run in their configured order; the first reject stops the run (later
 * rules are recorded as skipped). Two entry points share one loop:
 * - `evaluateSync`: every value a running rule needs is in the input (benchmarks, tests, back-tests on
 *   stored inputs). No promises, no allocation beyond the evaluation's own arrays.
 * - `evaluate`: awaits the resolver only when a rule that still runs needs a value nobody has yet, so
 *   paid data is not bought for an applicant an earlier free rule already rejected.
 */
import type { TCompiledRuleSet } from './compile.ts'
import type { TSlotValue } from './compile-condition.ts'
import { RiskEvaluation } from './evaluation.ts'
import { OP_CALL, testLeaf } from './leaf-test.ts'
import { MANUAL, OUTCOME_MASK, PASS, REJECT } from './marks.ts'
import { VALUE_BOOLEAN, VALUE_NUMBER, VALUE_STRING } from './operators.ts'
import { MissingIndicatorsError, problem, RiskInputError, type TProblem } from './problems.ts'
import { resolveMissing } from './resolve-missing.ts'
import type { IndicatorResolver, TEvaluationContext } from './resolver.ts'

/** Indicator values by code. Absent (or undefined): not known yet. `null`: known to have no value. */
export type TEvaluationInput = Readonly<Record<string, unknown>>

export type TEvaluateOptions = {
  resolver?: IndicatorResolver | undefined
  context?: TEvaluationContext | undefined
}

export function evaluateSync(compiled: TCompiledRuleSet, input: TEvaluationInput): RiskEvaluation {
  const evaluation = loadInput(compiled, input)
  const waitingAt = runRules(compiled, evaluation, 0)
  if (waitingAt >= 0) throw new MissingIndicatorsError(missingCodes(compiled, evaluation, waitingAt))
  return evaluation.finish()
}

export async function evaluate(
  compiled: TCompiledRuleSet,
  input: TEvaluationInput,
  { resolver, context = {} }: TEvaluateOptions = {},
): Promise<RiskEvaluation> {
  const evaluation = loadInput(compiled, input)
  let waitingAt = runRules(compiled, evaluation, 0)
  while (waitingAt >= 0) {
    if (!resolver) throw new MissingIndicatorsError(missingCodes(compiled, evaluation, waitingAt))
    await resolveMissing({ compiled, evaluation, ruleIndex: waitingAt, resolver, context })
    waitingAt = runRules(compiled, evaluation, waitingAt)
  }
  return evaluation.finish()
}

/**
 * Runs rules from `from` until a reject or the end (returns -1), or until a rule needs a value that is
 * not known yet (returns that rule's index so the caller can resolve and resume).
 */
function runRules(compiled: TCompiledRuleSet, evaluation: RiskEvaluation, from: number): number {
  const rules = compiled.rules
  const values = evaluation.values
  const marks = evaluation.marks
  const checkMissing = !evaluation.complete
  for (let r = from; r < rules.length; r++) {
    const rule = rules[r]!
    if (checkMissing && hasMissing(values, rule.needs)) {
      evaluation.rulesRun = r
      return r
    }
    const code =
      rule.op !== OP_CALL
        ? testLeaf(rule.op, values[rule.slot], rule.a, rule.b)
          ? rule.hitCode
          : PASS
        : rule.single !== null
          ? rule.single(values)
            ? rule.hitCode
            : PASS
          : rule.run(values, evaluation)
    marks[r] = code
    const outcome = code & OUTCOME_MASK
    if (outcome === REJECT) {
      evaluation.rulesRun = r + 1
      evaluation.rejected = true
      return -1
    }
    if (outcome === MANUAL) evaluation.manual = true
  }
  evaluation.rulesRun = rules.length
  return -1
}

function hasMissing(values: readonly TSlotValue[], needs: readonly number[]): boolean {
  for (let i = 0; i < needs.length; i++) if (values[needs[i]!] === undefined) return true
  return false
}

function missingCodes(compiled: TCompiledRuleSet, evaluation: RiskEvaluation, ruleIndex: number): string[] {
  const needs = compiled.rules[ruleIndex]?.needs ?? []
  return needs.filter((slot) => evaluation.values[slot] === undefined).map((slot) => compiled.slotCodes[slot]!)
}

/**
 * Copies the input into slots, checking each value against its indicator's type. Walking the input
 * with for-in and remembering which slot the key at each position went to last time is markedly
 * faster than looking every indicator up by name: inputs of one caller share their key order, so
 * the remembered position almost always matches and no name is hashed.
 */
function loadInput(compiled: TCompiledRuleSet, input: TEvaluationInput): RiskEvaluation {
  const layout = compiled.inputLayout
  const kinds = compiled.valueKinds
  const checks = compiled.valueChecks
  const n = kinds.length
  const values: TSlotValue[] = new Array(n)
  let known = 0
  let position = 0
  let problems: TProblem[] | null = null
  for (const key in input) {
    const slot = layout.keys[position] === key ? (layout.slots[position] as number) : learnKey(compiled, key, position)
    position++
    if (slot < 0) continue
    const value = input[key]
    if (value === undefined) continue
    values[slot] = value as TSlotValue
    known++
    if (value === null) continue
    // The common kinds are tested inline: a call per value would cost more than the rest of loading.
    const kind = kinds[slot]
    const valid =
      kind === VALUE_NUMBER
        ? typeof value === 'number' && value - value === 0
        : kind === VALUE_BOOLEAN
          ? typeof value === 'boolean'
          : kind === VALUE_STRING
            ? typeof value === 'string'
            : checks[slot]!(value)
    if (!valid) {
      problems ??= []
      problems.push(inputProblem(compiled, slot))
    }
  }
  if (problems !== null) throw new RiskInputError(problems)
  return new RiskEvaluation(compiled, values, known === n)
}

function learnKey(compiled: TCompiledRuleSet, key: string, position: number): number {
  const slot = compiled.slotOf.get(key) ?? -1
  compiled.inputLayout.keys[position] = key
  compiled.inputLayout.slots[position] = slot
  return slot
}

function inputProblem(compiled: TCompiledRuleSet, slot: number): TProblem {
  const indicator = compiled.indicators[slot]!
  return problem(['inputs', indicator.code], 'input_type_mismatch', {
    indicator: indicator.code,
    expected: indicator.type,
  })
}
