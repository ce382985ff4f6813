/**
 * A product version's terms: the defaults that let a product be made from five fields, the checks
 * that keep a version coherent, and its APR (年化利率) over the offers it allows.
 */
import { fieldError } from '../../platform/errors.ts'
import { type Decimal, dec, formatAmount, type RoundingMode, roundCents } from '../../platform/money.ts'
import { DEFAULT_ALLOCATION_ORDER, isAllocationOrder } from './domain/allocate.ts'
import {
  checkAprCap,
  computeScheduleApr,
  generateSchedule,
  MAX_TERM_DAYS,
  MAX_TERM_MONTHS,
  REPAYMENT_METHODS,
  type RepaymentMethod,
  type TermUnit,
} from './domain/index.ts'
import { amountOf, amountOrZeroOf, percentOf } from './inputs.ts'
import type { productVersions } from './schema.ts'

export type VersionRow = typeof productVersions.$inferSelect

/** The wire form of a version's terms: amounts as "0.00" strings, rates as percent strings. */
export type ProductTermsInput = {
  minAmount: string
  maxAmount: string
  minTerm: number
  maxTerm: number
  termUnit: TermUnit
  annualRatePercent: string
  methods?: RepaymentMethod[]
  dayCount?: 'ACT/365' | 'ACT/360' | '30/360'
  upfrontFeePercent?: string
  installmentFee?: string
  penaltyRatePercent?: string
  penaltyBase?: 'overdue_principal' | 'overdue_amount'
  graceDays?: number
  rounding?: 'half_up' | 'half_even'
  allocationOrder?: string[]
  prepaymentRule?: 'allowed' | 'allowed_with_fee' | 'not_allowed'
  prepaymentFeePercent?: string
  aprCapPercent?: string
  conditions?: Record<string, unknown>
  requiredDocuments?: string[]
}

export type VersionValues = Omit<
  VersionRow,
  'id' | 'institutionId' | 'productId' | 'version' | 'status' | 'createdBy' | 'approvedBy' | 'createdAt'
>

/** Fields whose change alters what a borrower pays: a listed product changes them only with four-eyes. */
export const PRICING_FIELDS = [
  'annualRate',
  'dayCount',
  'upfrontFeeRate',
  'installmentFee',
  'penaltyRate',
  'penaltyBase',
  'prepaymentFeeRate',
  'aprCap',
] as const satisfies readonly (keyof VersionValues)[]

const pct = (fraction: string) => dec(fraction).times(100).toDecimalPlaces(6).toString()
const frac = (d: Decimal) => d.toDecimalPlaces(8).toFixed(8)

/** Current values as input, so a partial edit can be merged over them. */
export function versionToInput(v: VersionValues): ProductTermsInput {
  return {
    minAmount: v.minAmount,
    maxAmount: v.maxAmount,
    minTerm: v.minTerm,
    maxTerm: v.maxTerm,
    termUnit: v.termUnit as TermUnit,
    annualRatePercent: pct(v.annualRate),
    methods: v.methods as RepaymentMethod[],
    dayCount: v.dayCount as ProductTermsInput['dayCount'],
    upfrontFeePercent: pct(v.upfrontFeeRate),
    installmentFee: v.installmentFee,
    penaltyRatePercent: pct(v.penaltyRate),
    penaltyBase: v.penaltyBase as ProductTermsInput['penaltyBase'],
    graceDays: v.graceDays,
    rounding: v.rounding as ProductTermsInput['rounding'],
    allocationOrder: v.allocationOrder,
    prepaymentRule: v.prepaymentRule as ProductTermsInput['prepaymentRule'],
    prepaymentFeePercent: pct(v.prepaymentFeeRate),
    aprCapPercent: pct(v.aprCap),
    conditions: v.conditions as Record<string, unknown>,
    requiredDocuments: v.requiredDocuments,
  }
}

