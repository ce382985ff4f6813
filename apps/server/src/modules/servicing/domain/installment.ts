/**
 * The output of the schedule engine: installments and their totals, every amount in whole cents.
 */
import type { IsoDate } from '../../../platform/dates.ts'
import type { Cents } from './cents.ts'
import type { RepaymentMethod, TermUnit } from './terms.ts'

export type Installment = {
  readonly number: number
  readonly dueDate: IsoDate
  readonly principal: Cents
  readonly interest: Cents
  readonly fee: Cents
  /** principal + interest + fee */
  readonly total: Cents
  /** principal still owed after this installment is paid */
  readonly remainingPrincipal: Cents
}

export type ScheduleTotals = {
  /** always exactly the loan principal */
  readonly principal: Cents
  readonly interest: Cents
  /** per-installment fees */
  readonly fee: Cents
  /** sum of the installments' totals: what the borrower repays */
  readonly total: Cents
  readonly upfrontFee: Cents
  /** principal − upfront fee: what the borrower receives */
  readonly netDisbursement: Cents
}

export type Schedule = {
  readonly method: RepaymentMethod
  readonly termUnit: TermUnit
  readonly startDate: IsoDate
  readonly maturityDate: IsoDate
  /** equal_installment only: principal + interest of every regular installment (月供) */
  readonly levelPayment?: Cents
  /** true when the first period is not exactly one month (odd days or a fixed repayment day) */
  readonly irregularFirstPeriod: boolean
  readonly installments: readonly Installment[]
  readonly totals: ScheduleTotals
}

/** Builds one installment; the single place where engine integers become `Cents`. */
export function makeInstallment(
  number: number,
  dueDate: IsoDate,
  principal: number,
  interest: number,
  fee: number,
  remainingPrincipal: number,
): Installment {
  return {
    number,
    dueDate,
    principal: principal as Cents,
    interest: interest as Cents,
    fee: fee as Cents,
    total: (principal + interest + fee) as Cents,
    remainingPrincipal: remainingPrincipal as Cents,
  }
}
