/**
 * The configuration model of the risk engine: indicators, conditions, rules, rule sets and data-source
 * policies. These schemas describe *shape*; everything that needs the indicator catalog or reads as a
 * business mistake (unknown indicator, number compared to a string, empty group, quota below zero …) is
 * reported by `validateRuleSet` with a stable problem code, so that the console can show one kind of
 * field-level message for all of it.
 */
import { z } from 'zod'
import { isAmountString } from '../../../platform/money.ts'

/** Codes are stable identifiers used in rules, reports and the database: lowercase snake case. */
// `constructor` is excluded: plain objects that lack it (source answers, inputs) would yield Object.
export const ZCode = z.string().regex(/^(?!constructor$)[a-z][a-z0-9_]{0,63}$/, 'lowercase letters, digits and _')

/** A money amount as text, exact to the cent ("15000.00"); the sign is checked by validation. */
export const ZAmountString = z.string().refine(isAmountString, 'an amount with at most two decimals')

// `string_list` exists because list hits and tags arrive as arrays; `contains` and `is_empty` need it.
export const ZIndicatorType = z.enum(['number', 'string', 'boolean', 'date', 'enum', 'string_list'])
export type TIndicatorType = z.infer<typeof ZIndicatorType>

// `input`: supplied by the caller of the evaluation (the application form: age, income, debt ratio).
export const ZIndicatorSourceKind = z.enum(['input', 'own', 'derived', 'list', 'third_party'])
export type TIndicatorSourceKind = z.infer<typeof ZIndicatorSourceKind>

export const ZIndicatorDefinition = z.strictObject({
  code: ZCode,
  name: z.string().min(1).max(200),
  type: ZIndicatorType,
  enumValues: z.array(z.string().min(1)).optional(),
  sourceKind: ZIndicatorSourceKind,
  /** The data source that supplies the value; indicators that share one are fetched in one call. */
  dataSource: ZCode,
  /** Derived indicators only: the indicators the value is computed from (resolved first). */
  dependsOn: z.array(ZCode).optional(),
  enabled: z.boolean(),
})
export type TIndicatorDefinition = z.infer<typeof ZIndicatorDefinition>

/** A value an indicator can hold. `null` means "known to have no value" (no bureau file, no income). */
export const ZIndicatorValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()])
export type TIndicatorValue = z.infer<typeof ZIndicatorValue>

/** A literal a condition compares with. Dates are ISO `YYYY-MM-DD` strings. */
export const ZScalar = z.union([z.number(), z.string(), z.boolean()])
export type TScalar = z.infer<typeof ZScalar>

export const ZOperator = z.enum([
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'not_in',
  'contains',
  'is_empty',
])
export type TOperator = z.infer<typeof ZOperator>

export const ZConditionLeaf = z.discriminatedUnion('operator', [
  z.strictObject({
    indicator: ZCode,
    operator: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains']),
    value: ZScalar,
  }),
  /** Inclusive at both ends: `between 18 and 22` matches 18 and 22. */
  z.strictObject({ indicator: ZCode, operator: z.literal('between'), values: z.tuple([ZScalar, ZScalar]) }),
  z.strictObject({ indicator: ZCode, operator: z.enum(['in', 'not_in']), values: z.array(ZScalar) }),
  z.strictObject({ indicator: ZCode, operator: z.literal('is_empty') }),
])
export type TConditionLeaf = z.infer<typeof ZConditionLeaf>

export const ZConditionGroup = z.strictObject({
  op: z.enum(['and', 'or']),
  // A getter lets the schema refer to itself; the annotation breaks the type-inference cycle.
  get items(): z.ZodArray<typeof ZCondition> {
    return z.array(ZCondition)
  },
})
export type TConditionGroup = z.infer<typeof ZConditionGroup>

export const ZCondition = z.union([ZConditionLeaf, ZConditionGroup])
export type TCondition = z.infer<typeof ZCondition>

export const isConditionGroup = (condition: TCondition): condition is TConditionGroup => 'op' in condition

/** What a result-mode expression, a score threshold or a whole evaluation can conclude. */
export const ZDecision = z.enum(['pass', 'reject', 'manual'])
export type TDecision = z.infer<typeof ZDecision>

const ruleHeader = {
  id: z.string().min(1).max(64),
  code: ZCode,
  name: z.string().min(1).max(200),
  version: z.number().int().positive(),
  enabled: z.boolean(),
}

