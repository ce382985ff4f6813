/**
 * A schedule in the wire form of amounts ("1234.56" strings), as an HTTP response or a `numeric`
 * column expects them. The calendar endpoint and the disbursement writer both need exactly this.
 */
import type { IsoDate } from '../../../platform/dates.ts'
import { formatCents } from './cents.ts'
import type { Installment, Schedule, ScheduleTotals } from './installment.ts'

type AmountsAsText<T> = { [K in keyof T]: T[K] extends number ? (K extends 'number' ? number : string) : T[K] }

export type InstallmentText = AmountsAsText<Installment>
export type ScheduleTotalsText = AmountsAsText<ScheduleTotals>
export type ScheduleText = Omit<Schedule, 'installments' | 'totals' | 'levelPayment'> & {
  levelPayment?: string
  installments: InstallmentText[]
  totals: ScheduleTotalsText
}

export function formatInstallment(installment: Installment): InstallmentText {
  return {
    number: installment.number,
    dueDate: installment.dueDate as IsoDate,
    principal: formatCents(installment.principal),
    interest: formatCents(installment.interest),
    fee: formatCents(installment.fee),
    total: formatCents(installment.total),
    remainingPrincipal: formatCents(installment.remainingPrincipal),
  }
}

export function formatSchedule(schedule: Schedule): ScheduleText {
  const { totals, levelPayment, installments, ...rest } = schedule
  const text: ScheduleText = {
    ...rest,
    installments: installments.map(formatInstallment),
    totals: {
      principal: formatCents(totals.principal),
      interest: formatCents(totals.interest),
      fee: formatCents(totals.fee),
      total: formatCents(totals.total),
      upfrontFee: formatCents(totals.upfrontFee),
      netDisbursement: formatCents(totals.netDisbursement),
    },
  }
  return levelPayment === undefined ? text : { ...text, levelPayment: formatCents(levelPayment) }
}
