/**
 * Posts a repayment (还款) of any amount: split by the loan's allocation order over its installments,
 * oldest first; whatever nothing is owed for becomes the borrower's credit balance (客户挂账). On a
 * written-off loan the money is a recovery (核销后回收). The loan row is locked first, so concurrent
 * repayments on one loan run one after another.
 */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { ACCOUNTS } from './accounts.ts'
import { type Allocation, allocateRepayment, type Component } from './domain/allocate.ts'
import { amountOf, dateOf } from './inputs.ts'
import { type InstallmentRow, type LoanRow, loadSchedule, lockLoanOnBusinessDate } from './loan-queries.ts'
import {
  applyToInstallments,
  balanceOf,
  c,
  recognitionOf,
  repaymentLines,
  s,
  saveLoan,
  statusAfter,
  toStoredAllocation,
} from './loan-state.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { loanTransactions } from './schema.ts'

export type RepaymentInput = { amount: string; channel: string; externalRef?: string | null; valueDate?: string }

export type PostRepaymentOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  input: RepaymentInput
}

export type RepaymentResult = {
  transactionId: string
  loanId: string
  loanNo: string
  type: 'repayment' | 'recovery' | 'settlement' | 'prepayment'
  amount: string
  valueDate: string
  principal: string
  interest: string
  fee: string
  penalty: string
  credit: string
  loanStatus: string
  principalOutstanding: string
  creditBalance: string
}

const PAYABLE = new Set(['active', 'overdue', 'written_off'])

/** The value date rule shared by every money command on a loan. */
export async function checkValueDate(
  tx: Tx,
  loan: LoanRow,
  value: string | undefined,
  /** already read with the loan lock (lockLoanOnBusinessDate) */
  known?: IsoDate,
): Promise<{ valueDate: IsoDate; businessDate: IsoDate }> {
  const businessDate = known ?? (await getBusinessDate(tx, loan.institutionId))
  const valueDate = value === undefined ? businessDate : dateOf(value, 'body.valueDate')
  if (loan.disbursedOn && valueDate < loan.disbursedOn)
    throw fieldError('body.valueDate', 'servicing.field.value_date_before_disbursement', { date: loan.disbursedOn })
  if (valueDate > businessDate)
    throw fieldError('body.valueDate', 'servicing.field.value_date_future', { date: businessDate })
  return { valueDate, businessDate }
}

export async function postRepayment({
  tx,
  principal,
  actor,
  loanId,
  input,
}: PostRepaymentOptions): Promise<RepaymentResult> {
  const amount = c(amountOf(input.amount, 'body.amount').toFixed(2))
  const { loan, businessDate: today } = await lockLoanOnBusinessDate(tx, principal, loanId)
  if (!PAYABLE.has(loan.status)) throw businessRule('servicing.loan_status', { status: loan.status })
  const { valueDate, businessDate } = await checkValueDate(tx, loan, input.valueDate, today)
  const schedule = await loadSchedule(tx, loanId)
  const booked = await bookRepayment({
    tx,
    loan,
    schedule,
    amount,
    valueDate,
    businessDate,
    input,
    userId: principal.userId,
  })
  await recordAudit(tx, actor, {
    operation: booked.result.type === 'recovery' ? 'loan.recovery' : 'repayment.post',
    objectType: 'loan',
    objectId: loan.id,
    institutionId: loan.institutionId,
    before: { status: loan.status, principalOutstanding: loan.principalOutstanding, creditBalance: loan.creditBalance },
    after: booked.result,
  })
  return booked.result
}

export type BookRepaymentOptions = {
  tx: Tx
  loan: LoanRow
  schedule: InstallmentRow[]
  amount: number
  valueDate: IsoDate
  businessDate: IsoDate
  input: { channel: string; externalRef?: string | null }
  userId: string | null
  type?: string
  /** a split decided by the caller (prepayments); default: the loan's allocation order */
  allocation?: Allocation
}