export const ZResultExpression = z.strictObject({ condition: ZCondition, result: ZDecision })
export const ZScoreExpression = z.strictObject({ condition: ZCondition, result: z.number() })
export const ZQuotaExpression = z.strictObject({ condition: ZCondition, result: ZAmountString })
export type TResultExpression = z.infer<typeof ZResultExpression>
export type TScoreExpression = z.infer<typeof ZScoreExpression>
export type TQuotaExpression = z.infer<typeof ZQuotaExpression>

/** `score < below → result`; thresholds are listed with `below` ascending and the first that holds wins. */
export const ZScoreThreshold = z.strictObject({ below: z.number(), result: z.enum(['reject', 'manual']) })
export type TScoreThreshold = z.infer<typeof ZScoreThreshold>

/**
 * Result mode (结果模式). An expression whose condition matches yields its result; one that does not
 * match raises no objection (pass). `all_pass`: the rule passes only if every expression passes, else
 * the most severe result; `any_pass`: the rule passes if any expression passes, else the mildest result.
 */
export const ZResultRule = z.strictObject({
  ...ruleHeader,
  mode: z.literal('result'),
  relation: z.enum(['all_pass', 'any_pass']),
  expressions: z.array(ZResultExpression),
})

/** Score mode (计分模式): max, min or sum of the scores of the matching expressions; 0 when none match. */
export const ZScoreRule = z.strictObject({
  ...ruleHeader,
  mode: z.literal('score'),
  relation: z.enum(['max', 'min', 'sum']),
  expressions: z.array(ZScoreExpression),
  thresholds: z.array(ZScoreThreshold).optional(),
})

/** Quota mode (额度模式): max, min or sum of the amounts of the matching expressions; no opinion when none match. */
export const ZQuotaRule = z.strictObject({
  ...ruleHeader,
  mode: z.literal('quota'),
  relation: z.enum(['max', 'min', 'sum']),
  expressions: z.array(ZQuotaExpression),
})

export const ZRule = z.discriminatedUnion('mode', [ZResultRule, ZScoreRule, ZQuotaRule])
export type TResultRule = z.infer<typeof ZResultRule>
export type TScoreRule = z.infer<typeof ZScoreRule>
export type TQuotaRule = z.infer<typeof ZQuotaRule>
export type TRule = z.infer<typeof ZRule>
export type TRuleMode = TRule['mode']

/**
 * A scene's strategy: rules in the order they run. The combination is fixed on purpose, because every
 * lender we know reads a strategy this way:
 * - decision: the first reject stops the run and the decision is reject; else any manual → manual; else pass;
 * - score: the sum of the score rules that ran (null when none ran);
 * - amount (credit line): the smallest amount among the quota rules that gave one (null when none did,
 *   and null when the decision is reject — a rejected applicant has no line).
 */
export const ZRuleSet = z.strictObject({
  id: z.string().min(1).max(64),
  scene: ZCode,
  name: z.string().min(1).max(200),
  version: z.number().int().positive(),
  rules: z.array(ZRule),
})
export type TRuleSet = z.infer<typeof ZRuleSet>

/** What happens to an evaluation when a data source fails (timeout, 5xx, garbage). */
export const ZSourceFallback = z.discriminatedUnion('mode', [
  /** The indicators become unavailable (null) and the decision is at least manual review. */
  z.strictObject({ mode: z.literal('manual') }),
  /** The indicators take these values (missing ones: null) and the evaluation goes on. */
  z.strictObject({ mode: z.literal('default'), values: z.record(ZCode, ZIndicatorValue) }),
])
export type TSourceFallback = z.infer<typeof ZSourceFallback>

/** Call cycle (调用周期): buy every time, or reuse the last answer for the same subject for N days. */
export const ZCallCycle = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('every_time') }),
  z.strictObject({ mode: z.literal('reuse'), days: z.number().int().positive().max(3650) }),
])
export type TCallCycle = z.infer<typeof ZCallCycle>

export const ZDataSourcePolicy = z.strictObject({
  code: ZCode,
  costPerCall: ZAmountString,
  timeoutMs: z.number().int().positive().max(60_000),
  callCycle: ZCallCycle,
  fallback: ZSourceFallback,
})
export type TDataSourcePolicy = z.infer<typeof ZDataSourcePolicy>
