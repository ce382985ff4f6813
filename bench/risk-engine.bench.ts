/**
 * Risk engine, in process: the demo pre-review strategy (22 rules) over 10,000 seeded applicants,
 * side by side on
 *   (a) Xindai's compiled engine, recording the full trace (and, separately, with the report built),
 *   (b) json-rules-engine with the same rules, (c) @gorules/zen-engine with the same rules as one
 *   expression node, (d) a hand-written JavaScript function of the same rules (the physical floor).
 * Every engine must reach the same decision, score and credit line on every applicant before anything
 * is timed. Throughput is counted per CPU-second of this process (all its threads), because this
 * machine is shared and wall-clock rates swing with whatever else runs; wall rates are reported too.
 * Each engine runs several rounds and reports its best round (the least disturbed one), with the
 * median beside it; the same rule applies to every engine.
 *
 *   npx tsx bench/risk-engine.bench.ts
 */
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine'
import {
  compileRuleSet,
  demoIndicators,
  demoPreReviewRuleSet,
  evaluate,
  evaluateSync,
  type TCondition,
  type TConditionLeaf,
  type TDecision,
  type TRule,
  type TRuleSet,
} from '../apps/server/src/modules/risk/domain/index.ts'
import { writeResult } from './lib/results.ts'

type Applicant = Record<string, number | string | boolean | null>
type Outcome = { decision: TDecision; score: number | null; amount: string | null }

// ---------- seeded applicants --------------------------------------------------------------------
function mulberry32(seed: number) {
  let s = seed
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generateApplicants(count: number, seed: number): Applicant[] {
  const r = mulberry32(seed)
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1))
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T
  const normal = (mean: number, sd: number) =>
    mean + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
  const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x))
  const provinces = ['GD', 'ZJ', 'JS', 'SC', 'HB', 'SD']
  return Array.from({ length: count }, () => {
    const roll = r()
    const ipProvince = pick(provinces)
    const statedProvince = r() < 0.08 ? pick(provinces) : ipProvince
    return {
      age: roll < 0.015 ? int(16, 17) : roll < 0.035 ? int(61, 68) : roll < 0.1 ? int(18, 21) : int(22, 60),
      monthly_income: r() < 0.03 ? null : Math.round(clamp(Math.exp(normal(9, 0.5)), 1200, 80000)),
      debt_ratio: Math.round(clamp(normal(0.28, 0.14), 0, 0.95) * 100) / 100,
      employment_type:
        r() < 0.02 ? pick(['unemployed', 'student']) : pick(['salaried', 'salaried', 'self_employed', 'retired']),
      days_since_registration: r() < 0.08 ? 0 : int(1, 900),
      ip_province: ipProvince,
      stated_province: statedProvince,
      ip_region_mismatch: ipProvince !== statedProvince,
      blacklist_hit: r() < 0.01,
      greylist_hit: r() < 0.03,
      device_account_count: r() < 0.95 ? 1 : int(2, 5),
      account_device_count: r() < 0.9 ? int(1, 3) : int(4, 7),
      ip_app_count_1h: r() < 0.98 ? int(1, 2) : int(3, 12),
      overdue_count_12m: r() < 0.85 ? 0 : r() < 0.8 ? int(1, 2) : int(3, 5),
      bureau_score: r() < 0.05 ? null : Math.round(clamp(normal(700, 55), 400, 900)),
      bureau_inquiries_3m: r() < 0.92 ? int(0, 4) : int(5, 13),
      multi_lender_count: r() < 0.7 ? 0 : r() < 0.9 ? int(1, 4) : int(5, 7),
      phone_tenure_months: r() < 0.06 ? int(0, 5) : int(6, 150),
      phone_name_match: r() < 0.94,
    }
  })
}

// ---------- shared combination for engines that only report which expressions matched ------------
const severity: Record<TDecision, number> = { pass: 0, manual: 1, reject: 2 }

