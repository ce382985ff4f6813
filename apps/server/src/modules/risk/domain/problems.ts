/**
 * Field-level problems found in a rule set, an indicator catalog or an evaluation input. Each has a
 * stable code (the console translates `risk.problem.<code>`), the path of the offending field in the
 * submitted document and the parameters the message needs.
 */
import { AppError, type FieldError } from '../../../platform/errors.ts'

export type TProblemCode =
  // rule sets
  | 'indicator_unknown'
  | 'indicator_disabled'
  | 'operator_not_allowed'
  | 'value_type_mismatch'
  | 'enum_value_unknown'
  | 'between_unordered'
  | 'values_empty'
  | 'group_empty'
  | 'group_too_deep'
  | 'expressions_empty'
  | 'quota_negative'
  | 'thresholds_not_ascending'
  | 'rule_id_duplicate'
  | 'rule_code_duplicate'
  // indicator catalog
  | 'indicator_duplicate'
  | 'enum_values_missing'
  | 'depends_on_not_derived'
  | 'dependency_unknown'
  | 'derived_cycle'
  // evaluation input
  | 'input_type_mismatch'
  | 'input_missing'

export type TProblemPath = readonly (string | number)[]

export type TProblem = {
  path: TProblemPath
  code: TProblemCode
  params: Readonly<Record<string, string | number | boolean>>
}

export const problem = (path: TProblemPath, code: TProblemCode, params: TProblem['params'] = {}): TProblem => ({
  path,
  code,
  params,
})

export function toFieldErrors(problems: readonly TProblem[], prefix = 'body'): FieldError[] {
  return problems.map((p) => ({
    field: [prefix, ...p.path].join('.'),
    key: `risk.problem.${p.code}`,
    params: { ...p.params },
  }))
}

/** A rule set that cannot be compiled; the HTTP layer renders it as a 400 naming every field. */
export class RuleSetInvalidError extends AppError {
  readonly problems: readonly TProblem[]
  constructor(problems: readonly TProblem[]) {
    super('validation', { fields: toFieldErrors(problems) })
    this.problems = problems
  }
}

/** Evaluation input that does not fit the indicator catalog (a string where a number belongs …). */
export class RiskInputError extends AppError {
  readonly problems: readonly TProblem[]
  constructor(problems: readonly TProblem[]) {
    super('validation', { fields: toFieldErrors(problems) })
    this.problems = problems
  }
}

/**
 * The synchronous path met a rule that needs indicators the input does not carry. Callers that can
 * fetch data use the async path instead; for the HTTP API this is "missing required inputs".
 */
export class MissingIndicatorsError extends AppError {
  readonly indicators: readonly string[]
  constructor(indicators: readonly string[]) {
    super('validation', {
      fields: indicators.map((code) => ({
        field: `body.inputs.${code}`,
        key: 'risk.problem.input_missing',
        params: { indicator: code },
      })),
    })
    this.indicators = indicators
  }
}
