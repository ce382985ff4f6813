/**
 * Schedule engine: time to generate a 360-installment equal-installment schedule (1,000,000.00 at
 * 4.9% over 30 years, the most common mortgage quote), side by side with
 *   (a) Xindai's engine — validated terms, exact cents, due dates, totals;
 *   (b) the same, then formatted to wire strings, as the calculator endpoint will answer;
 *   (c) a hand-written float loop producing the same objects and date strings, no validation, no
 *       exactness (the physical floor) — it is checked against the engine and its cent errors counted;
 *   (d) the obvious decimal.js loop (Decimal per amount, platform/dates.ts per due date).
 * Subjects run interleaved, round after round, and time is counted per CPU-microsecond of this process
 * because the machine is shared and wall time swings with whatever else runs (wall is reported too).
 *
 *   npx tsx bench/schedule.bench.ts
 */
import {
  formatSchedule,
  generateSchedule,
  type ScheduleTerms,
} from '../apps/server/src/modules/servicing/domain/index.ts'
import { addMonths } from '../apps/server/src/platform/dates.ts'
import { Decimal, roundCents } from '../apps/server/src/platform/money.ts'
import { writeResult } from './lib/results.ts'

const TARGET_US = 50
const ROUNDS = 15

const terms: ScheduleTerms = {
  principal: new Decimal('1000000'),
  annualRate: new Decimal('0.049'),
  term: 360,
  termUnit: 'month',
  method: 'equal_installment',
  startDate: '2024-01-15',
}

// ---------- (c) float floor ----------------------------------------------------------------------
const TWO = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : `${i}`))
// The engine's own trick for due dates (one concatenation each), so the floor is a floor.
const MONTH_DAY = Array.from({ length: 13 * 32 }, (_, i) => `-${TWO[i >> 5]}-${TWO[i & 31]}`)

type FloatRow = {
  number: number
  dueDate: string
  principal: number
  interest: number
  fee: number
  total: number
  remainingPrincipal: number
}

function floatSchedule(principal: number, annualRate: number, periods: number, start: [number, number, number]) {
  const r = annualRate / 12
  const growth = (1 + r) ** periods
  const payment = Math.round(((principal * r * growth) / (growth - 1)) * 100) / 100
  const rows: FloatRow[] = []
  let [year, month] = start
  let yearText = String(year)
  const day = Math.min(start[2], 28)
  let balance = principal
  for (let k = 1; k <= periods; k++) {
    month += 1
    if (month > 12) {
      month = 1
      year += 1
      yearText = String(year)
    }
    const interest = Math.round(balance * r * 100) / 100
    const repaid = k === periods ? balance : Math.round((payment - interest) * 100) / 100
    balance = Math.round((balance - repaid) * 100) / 100
    const dueDate = yearText + MONTH_DAY[month * 32 + day]
    rows.push({
      number: k,
      dueDate,
      principal: repaid,
      interest,
      fee: 0,
      total: repaid + interest,
      remainingPrincipal: balance,
    })
  }
  return rows
}

// ---------- (d) decimal.js, written the obvious way ---------------------------------------------
function decimalSchedule({ principal, annualRate, term, startDate }: ScheduleTerms) {
  const r = annualRate.dividedBy(12)
  const growth = r.plus(1).pow(term)
  const payment = roundCents(principal.times(r).times(growth).dividedBy(growth.minus(1)))
  const rows = []
  let balance = principal
  for (let k = 1; k <= term; k++) {
    const interest = roundCents(balance.times(r))
    const repaid = k === term ? balance : payment.minus(interest)
    balance = balance.minus(repaid)
    const dueDate = addMonths(startDate, k)
    rows.push({
      number: k,
      dueDate,
      principal: repaid,
      interest,
      total: repaid.plus(interest),
      remainingPrincipal: balance,
    })
  }
  return rows
}

// ---------- correctness before timing -----------------------------------------------------------
const schedule = generateSchedule(terms)
const exactPrincipal = schedule.installments.reduce((total, row) => total + row.principal, 0)
if (schedule.levelPayment !== 530_727 || exactPrincipal !== 100_000_000 || schedule.installments.length !== 360) {
  throw new Error('engine produced an unexpected schedule')
}
const floatRows = floatSchedule(1_000_000, 0.049, 360, [2024, 1, 15])
let floatCentErrors = 0
floatRows.forEach((row, k) => {
  const exact = schedule.installments[k]!
  const fields = ['principal', 'interest', 'remainingPrincipal'] as const
  if (row.dueDate !== exact.dueDate) throw new Error(`float floor due date ${row.dueDate} ≠ ${exact.dueDate}`)
  for (const field of fields) if (Math.round(row[field] * 100) !== exact[field]) floatCentErrors += 1
})
const floatPrincipalSum = floatRows.reduce((total, row) => total + row.principal, 0)

const ROUND_RATES = [36_000, 48_000, 60_000, 72_000, 120_000, 180_000, 240_000, 360_000]