/** The rule-set semantics (model.ts) applied to per-expression matches, in rule order. */
function combine(rules: readonly TRule[], matched: (index: number) => boolean): Outcome {
  let manual = false
  let score: number | null = null
  let amount: { cents: bigint; text: string } | null = null
  let index = 0
  for (const rule of rules) {
    const hits = rule.expressions.map((e) => ({ e, hit: matched(index++) })).filter((x) => x.hit)
    let outcome: TDecision = 'pass'
    if (rule.mode === 'result') {
      const results = rule.expressions.map((e, i) =>
        hits.some((h) => h.e === rule.expressions[i]) ? e.result : 'pass',
      )
      const ranks = results.map((x) => severity[x])
      const chosen = rule.relation === 'all_pass' ? Math.max(0, ...ranks) : Math.min(...ranks)
      outcome = (['pass', 'manual', 'reject'] as const)[chosen] ?? 'pass'
    } else if (rule.mode === 'score') {
      const scores = hits.map((h) => h.e.result as number)
      const total =
        scores.length === 0
          ? 0
          : rule.relation === 'sum'
            ? scores.reduce((a, b) => a + b)
            : Math[rule.relation](...scores)
      score = (score ?? 0) + total
      outcome =
        [...(rule.thresholds ?? [])].sort((a, b) => a.below - b.below).find((t) => total < t.below)?.result ?? 'pass'
    } else {
      const amounts = hits.map((h) => ({
        cents: BigInt(Math.round(Number(h.e.result) * 100)),
        text: h.e.result as string,
      }))
      const pickOne = (a: (typeof amounts)[number], b: (typeof amounts)[number]) =>
        rule.relation === 'max' ? (b.cents > a.cents ? b : a) : b.cents < a.cents ? b : a
      if (rule.relation === 'sum') throw new Error('the demo strategy has no quota sums')
      const chosen = amounts.length === 0 ? null : amounts.reduce(pickOne)
      if (chosen && (amount === null || chosen.cents < amount.cents)) amount = chosen
    }
    if (outcome === 'reject') return { decision: 'reject', score, amount: null }
    if (outcome === 'manual') manual = true
  }
  return { decision: manual ? 'manual' : 'pass', score, amount: amount?.text ?? null }
}

// ---------- (b) json-rules-engine -----------------------------------------------------------------
function jreLeaf(leaf: TConditionLeaf): NestedCondition {
  const fact = leaf.indicator
  switch (leaf.operator) {
    case 'between':
      return {
        all: [
          { fact, operator: 'greaterThanInclusive', value: leaf.values[0] },
          { fact, operator: 'lessThanInclusive', value: leaf.values[1] },
        ],
      }
    case 'in':
    case 'not_in':
      return { fact, operator: leaf.operator === 'in' ? 'in' : 'xdNotIn', value: leaf.values }
    case 'is_empty':
      return { fact, operator: 'xdIsEmpty', value: true }
    default: {
      const operators = { eq: 'equal', ne: 'xdNotEqual', lt: 'lessThan', lte: 'lessThanInclusive' } as const
      const more = { gt: 'greaterThan', gte: 'greaterThanInclusive', contains: 'xdContains' } as const
      return { fact, operator: { ...operators, ...more }[leaf.operator], value: leaf.value }
    }
  }
}
const jreCondition = (c: TCondition): NestedCondition =>
  'op' in c ? (c.op === 'and' ? { all: c.items.map(jreCondition) } : { any: c.items.map(jreCondition) }) : jreLeaf(c)

function buildJre(ruleSet: TRuleSet): (applicant: Applicant) => Promise<Outcome> {
  const engine = new Engine([], { allowUndefinedFacts: true })
  // Built-ins where their semantics are ours; these follow the engine's null rule (null matches only is_empty).
  engine.addOperator('xdNotEqual', (a: unknown, b: unknown) => a !== null && a !== b)
  engine.addOperator('xdNotIn', (a: unknown, b: unknown[]) => a !== null && !b.includes(a))
  engine.addOperator('xdContains', (a: string | null, b: string) => a?.includes(b) === true)
  engine.addOperator('xdIsEmpty', (a: unknown) => a === null || a === '')
  let index = 0
  for (const rule of ruleSet.rules) {
    for (const expression of rule.expressions) {
      const node = jreCondition(expression.condition)
      const conditions = ('all' in node || 'any' in node ? node : { all: [node] }) as TopLevelCondition
      engine.addRule({ conditions, event: { type: 'hit', params: { index } }, name: `e${index}` })
      index++
    }
  }
  return async (applicant) => {
    const { events } = await engine.run(applicant)
    const matched = new Set(events.map((e) => e.params?.index as number))
    return combine(ruleSet.rules, (i) => matched.has(i))
  }
}

