/**
 * Write-off (核销) with four-eyes approval (kind `loan.write_off`): everything still receivable goes
 * to write-off expense and the loan leaves the book. Money received later is a recovery (the
 * repayment route books it to recovery income).
 */

import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { registerApprovalKind, requestApproval } from '../../platform/approvals/approvals.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { ACCOUNTS } from './accounts.ts'
import { lockLoan } from './loan-queries.ts'
import { c, s, saveLoan } from './loan-state.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { loanTransactions } from './schema.ts'

const WRITABLE = new Set(['active', 'overdue'])
type WriteOffPayload = { loanId: string; reason: string }

export type RequestWriteOffOptions = { tx: Tx; principal: StaffPrincipal; actor: Actor; loanId: string; reason: string }

export async function requestWriteOff({ tx, principal, actor, loanId, reason }: RequestWriteOffOptions) {
  const loan = await lockLoan(tx, principal, loanId)
  if (!WRITABLE.has(loan.status)) throw businessRule('servicing.loan_status', { status: loan.status })
  return requestApproval({
    tx,
    principal,
    actor,
    kind: 'loan.write_off',
    institutionId: loan.institutionId,
    objectType: 'loan',
    objectId: loanId,
    summary: `${loan.loanNo} 核销 本金 ${loan.principalOutstanding}`,
    payload: { loanId, reason } satisfies WriteOffPayload,
  })
}

registerApprovalKind<WriteOffPayload>({
  kind: 'loan.write_off',
  approverOperation: 'writeoff.approve',
  async apply({ tx, principal, actor, payload }) {
    const loan = await lockLoan(tx, principal, payload.loanId)
    if (!WRITABLE.has(loan.status)) throw businessRule('servicing.loan_status', { status: loan.status })
    const parts = {
      principal: c(loan.principalOutstanding),
      interest: c(loan.interestOutstanding),
      fee: c(loan.feeOutstanding),
      penalty: c(loan.penaltyOutstanding),
    }
    const total = parts.principal + parts.interest + parts.fee + parts.penalty
    if (total === 0) throw businessRule('servicing.nothing_to_write_off')
    const businessDate = await getBusinessDate(tx, loan.institutionId)
    const [txn] = await tx
      .insert(loanTransactions)
      .values({
        institutionId: loan.institutionId,
        loanId: loan.id,
        type: 'write_off',
        valueDate: businessDate,
        amount: s(total),
        principalPortion: s(parts.principal),
        interestPortion: s(parts.interest),
        feePortion: s(parts.fee),
        penaltyPortion: s(parts.penalty),
        reason: payload.reason,
        createdBy: actor.id,
      })
      .returning({ id: loanTransactions.id })
    await postJournalEntry(tx, {
      institutionId: loan.institutionId,
      entryDate: businessDate,
      eventType: 'write_off',
      eventId: txn!.id,
      loanId: loan.id,
      description: payload.reason,
      lines: [
        { account: ACCOUNTS.writeOffExpense, debit: s(total) },
        { account: ACCOUNTS.principal, credit: s(parts.principal) },
        { account: ACCOUNTS.interestReceivable, credit: s(parts.interest) },
        { account: ACCOUNTS.feeReceivable, credit: s(parts.fee) },
        { account: ACCOUNTS.penaltyReceivable, credit: s(parts.penalty) },
      ],
    })
    await saveLoan(tx, loan, {
      status: 'written_off',
      writtenOffOn: businessDate,
      principalOutstanding: '0.00',
      interestOutstanding: '0.00',
      feeOutstanding: '0.00',
      penaltyOutstanding: '0.00',
    })
    await emitEvent(tx, {
      institutionId: loan.institutionId,
      topic: 'loan.written_off',
      aggregateType: 'loan',
      aggregateId: loan.id,
      businessDate,
      payload: {
        loanId: loan.id,
        loanNo: loan.loanNo,
        customerId: loan.customerId,
        principal: s(parts.principal),
        total: s(total),
        reason: payload.reason,
        transactionId: txn!.id,
      },
    })
    await recordAudit(tx, actor, {
      operation: 'loan.write_off',
      objectType: 'loan',
      objectId: loan.id,
      institutionId: loan.institutionId,
      before: { status: loan.status, principalOutstanding: loan.principalOutstanding },
      after: { status: 'written_off', transactionId: txn!.id, total: s(total) },
    })
    return { transactionId: txn!.id }
  },
})