/** Over seeded random loans, how many float schedules differ from the exact one in any cent. */
function countWrongFloatSchedules(loans: number): number {
  // mulberry32, seeded: the same loans on every run
  let seed = 20_241_115
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  let wrong = 0
  for (let i = 0; i < loans; i++) {
    const cents = 1 + Math.floor(random() * 1_000_000_000)
    // Half the loans at the round rates products are sold at, where exact half cents are common.
    const micros =
      random() < 0.5 ? ROUND_RATES[Math.floor(random() * ROUND_RATES.length)]! : Math.floor(random() * 360_000)
    const term = 1 + Math.floor(random() * 360)
    const exact = generateSchedule({
      ...terms,
      principal: new Decimal(cents).dividedBy(100),
      annualRate: new Decimal(micros).dividedBy(1_000_000),
      term,
    })
    const approx = floatSchedule(cents / 100, micros / 1_000_000, term, [2024, 1, 15])
    const differs = approx.some(
      (row, k) =>
        Math.round(row.interest * 100) !== exact.installments[k]!.interest ||
        Math.round(row.principal * 100) !== exact.installments[k]!.principal,
    )
    if (differs) wrong += 1
  }
  return wrong
}
const RANDOM_LOANS = 2_000
const floatWrongSchedules = countWrongFloatSchedules(RANDOM_LOANS)
const decimalRows = decimalSchedule(terms)
const decimalMatches = decimalRows.every(
  (row, k) =>
    row.interest.times(100).toNumber() === schedule.installments[k]!.interest &&
    row.dueDate === schedule.installments[k]!.dueDate,
)
if (!decimalMatches) throw new Error('decimal.js loop disagrees with the engine')

// ---------- timing ------------------------------------------------------------------------------
type Subject = { name: string; run: () => unknown; batch: number }
type Sample = { cpu: number; wall: number }

const cpuMicros = () => {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}

let sink = 0
const subjects: Subject[] = [
  { name: 'xindai engine', run: () => generateSchedule(terms).installments.length, batch: 1000 },
  {
    name: 'xindai engine + wire strings',
    run: () => formatSchedule(generateSchedule(terms)).installments.length,
    batch: 500,
  },
  {
    name: 'float loop (physical floor)',
    run: () => floatSchedule(1_000_000, 0.049, 360, [2024, 1, 15]).length,
    batch: 1000,
  },
  { name: 'decimal.js loop', run: () => decimalSchedule(terms).length, batch: 20 },
]

function runBatch({ run, batch }: Subject): Sample {
  const cpu0 = cpuMicros()
  const wall0 = performance.now()
  for (let i = 0; i < batch; i++) sink += run() as number
  return { cpu: (cpuMicros() - cpu0) / batch, wall: ((performance.now() - wall0) * 1000) / batch }
}

for (const subject of subjects) for (let i = 0; i < 5; i++) runBatch(subject)

const samples = new Map<string, Sample[]>(subjects.map(({ name }) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const subject of subjects) samples.get(subject.name)!.push(runBatch(subject))
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = subjects.map(({ name }) => {
  const list = samples.get(name)!
  return {
    name,
    cpu: median(list.map((s) => s.cpu)),
    best: Math.min(...list.map((s) => s.cpu)),
    wall: median(list.map((s) => s.wall)),
  }
})
const [engine, wire, floor, decimal] = summary as [
  (typeof summary)[0],
  (typeof summary)[0],
  (typeof summary)[0],
  (typeof summary)[0],
]
const round2 = (value: number) => Math.round(value * 100) / 100

writeResult({
  name: 'schedule-engine',
  description:
    '360-installment equal-installment schedule (1,000,000 at 4.9%, 30 years), exact cents, CPU µs per schedule',
  target: `xindai engine ≤ ${TARGET_US} µs per schedule (median CPU time)`,
  targetMet: engine.cpu <= TARGET_US,
  metrics: [
    {
      subject: engine.name,
      unit: 'µs/schedule',
      value: round2(engine.cpu),
      extra: { best: round2(engine.best), wallMedian: round2(engine.wall) },
    },
    {
      subject: wire.name,
      unit: 'µs/schedule',
      value: round2(wire.cpu),
      extra: { best: round2(wire.best), wallMedian: round2(wire.wall) },
    },
    {
      subject: floor.name,
      unit: 'µs/schedule',
      value: round2(floor.cpu),
      extra: {
        best: round2(floor.best),
        wallMedian: round2(floor.wall),
        centErrors: floatCentErrors,
        principalSumOffBy: round2(floatPrincipalSum - 1_000_000),
        [`wrongOf${RANDOM_LOANS}RandomLoans`]: floatWrongSchedules,
      },
    },
    {
      subject: decimal.name,
      unit: 'µs/schedule',
      value: round2(decimal.cpu),
      extra: { best: round2(decimal.best), wallMedian: round2(decimal.wall) },
    },
  ],
  ratios: {
    'engine / float floor': engine.cpu / floor.cpu,
    'decimal.js loop / engine': decimal.cpu / engine.cpu,
    'engine + wire strings / engine': wire.cpu / engine.cpu,
  },
  environment: { rounds: ROUNDS, sink: sink > 0 ? 'ok' : 'empty' },
})