// ---------- (c) zen-engine: one expression node, one boolean per expression ------------------------
const zenLiteral = (v: unknown): string => (Array.isArray(v) ? `[${v.map(zenLiteral).join(', ')}]` : JSON.stringify(v))
function zenLeaf(leaf: TConditionLeaf): string {
  const x = leaf.indicator
  const guarded = (test: string) => `(${x} != null and ${test})`
  switch (leaf.operator) {
    case 'between':
      return guarded(`${x} >= ${zenLiteral(leaf.values[0])} and ${x} <= ${zenLiteral(leaf.values[1])}`)
    case 'in':
      return guarded(`${x} in ${zenLiteral(leaf.values)}`)
    case 'not_in':
      return guarded(`not (${x} in ${zenLiteral(leaf.values)})`)
    case 'is_empty':
      return `(${x} == null or ${x} == "")`
    case 'contains':
      return guarded(`contains(${x}, ${zenLiteral(leaf.value)})`)
    default: {
      const symbol = { eq: '==', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' }[leaf.operator]
      return guarded(`${x} ${symbol} ${zenLiteral(leaf.value)}`)
    }
  }
}
const zenCondition = (c: TCondition): string =>
  'op' in c ? `(${c.items.map(zenCondition).join(c.op === 'and' ? ' and ' : ' or ')})` : zenLeaf(c)

function buildZen(ruleSet: TRuleSet): (applicant: Applicant) => Promise<Outcome> {
  const require = createRequire(import.meta.url)
  const { ZenEngine } = require('@gorules/zen-engine') as typeof import('@gorules/zen-engine')
  const expressions = ruleSet.rules.flatMap((rule) => rule.expressions.map((e) => zenCondition(e.condition)))
  const node = (id: string, type: string, content?: object) => ({
    id,
    type,
    name: id,
    position: { x: 0, y: 0 },
    ...(content ? { content } : {}),
  })
  const decision = new ZenEngine().createDecision({
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      node('in', 'inputNode'),
      node('rules', 'expressionNode', {
        expressions: expressions.map((value, i) => ({ id: `x${i}`, key: `e${i}`, value })),
      }),
      node('out', 'outputNode'),
    ],
    edges: [
      { id: 'a', sourceId: 'in', targetId: 'rules', type: 'edge' },
      { id: 'b', sourceId: 'rules', targetId: 'out', type: 'edge' },
    ],
  })
  return async (applicant) => {
    const { result } = await decision.evaluate(applicant)
    return combine(ruleSet.rules, (i) => result[`e${i}`] === true)
  }
}

// ---------- (d) hand-written: the demo strategy as a programmer would type it, no trace ------------
type N = number | null
const REJECTED = (score: number | null): Outcome => ({ decision: 'reject', score, amount: null })

