/** Refunds (part of) a borrower's credit balance (客户挂账退款): debit customer credit, credit cash. */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import { ACCOUNTS } from './accounts.ts'
import { amountOf } from './inputs.ts'
import { lockLoan } from './loan-queries.ts'
import { c, s, saveLoan } from './loan-state.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { checkValueDate } from './post-repayment.ts'
import { loanTransactions } from './schema.ts'

export type RefundCreditOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  input: { amount: string; channel: string; externalRef?: string | null }
}

export async function refundCredit({ tx, principal, actor, loanId, input }: RefundCreditOptions) {
  const amount = c(amountOf(input.amount, 'body.amount').toFixed(2))
  const loan = await lockLoan(tx, principal, loanId)
  if (amount > c(loan.creditBalance))
    throw fieldError(
      'body.amount',
      'servicing.field.refund_exceeds_credit',
      { credit: loan.creditBalance },
      'business_rule',
    )
  const { valueDate } = await checkValueDate(tx, loan, undefined)
  const [txn] = await tx
    .insert(loanTransactions)
    .values({
      institutionId: loan.institutionId,
      loanId,
      type: 'refund',
      valueDate,
      amount: s(amount),
      creditPortion: s(amount),
      channel: input.channel,
      externalRef: input.externalRef ?? null,
      createdBy: principal.userId,
    })
    .returning({ id: loanTransactions.id })
  await postJournalEntry(tx, {
    institutionId: loan.institutionId,
    entryDate: valueDate,
    eventType: 'refund',
    eventId: txn!.id,
    loanId,
    lines: [
      { account: ACCOUNTS.customerCredit, debit: s(amount) },
      { account: ACCOUNTS.cash, credit: s(amount) },
    ],
  })
  const saved = await saveLoan(tx, loan, { creditBalance: s(c(loan.creditBalance) - amount) })
  await recordAudit(tx, actor, {
    operation: 'loan.refund',
    objectType: 'loan',
    objectId: loanId,
    institutionId: loan.institutionId,
    before: { creditBalance: loan.creditBalance },
    after: { creditBalance: saved.creditBalance, transactionId: txn!.id },
  })
  return { transactionId: txn!.id, amount: s(amount), creditBalance: saved.creditBalance }
}
