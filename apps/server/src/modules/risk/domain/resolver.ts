/**
 * How the evaluator obtains indicator values the input did not carry. The evaluator asks only when a
 * rule that is about to run needs them, and never twice for one indicator in one evaluation. What a
 * resolver does (database queries, third-party HTTP, caches) is up to it; `createSourceResolver`
 * is the standard one, built from data-source adapters.
 */
import type { TIndicatorValue } from './model.ts'
import type { TSourceCall } from './report.ts'

/** Who and what is being evaluated; resolvers use it to find the data and to key cached answers. */
export type TEvaluationContext = Readonly<{
  institutionId?: string
  customerId?: string
  applicationId?: string
  scene?: string
}>

export type TResolveRequest = {
  /** indicators the next rule needs and nobody knows yet: answer each (null when there is no value) */
  codes: readonly string[]
  /**
   * indicators later rules will need and nobody knows yet. A source that is called anyway may answer
   * these in the same call (a bureau report carries the score and the inquiries); answering is optional.
   */
  upcoming: readonly string[]
  /** everything known so far, for derived indicators and for request mapping (ID number, phone …) */
  known: Readonly<Record<string, TIndicatorValue>>
  context: TEvaluationContext
}

export type TResolveResponse = {
  /** values by indicator code; values the evaluator did not ask for are kept if it needs them later */
  values: Readonly<Record<string, unknown>>
  /** one entry per data source consulted, for the report */
  calls: readonly TSourceCall[]
}

export type IndicatorResolver = {
  resolve: (request: TResolveRequest) => Promise<TResolveResponse>
}