/** Validates terms and fills the defaults; field names are those of the request body. */
export function resolveVersionTerms(input: ProductTermsInput, prefix = 'body'): VersionValues {
  const f = (name: string) => `${prefix}.${name}`
  const minAmount = amountOf(input.minAmount, f('minAmount'))
  const maxAmount = amountOf(input.maxAmount, f('maxAmount'))
  if (minAmount.greaterThan(maxAmount)) throw fieldError(f('minAmount'), 'servicing.field.min_max')
  const maxTerm = input.termUnit === 'day' ? MAX_TERM_DAYS : MAX_TERM_MONTHS
  for (const name of ['minTerm', 'maxTerm'] as const) {
    const t = input[name]
    if (!Number.isInteger(t) || t < 1 || t > maxTerm)
      throw fieldError(f(name), 'servicing.field.term_range', { max: maxTerm })
  }
  if (input.minTerm > input.maxTerm) throw fieldError(f('minTerm'), 'servicing.field.min_max')
  const annualRate = percentOf(input.annualRatePercent, f('annualRatePercent'))
  if (annualRate.greaterThan(10)) throw fieldError(f('annualRatePercent'), 'servicing.field.rate')
  const methods =
    input.methods ?? (input.termUnit === 'day' ? ['bullet'] : REPAYMENT_METHODS.filter((m) => m !== 'bullet'))
  if (methods.length === 0) throw fieldError(f('methods'), 'servicing.field.method_unit')
  if (input.termUnit === 'day' && methods.some((m) => m !== 'bullet'))
    throw fieldError(f('methods'), 'servicing.field.method_unit')
  const allocationOrder = input.allocationOrder ?? [...DEFAULT_ALLOCATION_ORDER]
  if (!isAllocationOrder(allocationOrder)) throw fieldError(f('allocationOrder'), 'servicing.field.allocation_order')
  const upfront = input.upfrontFeePercent ? percentOf(input.upfrontFeePercent, f('upfrontFeePercent')) : dec(0)
  if (upfront.greaterThanOrEqualTo(1)) throw fieldError(f('upfrontFeePercent'), 'servicing.field.rate')
  // 罚息 defaults to the contract rate plus 50 %, the common Chinese contract clause
  const penaltyRate = input.penaltyRatePercent
    ? percentOf(input.penaltyRatePercent, f('penaltyRatePercent'))
    : annualRate.times('1.5')
  const uniqueMethods = [...new Set(methods)]
  return {
    minAmount: formatAmount(minAmount),
    maxAmount: formatAmount(maxAmount),
    minTerm: input.minTerm,
    maxTerm: input.maxTerm,
    termUnit: input.termUnit,
    annualRate: frac(annualRate),
    dayCount: input.dayCount ?? (input.termUnit === 'day' ? 'ACT/365' : 'ACT/360'),
    methods: uniqueMethods,
    upfrontFeeRate: frac(upfront),
    installmentFee: formatAmount(
      input.installmentFee ? amountOrZeroOf(input.installmentFee, f('installmentFee')) : dec(0),
    ),
    penaltyRate: frac(penaltyRate),
    penaltyBase: input.penaltyBase ?? 'overdue_principal',
    graceDays: input.graceDays ?? 0,
    rounding: input.rounding ?? 'half_up',
    allocationOrder,
    prepaymentRule: input.prepaymentRule ?? 'allowed',
    prepaymentFeeRate: frac(
      input.prepaymentFeePercent ? percentOf(input.prepaymentFeePercent, f('prepaymentFeePercent')) : dec(0),
    ),
    aprCap: frac(input.aprCapPercent ? percentOf(input.aprCapPercent, f('aprCapPercent')) : dec('0.24')),
    conditions: input.conditions ?? {},
    requiredDocuments: input.requiredDocuments ?? [],
  }
}

export function upfrontFeeFor(v: Pick<VersionValues, 'upfrontFeeRate' | 'rounding'>, amount: Decimal): Decimal {
  return roundCents(amount.times(v.upfrontFeeRate), v.rounding as RoundingMode)
}

export type ProductApr = { apr: Decimal; withinCap: boolean; cap: Decimal }

/**
 * The highest APR over the offers the version allows: smallest and largest amount and term for every
 * method (a fixed per-installment fee weighs most on the smallest loan). Published and cap-checked on
 * the calendar-months basis so that the calendar alone never pushes a product over its cap.
 */
export function productApr(v: VersionValues, startDate: string): ProductApr {
  let worst = dec(0)
  for (const method of v.methods as RepaymentMethod[])
    for (const amount of new Set([v.minAmount, v.maxAmount]))
      for (const term of new Set([v.minTerm, v.maxTerm])) {
        const principal = dec(amount)
        const schedule = generateSchedule({
          principal,
          annualRate: dec(v.annualRate),
          term,
          termUnit: v.termUnit as TermUnit,
          method,
          startDate,
          dayCount: v.dayCount as 'ACT/365',
          rounding: v.rounding as 'half_up',
          fees: { upfront: upfrontFeeFor(v, principal), perInstallment: dec(v.installmentFee) },
        })
        const apr = computeScheduleApr({ schedule, timeBasis: 'calendar_months' })
        if (apr.greaterThan(worst)) worst = apr
      }
  const check = checkAprCap({ apr: worst, cap: dec(v.aprCap) })
  return { apr: worst, withinCap: check.withinCap, cap: check.cap }
}

export const percentText = (fraction: Decimal) => fraction.times(100).toDecimalPlaces(4).toString()
