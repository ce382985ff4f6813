/**
 * Disbursement (放款), crash-safe and never twice:
 *   1. in one transaction, record the disbursement order (pending → sent) with a unique request id;
 *   2. outside any transaction, ask the bank — first by query if an earlier attempt may have reached
 *      it, then pay with the same request id (the bank is idempotent by it);
 *   3. in a second transaction, record the outcome: succeeded → loan active, schedule installed,
 *      transaction, journal entry and event; failed → the order stays retryable and the loan waits.
 * A retry, or recovery after a crash between 2 and 3, always starts with the query of step 2.
 */
import { eq } from 'drizzle-orm'
import { dbContextOf, type StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Database, Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { dec, formatAmount } from '../../platform/money.ts'
import { ACCOUNTS } from './accounts.ts'
import { computeScheduleApr, generateSchedule, type RepaymentMethod, type TermUnit } from './domain/index.ts'
import { withScheduleErrors } from './inputs.ts'
import { getLoan, type LoanDetailDto, type LoanRow, lockLoan } from './loan-queries.ts'
import { disbursementFaults, type PaymentGateway, type PaymentResult, paymentGateway } from './payment-gateway.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { disbursements, installments, loans, loanTransactions, productVersions } from './schema.ts'

export type DisburseLoanOptions = {
  db: Database
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  /** migration of existing books: the money went out elsewhere, on this date, under this reference */
  external?: { reference: string; valueDate: string }
  gateway?: PaymentGateway
}

type Order = typeof disbursements.$inferSelect

export async function disburseLoan(o: DisburseLoanOptions): Promise<LoanDetailDto> {
  const ctx = dbContextOf(o.principal)
  const start = await o.db.tx(ctx, (tx) => claimOrder(tx, o))
  if (start.done) return o.db.tx(ctx, (tx) => getLoan(tx, o.principal, o.loanId))
  const result: PaymentResult = o.external
    ? { status: 'succeeded', bankRef: o.external.reference }
    : await askBank(o.gateway ?? (await paymentGateway()), start.order, start.mayHaveReachedBank)
  await disbursementFaults.afterBankCall?.(start.order.requestId)
  const outcome = await o.db.tx(ctx, (tx) => recordOutcome(tx, o, start.order.requestId, result))
  if (outcome !== 'succeeded')
    throw businessRule('servicing.disbursement_failed', { error: result.error ?? 'no answer from the bank' })
  return o.db.tx(ctx, (tx) => getLoan(tx, o.principal, o.loanId))
}

async function claimOrder(
  tx: Tx,
  o: DisburseLoanOptions,
): Promise<{ done: boolean; order: Order; mayHaveReachedBank: boolean }> {
  const loan = await lockLoan(tx, o.principal, o.loanId)
  const [existing] = await tx.select().from(disbursements).where(eq(disbursements.loanId, loan.id))
  if (loan.status !== 'pending_disbursement') {
    if (existing?.status === 'succeeded') return { done: true, order: existing, mayHaveReachedBank: true }
    throw businessRule('servicing.loan_status', { status: loan.status })
  }
  const net = dec(loan.principal).minus(loan.upfrontFee)
  const [order] = existing
    ? await tx
        .update(disbursements)
        .set({ status: 'sent', attempts: existing.attempts + 1, updatedAt: new Date() })
        .where(eq(disbursements.id, existing.id))
        .returning()
    : await tx
        .insert(disbursements)
        .values({
          institutionId: loan.institutionId,
          loanId: loan.id,
          requestId: `DSB-${loan.loanNo}-${loan.id.slice(0, 8)}`,
          amount: formatAmount(net),
          status: 'sent',
          attempts: 1,
        })
        .returning()
  await recordAudit(tx, o.actor, {
    operation: 'loan.disburse_attempt',
    objectType: 'loan',
    objectId: loan.id,
    institutionId: loan.institutionId,
    after: { requestId: order!.requestId, attempt: order!.attempts, amount: order!.amount },
  })
  return { done: false, order: order!, mayHaveReachedBank: existing !== undefined }
}

async function askBank(gateway: PaymentGateway, order: Order, mayHaveReachedBank: boolean): Promise<PaymentResult> {
  if (mayHaveReachedBank) {
    const known = await gateway.query(order.requestId)
    if (known.status === 'succeeded') return known
  }
  return gateway.pay({ requestId: order.requestId, amount: order.amount, reference: order.loanId })
}

async function recordOutcome(tx: Tx, o: DisburseLoanOptions, requestId: string, result: PaymentResult) {
  const loan = await lockLoan(tx, o.principal, o.loanId)
  const [order] = await tx.select().from(disbursements).where(eq(disbursements.requestId, requestId))
  if (loan.status !== 'pending_disbursement') return order!.status
  if (result.status !== 'succeeded') {
    await tx
      .update(disbursements)
      .set({
        status: result.status === 'failed' ? 'failed' : 'sent',
        lastError: result.error ?? null,
        updatedAt: new Date(),
      })
      .where(eq(disbursements.id, order!.id))
    await recordAudit(tx, o.actor, {
      operation: 'loan.disburse_failed',
      objectType: 'loan',
      objectId: loan.id,
      institutionId: loan.institutionId,
      after: { requestId, status: result.status, error: result.error ?? null },
    })
    return result.status
  }
  const businessDate = await getBusinessDate(tx, loan.institutionId)
  const valueDate = o.external?.valueDate ?? businessDate
  if (valueDate > businessDate) throw businessRule('servicing.field.value_date_future', { date: businessDate })
  await installLoan(tx, loan, valueDate, result.bankRef ?? null, o)
  await tx
    .update(disbursements)
    .set({ status: 'succeeded', bankRef: result.bankRef ?? null, lastError: null, updatedAt: new Date() })
    .where(eq(disbursements.id, order!.id))
  return 'succeeded'
}

async function installLoan(tx: Tx, loan: LoanRow, valueDate: string, bankRef: string | null, o: DisburseLoanOptions) {
  const [version] = await tx.select().from(productVersions).where(eq(productVersions.id, loan.productVersionId))
  const schedule = await withScheduleErrors(() =>
    generateSchedule({
      principal: dec(loan.principal),
      annualRate: dec(loan.annualRate),
      term: loan.term,
      termUnit: loan.termUnit as TermUnit,
      method: loan.method as RepaymentMethod,
      startDate: valueDate,
      dayCount: loan.dayCount as 'ACT/365',
      rounding: loan.rounding as 'half_up',
      fees: { upfront: dec(loan.upfrontFee), perInstallment: dec(version?.installmentFee ?? '0') },
    }),
  )
  const cents = (v: number) => formatAmount(dec(v).dividedBy(100))
  await tx.insert(installments).values(
    schedule.installments.map((i) => ({
      institutionId: loan.institutionId,
      loanId: loan.id,
      number: i.number,
      dueDate: i.dueDate,
      principalDue: cents(i.principal),
      interestDue: cents(i.interest),
      feeDue: cents(i.fee),
    })),
  )
  const apr = computeScheduleApr({ schedule })
  await tx
    .update(loans)
    .set({
      status: 'active',
      disbursedOn: valueDate,
      maturityDate: schedule.maturityDate,
      principalOutstanding: loan.principal,
      apr: apr.toFixed(8),
      revision: loan.revision + 1,
      updatedAt: new Date(),
    })
    .where(eq(loans.id, loan.id))
  const net = dec(loan.principal).minus(loan.upfrontFee)
  const [txn] = await tx
    .insert(loanTransactions)
    .values({
      institutionId: loan.institutionId,
      loanId: loan.id,
      type: 'disbursement',
      valueDate,
      amount: loan.principal,
      principalPortion: loan.principal,
      feePortion: loan.upfrontFee,
      channel: o.external ? 'external' : 'bank',
      externalRef: bankRef,
      createdBy: o.principal.userId,
    })
    .returning({ id: loanTransactions.id })
  await postJournalEntry(tx, {
    institutionId: loan.institutionId,
    entryDate: valueDate,
    eventType: 'disbursement',
    eventId: txn!.id,
    loanId: loan.id,
    description: `放款 ${loan.loanNo}`,
    lines: [
      { account: ACCOUNTS.principal, debit: loan.principal },
      { account: ACCOUNTS.cash, credit: formatAmount(net) },
      { account: ACCOUNTS.feeIncome, credit: loan.upfrontFee },
    ],
  })
  await emitEvent(tx, {
    institutionId: loan.institutionId,
    topic: 'loan.disbursed',
    aggregateType: 'loan',
    aggregateId: loan.id,
    businessDate: valueDate,
    payload: {
      loanId: loan.id,
      loanNo: loan.loanNo,
      customerId: loan.customerId,
      applicationId: loan.applicationId,
      principal: loan.principal,
      netAmount: formatAmount(net),
      valueDate,
      maturityDate: schedule.maturityDate,
      transactionId: txn!.id,
    },
  })
  await recordAudit(tx, o.actor, {
    operation: 'loan.disburse',
    objectType: 'loan',
    objectId: loan.id,
    institutionId: loan.institutionId,
    before: { status: loan.status },
    after: { status: 'active', valueDate, bankRef, apr: apr.toFixed(6), installments: schedule.installments.length },
  })
}