/** Books one repayment on a locked loan and its loaded schedule (also used by prepayments and replay). */
export async function bookRepayment(o: BookRepaymentOptions) {
  const { tx, loan, schedule, amount, valueDate } = o
  const recovery = loan.status === 'written_off'
  const allocation = recovery
    ? { installments: [], totals: { principal: 0, interest: 0, fee: 0, penalty: 0 }, credit: 0 }
    : (o.allocation ??
      allocateRepayment({ amount, installments: schedule.map(balanceOf), order: loan.allocationOrder as Component[] }))
  const type = recovery ? 'recovery' : (o.type ?? 'repayment')
  const recognition = recognitionOf(schedule, allocation.installments)
  const stored = toStoredAllocation(allocation.installments, recognition)
  const [txn] = await tx
    .insert(loanTransactions)
    .values({
      institutionId: loan.institutionId,
      loanId: loan.id,
      type,
      valueDate,
      amount: s(amount),
      principalPortion: s(allocation.totals.principal),
      interestPortion: s(allocation.totals.interest),
      feePortion: s(allocation.totals.fee),
      penaltyPortion: s(allocation.totals.penalty),
      creditPortion: s(allocation.credit),
      channel: o.input.channel,
      externalRef: o.input.externalRef ?? null,
      allocations: stored,
      createdBy: o.userId,
    })
    .returning({ id: loanTransactions.id })
  const { lines, fromReceivable } = recovery
    ? {
        lines: [
          { account: ACCOUNTS.cash, debit: s(amount) },
          { account: ACCOUNTS.recoveryIncome, credit: s(amount) },
        ],
        fromReceivable: null,
      }
    : repaymentLines(loan, amount, allocation, recognition)
  await postJournalEntry(tx, {
    institutionId: loan.institutionId,
    entryDate: valueDate,
    eventType: type,
    eventId: txn!.id,
    loanId: loan.id,
    lines: lines as never,
  })
  await applyToInstallments(tx, schedule, stored, 1, valueDate)
  let next = loan
  if (fromReceivable) {
    const shifted = {
      principalOutstanding: s(c(loan.principalOutstanding) - fromReceivable.principal),
      interestOutstanding: s(c(loan.interestOutstanding) - fromReceivable.interest),
      feeOutstanding: s(c(loan.feeOutstanding) - fromReceivable.fee),
      penaltyOutstanding: s(c(loan.penaltyOutstanding) - fromReceivable.penalty),
      creditBalance: s(c(loan.creditBalance) + allocation.credit),
    }
    const after = { ...loan, ...shifted }
    next = await saveLoan(tx, loan, { ...shifted, ...statusAfter(after, schedule, o.businessDate, valueDate) })
  } else next = await saveLoan(tx, loan, {})
  const result: RepaymentResult = {
    transactionId: txn!.id,
    loanId: loan.id,
    loanNo: loan.loanNo,
    type: recovery ? 'recovery' : (type as 'repayment'),
    amount: s(amount),
    valueDate,
    principal: s(allocation.totals.principal),
    interest: s(allocation.totals.interest),
    fee: s(allocation.totals.fee),
    penalty: s(allocation.totals.penalty),
    credit: s(allocation.credit),
    loanStatus: next.status,
    principalOutstanding: next.principalOutstanding,
    creditBalance: next.creditBalance,
  }
  await emitEvent(tx, {
    institutionId: loan.institutionId,
    topic: 'loan.repayment_posted',
    aggregateType: 'loan',
    aggregateId: loan.id,
    businessDate: valueDate,
    payload: {
      ...result,
      channel: o.input.channel,
      externalRef: o.input.externalRef ?? null,
      customerId: loan.customerId,
    },
  })
  if (next.status === 'settled' && loan.status !== 'settled')
    await emitEvent(tx, {
      institutionId: loan.institutionId,
      topic: 'loan.settled',
      aggregateType: 'loan',
      aggregateId: loan.id,
      businessDate: valueDate,
      payload: {
        loanId: loan.id,
        loanNo: loan.loanNo,
        customerId: loan.customerId,
        settledOn: valueDate,
        creditBalance: next.creditBalance,
      },
    })
  return { result, loan: next, allocation, transactionId: txn!.id }
}
