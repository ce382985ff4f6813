/**
 * Risk control (风控管理) — the pure decision core: indicator and rule model, save-time validation,
 * compilation of a rule set into closures, evaluation with lazy indicator fetching, and the risk
 * report. No database, no HTTP: the module's services wire a resolver built from data-source adapters
 * (`createSourceResolver`) and persist `evaluation.toReport()`.
 */
export * from './builders.ts'
export * from './compile.ts'
export * from './demo-strategy.ts'
export * from './evaluate.ts'
export { RiskEvaluation } from './evaluation.ts'
export * from './model.ts'
export * from './problems.ts'
export * from './report.ts'
export * from './resolver.ts'
export * from './source-resolver.ts'
export * from './validate.ts'