function handwrittenPreReview(a: Applicant): Outcome {
  const age = a.age as N
  const income = a.monthly_income as N
  const debt = a.debt_ratio as N
  const days = a.days_since_registration as N
  const ipCount = a.ip_app_count_1h as N
  const devices = a.device_account_count as N
  const overdue = a.overdue_count_12m as N
  const bureau = a.bureau_score as N
  const inquiries = a.bureau_inquiries_3m as N
  const lenders = a.multi_lender_count as N
  const tenure = a.phone_tenure_months as N
  let manual = false
  if (age !== null && (age < 18 || age > 60)) return REJECTED(null)
  if (age !== null && age < 22) manual = true
  if (a.blacklist_hit === true) return REJECTED(null)
  if (a.greylist_hit === true) manual = true
  if (devices !== null && devices >= 4) return REJECTED(null)
  if (devices !== null && devices >= 2 && devices <= 3) manual = true
  if ((a.account_device_count as N) !== null && (a.account_device_count as number) > 5) manual = true
  if (ipCount !== null && ipCount >= 10) return REJECTED(null)
  if (a.ip_region_mismatch === true && days !== null && days < 30) manual = true
  if (days !== null && days < 1 && ipCount !== null && ipCount >= 3) manual = true
  if (income !== null && income < 2000) return REJECTED(null)
  if (income === null) manual = true
  if (a.employment_type === 'unemployed' || a.employment_type === 'student') return REJECTED(null)
  if (debt !== null && debt > 0.7) return REJECTED(null)
  if (debt !== null && debt >= 0.5 && debt <= 0.7) manual = true
  if (overdue !== null && overdue >= 3) return REJECTED(null)
  if (overdue !== null && overdue >= 1 && overdue <= 2) manual = true
  if (bureau === null) manual = true
  if (bureau !== null && bureau < 550) return REJECTED(null)
  if (inquiries !== null && inquiries > 10) return REJECTED(null)
  if (inquiries !== null && inquiries > 6) manual = true
  if (lenders !== null && lenders >= 5) return REJECTED(null)
  if (lenders !== null && lenders >= 3 && debt !== null && debt > 0.4) manual = true
  if (a.phone_name_match === false && tenure !== null && tenure < 3) return REJECTED(null)
  let score = 0
  if (age !== null) {
    if (age >= 18) score += 300
    if (age >= 25 && age <= 45) score += 40
    if ((age >= 22 && age <= 24) || (age >= 46 && age <= 60)) score += 20
  }
  if (income !== null) score += income >= 15000 ? 80 : income >= 8000 ? 50 : income >= 4000 ? 25 : 0
  if (bureau !== null) score += bureau >= 750 ? 120 : bureau >= 680 ? 80 : bureau >= 600 ? 40 : 0
  if (debt !== null) score += debt < 0.3 ? 40 : debt < 0.5 ? 15 : 0
  if (inquiries !== null && inquiries <= 2) score += 30
  if (lenders === 0) score += 20
  if (days !== null && days >= 180) score += 20
  if (overdue === 0) score += 30
  if (score < 470) return REJECTED(score)
  if (score < 520) manual = true
  // Credit line in whole yuan (exact integers): the best tier, then the lowest cap.
  let tier = 0
  if (bureau !== null && bureau >= 750 && income !== null && income >= 15000) tier = 50000
  else if (bureau !== null && bureau >= 700 && income !== null && income >= 8000) tier = 30000
  else if (bureau !== null && bureau >= 640) tier = 15000
  else if (income !== null && income >= 2000) tier = 5000
  let cap = 0
  if (income !== null && income < 5000) cap = 8000
  else if (debt !== null && debt >= 0.5) cap = 10000
  else if (income !== null && income < 10000) cap = 20000
  const line = tier === 0 ? cap : cap === 0 ? tier : Math.min(tier, cap)
  const amount = line === 0 ? null : `${line}.00`
  return { decision: manual ? 'manual' : 'pass', score, amount }
}

// ---------- measurement ---------------------------------------------------------------------------
type Rate = { cpu: number; wall: number; medianCpu?: number }
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function measureSync(run: (i: number) => number, n: number, ms: number, rounds = 7): Rate {
  const rates: Rate[] = []
  for (let round = 0; round < rounds; round++) {
    let done = 0
    let sink = 0
    const wall0 = performance.now()
    const cpu0 = cpuMs()
    while (performance.now() - wall0 < ms) {
      for (let i = 0; i < n; i++) sink += run(i)
      done += n
    }
    rates.push({ cpu: (done / (cpuMs() - cpu0)) * 1000, wall: (done / (performance.now() - wall0)) * 1000 })
    if (sink === -1) console.log(sink)
  }
  return summary(rates)
}

async function measureAsync(run: (i: number) => Promise<unknown>, n: number, ms: number, batch: number): Promise<Rate> {
  const rates: Rate[] = []
  for (let round = 0; round < 3; round++) {
    let done = 0
    const wall0 = performance.now()
    const cpu0 = cpuMs()
    while (performance.now() - wall0 < ms) {
      for (let i = 0; i < n; i += batch) {
        if (batch === 1) await run(i)
        else await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => run(i + k)))
      }
      done += n
    }
    rates.push({ cpu: (done / (cpuMs() - cpu0)) * 1000, wall: (done / (performance.now() - wall0)) * 1000 })
  }
  return summary(rates)
}

/** The best round by CPU rate, carrying the median CPU rate along for the record. */
function summary(rates: Rate[]): Rate {
  const sorted = [...rates].sort((a, b) => a.cpu - b.cpu)
  const top = sorted[sorted.length - 1] as Rate
  return { ...top, medianCpu: (sorted[Math.floor(sorted.length / 2)] as Rate).cpu }
}
const best = (a: Rate, b: Rate) => (a.cpu >= b.cpu ? a : b)

