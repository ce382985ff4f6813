/**
 * Servicing domain: the pure money maths of loan servicing — repayment schedules for every
 * repayment method, day-count bases, the APR (年化利率) and its cap check, and reshaping a schedule
 * after a partial prepayment. No I/O. Amounts come out as whole cents (`Cents`); see
 * docs/schedule-engine.md for the conventions.
 */
export type { AprCapCheck, AprOptions, AprTimeBasis, CashFlow, ScheduleAprOptions } from './apr.ts'
export { checkAprCap, computeApr, computeScheduleApr, MONTHLY_PERIOD_DAYS, scheduleCashFlows } from './apr.ts'
export type { Cents } from './cents.ts'
export { asCents, centsToDecimal, formatCents, toCents } from './cents.ts'
export type { DayCount, DayCountBasis, DayCountOptions } from './day-count.ts'
export { countDays, DAY_COUNT_BASES, yearFraction } from './day-count.ts'
export type { InstallmentText, ScheduleText, ScheduleTotalsText } from './format-schedule.ts'
export { formatInstallment, formatSchedule } from './format-schedule.ts'
export type { Installment, Schedule, ScheduleTotals } from './installment.ts'
export type { PrepaymentChoice, ReschedulePrepaymentOptions } from './prepayment.ts'
export { rescheduleAfterPartialPrepayment } from './prepayment.ts'
export { generateSchedule } from './schedule.ts'
export type { ScheduleTermsErrorReason } from './schedule-terms-error.ts'
export { ScheduleTermsError } from './schedule-terms-error.ts'
export type { RepaymentMethod, ScheduleFees, ScheduleTerms, TermUnit } from './terms.ts'
export { MAX_ANNUAL_RATE, MAX_TERM_DAYS, MAX_TERM_MONTHS, REPAYMENT_METHODS } from './terms.ts'
