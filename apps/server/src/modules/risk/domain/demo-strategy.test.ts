import { describe, expect, it } from 'vitest'
import { compileRuleSet } from './compile.ts'
import { demoDataSources, demoIndicators, demoPreReviewRuleSet } from './demo-strategy.ts'
import { evaluate, evaluateSync } from './evaluate.ts'
import { ZDataSourcePolicy, ZIndicatorDefinition, ZRuleSet } from './model.ts'
import { createSourceResolver, type DataSourceAdapter } from './source-resolver.ts'
import { validateIndicatorCatalog, validateRuleSet } from './validate.ts'

/** A creditworthy, established applicant; tests change one thing at a time. */
const goodApplicant = {
  age: 35,
  monthly_income: 16000,
  debt_ratio: 0.2,
  employment_type: 'salaried',
  days_since_registration: 400,
  ip_province: 'GD',
  stated_province: 'GD',
  ip_region_mismatch: false,
  blacklist_hit: false,
  greylist_hit: false,
  device_account_count: 1,
  account_device_count: 1,
  ip_app_count_1h: 1,
  overdue_count_12m: 0,
  bureau_score: 780,
  bureau_inquiries_3m: 1,
  multi_lender_count: 0,
  phone_tenure_months: 60,
  phone_name_match: true,
}

const compiled = compileRuleSet(demoPreReviewRuleSet, demoIndicators)

describe('the demo pre-review strategy', () => {
  it('is a valid, about-twenty-rule strategy over a valid catalog', () => {
    expect(ZRuleSet.parse(demoPreReviewRuleSet)).toEqual(demoPreReviewRuleSet)
    for (const indicator of demoIndicators) ZIndicatorDefinition.parse(indicator)
    for (const source of demoDataSources) ZDataSourcePolicy.parse(source)
    expect(validateIndicatorCatalog(demoIndicators)).toEqual([])
    expect(validateRuleSet(demoPreReviewRuleSet, demoIndicators)).toEqual([])
    expect(demoPreReviewRuleSet.rules.length).toBeGreaterThanOrEqual(18)
    const sources = new Set(demoIndicators.map((i) => i.dataSource))
    for (const source of sources) expect(demoDataSources.map((s) => s.code)).toContain(source)
  })

  it('passes a good applicant with a score and the capped credit line', () => {
    const evaluation = evaluateSync(compiled, goodApplicant)
    expect(evaluation.decision).toBe('pass')
    expect(evaluation.score).toBe(680)
    expect(evaluation.amount).toBe('50000.00')
  })

  it('sends a 20-year-old to manual review and the report names the rule', () => {
    const evaluation = evaluateSync(compiled, { ...goodApplicant, age: 20 })
    expect(evaluation.decision).toBe('manual')
    const manualRules = evaluation.trace.filter((rule) => rule.result === 'manual').map((rule) => rule.code)
    expect(manualRules).toEqual(['age_young'])
  })

  it('rejects a 17-year-old at the first rule and runs nothing else', () => {
    const evaluation = evaluateSync(compiled, { ...goodApplicant, age: 17 })
    expect(evaluation.decision).toBe('reject')
    expect(evaluation.rulesRun).toBe(1)
    expect(evaluation.trace.filter((rule) => rule.skipped)).toHaveLength(demoPreReviewRuleSet.rules.length - 1)
  })

  it('caps the line for a lower income', () => {
    const evaluation = evaluateSync(compiled, { ...goodApplicant, monthly_income: 9000, bureau_score: 720 })
    expect(evaluation.amount).toBe('20000.00')
  })

  it('does not buy bureau or telecom data for a blacklisted applicant', async () => {
    const calls: string[] = []
    const sources: DataSourceAdapter[] = demoDataSources.map((policy) => ({
      policy,
      fetch: async ({ indicators }) => {
        calls.push(policy.code)
        return Object.fromEntries(indicators.map((code) => [code, (goodApplicant as Record<string, unknown>)[code]]))
      },
    }))
    const resolver = createSourceResolver({ catalog: demoIndicators, sources })
    const ownData = { age: 40, blacklist_hit: true }
    const rejected = await evaluate(compiled, ownData, { resolver, context: { customerId: 'c1' } })
    expect(rejected.decision).toBe('reject')
    expect(calls).not.toContain('bureau')
    expect(calls).not.toContain('telecom')

    calls.length = 0
    const passed = await evaluate(compiled, { age: 40 }, { resolver, context: { customerId: 'c2' } })
    expect(passed.decision).toBe('pass')
    expect(calls.filter((code) => code === 'bureau')).toHaveLength(1)
    expect(passed.toReport().dataCost).toBe('1.80')
  })
})
