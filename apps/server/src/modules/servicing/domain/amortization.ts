/** What every repayment method receives and returns. */
import type { RoundingMode } from '../../../platform/money.ts'
import type { Installment } from './installment.ts'
import type { PeriodPlan } from './periods.ts'
import type { Rate } from './rate.ts'

export type AmortizationOptions = {
  /** cents */
  principal: number
  plan: PeriodPlan
  monthlyRate: Rate
  /** cents added to every installment */
  fee: number
  rounding: RoundingMode
  /** number of the first installment produced (1 for a new schedule) */
  firstNumber: number
}

export type Amortization = {
  installments: Installment[]
  /** the level principal + interest, for equal_installment */
  levelPayment?: number
}

export type Amortize = (options: AmortizationOptions) => Amortization
