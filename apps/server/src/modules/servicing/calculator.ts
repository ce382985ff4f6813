/** The public loan calculator: a schedule with totals and APR from the terms a borrower types in. */
import { dec } from '../../platform/money.ts'
import {
  computeScheduleApr,
  formatSchedule,
  generateSchedule,
  type RepaymentMethod,
  type TermUnit,
} from './domain/index.ts'
import { amountOf, amountOrZeroOf, dateOf, percentOf, withScheduleErrors } from './inputs.ts'

export type CalculatorInput = {
  principal: string
  annualRatePercent: string
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  startDate: string
  firstDueDate?: string
  fees?: { upfront?: string; perInstallment?: string }
}

export async function calculateSchedule(input: CalculatorInput) {
  const principal = amountOf(input.principal, 'body.principal')
  const annualRate = percentOf(input.annualRatePercent, 'body.annualRatePercent')
  const startDate = dateOf(input.startDate, 'body.startDate')
  const firstDueDate = input.firstDueDate === undefined ? undefined : dateOf(input.firstDueDate, 'body.firstDueDate')
  const upfront =
    input.fees?.upfront === undefined ? undefined : amountOrZeroOf(input.fees.upfront, 'body.fees.upfront')
  const perInstallment =
    input.fees?.perInstallment === undefined
      ? undefined
      : amountOrZeroOf(input.fees.perInstallment, 'body.fees.perInstallment')
  return withScheduleErrors(
    () => {
      const schedule = generateSchedule({
        principal,
        annualRate,
        term: input.term,
        termUnit: input.termUnit,
        method: input.method,
        startDate,
        firstDueDate,
        fees: { upfront, perInstallment },
      })
      const text = formatSchedule(schedule)
      const apr = computeScheduleApr({ schedule })
      return {
        method: text.method,
        termUnit: text.termUnit,
        startDate: text.startDate,
        maturityDate: text.maturityDate,
        irregularFirstPeriod: text.irregularFirstPeriod,
        installments: text.installments,
        totals: text.totals,
        aprPercent: apr.times(100).toDecimalPlaces(4).toString(),
        annualRatePercent: dec(input.annualRatePercent).toString(),
      }
    },
    {
      annualRate: 'body.annualRatePercent',
      'fees.upfront': 'body.fees.upfront',
      'fees.perInstallment': 'body.fees.perInstallment',
    },
  )
}