// ---------- run -------------------------------------------------------------------------------------
const loadBefore = loadavg()[0] ?? 0
const applicants = generateApplicants(10_000, 20261121)
const n = applicants.length
const compiled = compileRuleSet(demoPreReviewRuleSet, demoIndicators)
const jre = buildJre(demoPreReviewRuleSet)
const zen = buildZen(demoPreReviewRuleSet)

// 1. Same answers everywhere, or no numbers at all.
const tally: Record<TDecision, number> = { pass: 0, manual: 0, reject: 0 }
for (let i = 0; i < n; i++) {
  const applicant = applicants[i] as Applicant
  const ours = evaluateSync(compiled, applicant)
  const expected: Outcome = { decision: ours.decision, score: ours.score, amount: ours.amount }
  const others: [string, Outcome][] = [
    ['handwritten', handwrittenPreReview(applicant)],
    ['json-rules-engine', await jre(applicant)],
    ['zen-engine', await zen(applicant)],
    ['report', { decision: ours.toReport().decision, score: ours.toReport().score, amount: ours.toReport().amount }],
  ]
  for (const [engine, got] of others) {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(`applicant ${i}: ${engine} gave ${JSON.stringify(got)}, ours ${JSON.stringify(expected)}`)
    }
  }
  tally[ours.decision]++
}
console.log(`all engines agree on ${n} applicants:`, tally)

// 2. Throughput.
const oursRate = measureSync((i) => evaluateSync(compiled, applicants[i] as Applicant).rulesRun, n, 1000)
const reportRate = measureSync(
  (i) => evaluateSync(compiled, applicants[i] as Applicant).toReport().rules.length,
  n,
  1000,
)
const handRate = measureSync(
  (i) => (handwrittenPreReview(applicants[i] as Applicant).decision === 'pass' ? 1 : 0),
  n,
  1000,
)
const asyncRate = await measureAsync((i) => evaluate(compiled, applicants[i] as Applicant), n, 1000, 1)
const jreRate = best(
  await measureAsync((i) => jre(applicants[i] as Applicant), n, 2000, 1),
  await measureAsync((i) => jre(applicants[i] as Applicant), n, 2000, 256),
)
const zenSequential = await measureAsync((i) => zen(applicants[i] as Applicant), n, 2000, 1)
const zenBatched = await measureAsync((i) => zen(applicants[i] as Applicant), n, 2000, 256)
const zenRate = best(zenSequential, zenBatched)

const rounded = (x: number) => Math.round(x)
const metric = (subject: string, rate: Rate, extra: Record<string, number | string | boolean> = {}) => ({
  subject,
  unit: 'decisions/s (per CPU-second)',
  value: rounded(rate.cpu),
  extra: { medianCpu: rounded(rate.medianCpu ?? rate.cpu), wall: rounded(rate.wall), ...extra },
})
writeResult({
  name: 'risk-engine',
  description: `pre-review strategy, ${demoPreReviewRuleSet.rules.length} rules, ${n} seeded applicants, identical decisions checked`,
  target: 'ours ≥ 1,000,000 decisions/s with the full trace on one core; ≥ 100× json-rules-engine',
  targetMet: oursRate.cpu >= 1_000_000 && oursRate.cpu / jreRate.cpu >= 100,
  metrics: [
    metric('xindai compiled, full trace recorded', oursRate),
    metric('xindai compiled, report built per decision', reportRate),
    metric('xindai async path (no fetch needed)', asyncRate),
    metric('hand-written JavaScript (floor)', handRate),
    metric('json-rules-engine (best of sequential/batched)', jreRate),
    metric('zen-engine (best of sequential/batched)', zenRate, {
      sequentialCpu: rounded(zenSequential.cpu),
      batchedCpu: rounded(zenBatched.cpu),
    }),
  ],
  ratios: {
    'ours/json-rules-engine': oursRate.cpu / jreRate.cpu,
    'ours/zen-engine': oursRate.cpu / zenRate.cpu,
    'ours/handwritten': oursRate.cpu / handRate.cpu,
    'ours with report built/json-rules-engine': reportRate.cpu / jreRate.cpu,
  },
  environment: {
    applicants: n,
    rules: demoPreReviewRuleSet.rules.length,
    decisions: JSON.stringify(tally),
    // Other work on the machine slows every engine; the load average says how much there was.
    loadAverage1m: `${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`,
  },
})
