/**
 * Waivers (减免) of penalty, fees and interest, with four-eyes approval (kind `loan.waiver`). The
 * request records the proposal; a second person's approval applies it: oldest installment first per
 * component, and what the daily close had already booked as receivable is reversed out of income.
 */

import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { registerApprovalKind, requestApproval } from '../../platform/approvals/approvals.ts'
import type { Actor } from '../../platform/audit/record.ts'
import { recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { ACCOUNTS } from './accounts.ts'
import { amountOrZeroOf } from './inputs.ts'
import { loadSchedule, lockLoan } from './loan-queries.ts'
import { c, owedOn, receivableOn, s, saveLoan, statusAfter } from './loan-state.ts'
import { postJournalEntry } from './post-journal-entry.ts'
import { installments, loanTransactions } from './schema.ts'

export type WaiverComponent = 'penalty' | 'fee' | 'interest'
export type WaiverInput = { penalty?: string; fee?: string; interest?: string; reason: string }
type WaiverPayload = { loanId: string; amounts: Record<WaiverComponent, number>; reason: string }

const WAIVABLE = new Set(['active', 'overdue'])
const COMPONENTS: WaiverComponent[] = ['penalty', 'fee', 'interest']
const WAIVED_COL = { penalty: 'penaltyWaived', fee: 'feeWaived', interest: 'interestWaived' } as const
const RECEIVABLE = {
  penalty: ACCOUNTS.penaltyReceivable,
  fee: ACCOUNTS.feeReceivable,
  interest: ACCOUNTS.interestReceivable,
}
const INCOME = { penalty: ACCOUNTS.penaltyIncome, fee: ACCOUNTS.feeIncome, interest: ACCOUNTS.interestIncome }
const OUTSTANDING = { penalty: 'penaltyOutstanding', fee: 'feeOutstanding', interest: 'interestOutstanding' } as const

export type RequestWaiverOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  loanId: string
  input: WaiverInput
}

export async function requestWaiver({ tx, principal, actor, loanId, input }: RequestWaiverOptions) {
  const loan = await lockLoan(tx, principal, loanId)
  if (!WAIVABLE.has(loan.status)) throw businessRule('servicing.loan_status', { status: loan.status })
  const schedule = await loadSchedule(tx, loanId)
  const amounts = { penalty: 0, fee: 0, interest: 0 }
  for (const k of COMPONENTS) {
    const raw = input[k]
    if (raw === undefined) continue
    amounts[k] = c(amountOrZeroOf(raw, `body.${k}`).toFixed(2))
    const owed = schedule.reduce((t, r) => t + owedOn(r, k), 0)
    if (amounts[k] > owed)
      throw fieldError(`body.${k}`, 'servicing.field.waiver_exceeds', { component: k, owed: s(owed) })
  }
  if (amounts.penalty + amounts.fee + amounts.interest === 0) throw fieldError('body', 'servicing.field.waiver_empty')
  return requestApproval({
    tx,
    principal,
    actor,
    kind: 'loan.waiver',
    institutionId: loan.institutionId,
    objectType: 'loan',
    objectId: loanId,
    summary: `${loan.loanNo} 减免 penalty ${s(amounts.penalty)} fee ${s(amounts.fee)} interest ${s(amounts.interest)}`,
    payload: { loanId, amounts, reason: input.reason } satisfies WaiverPayload,
  })
}

registerApprovalKind<WaiverPayload>({
  kind: 'loan.waiver',
  approverOperation: 'waiver.approve',
  async apply({ tx, principal, actor, payload }) {
    const loan = await lockLoan(tx, principal, payload.loanId)
    if (!WAIVABLE.has(loan.status)) throw businessRule('servicing.loan_status', { status: loan.status })
    const businessDate = await getBusinessDate(tx, loan.institutionId)
    const schedule = await loadSchedule(tx, loan.id)
    const lines = []
    const changes: Record<string, string> = {}
    for (const k of COMPONENTS) {
      let left = payload.amounts[k]
      const owedTotal = schedule.reduce((t, r) => t + owedOn(r, k), 0)
      if (left > owedTotal) throw businessRule('servicing.field.waiver_exceeds', { component: k, owed: s(owedTotal) })
      let receivable = 0
      for (const row of schedule) {
        const take = Math.min(left, owedOn(row, k))
        if (take === 0) continue
        // what the daily close already booked is reversed out of income; the rest is marked
        // recognised-and-waived so that the close never accrues it later
        const booked = k === 'penalty' ? take : Math.min(take, receivableOn(row, k))
        receivable += booked
        const set: Record<string, string> = { [WAIVED_COL[k]]: s(c(row[WAIVED_COL[k]]) + take) }
        if (k !== 'penalty') {
          const col = k === 'interest' ? 'interestRecognized' : 'feeRecognized'
          set[col] = s(c(row[col]) + take - booked)
        }
        Object.assign(row, set)
        await tx.update(installments).set(set).where(eq(installments.id, row.id))
        left -= take
      }
      const booked = Math.min(receivable, c(loan[OUTSTANDING[k]]))
      changes[OUTSTANDING[k]] = s(c(loan[OUTSTANDING[k]]) - booked)
      if (booked > 0)
        lines.push({ account: INCOME[k], debit: s(booked) }, { account: RECEIVABLE[k], credit: s(booked) })
    }
    const total = payload.amounts.penalty + payload.amounts.fee + payload.amounts.interest
    const [txn] = await tx
      .insert(loanTransactions)
      .values({
        institutionId: loan.institutionId,
        loanId: loan.id,
        type: 'waiver',
        valueDate: businessDate,
        amount: s(total),
        penaltyPortion: s(payload.amounts.penalty),
        feePortion: s(payload.amounts.fee),
        interestPortion: s(payload.amounts.interest),
        reason: payload.reason,
        createdBy: actor.id,
      })
      .returning({ id: loanTransactions.id })
    await postJournalEntry(tx, {
      institutionId: loan.institutionId,
      entryDate: businessDate,
      eventType: 'waiver',
      eventId: txn!.id,
      loanId: loan.id,
      description: payload.reason,
      lines,
    })
    const after = { ...loan, ...changes }
    const saved = await saveLoan(tx, loan, { ...changes, ...statusAfter(after, schedule, businessDate, businessDate) })
    await recordAudit(tx, actor, {
      operation: 'loan.waiver',
      objectType: 'loan',
      objectId: loan.id,
      institutionId: loan.institutionId,
      after: { transactionId: txn!.id, amounts: payload.amounts, status: saved.status },
    })
    return { transactionId: txn!.id }
  },
})
