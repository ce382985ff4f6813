/**
 * Credit lines (额度): granted from the quota of `pre_review` when an application is approved (the
 * larger of the existing line and the new quota), used by loans and restored by repayment. The
 * available amount is computed, never stored: line − outstanding principal of the customer's loans
 * that are not closed (pending disbursement, active, overdue) in the same institution. A repayment
 * lowers the outstanding principal and so restores the line at once, with no event to miss.
 */
import { and, eq, sql } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { dec, formatAmount, max } from '../../platform/money.ts'
import { creditLines } from './schema.ts'

export type CreditLineDto = {
  id: string
  customerId: string
  amount: string
  used: string
  available: string
  status: string
}

export async function creditLineOf(tx: Tx, institutionId: string, customerId: string): Promise<CreditLineDto | null> {
  const [line] = await tx
    .select()
    .from(creditLines)
    .where(and(eq(creditLines.institutionId, institutionId), eq(creditLines.customerId, customerId)))
  if (!line) return null
  const [used] = await queryRows<{ used: string }>(
    tx,
    sql`select coalesce(sum(case when status = 'pending_disbursement' then principal else principal_outstanding end), 0)::text as used
      from loans where institution_id = ${institutionId}::uuid and customer_id = ${customerId}::uuid
      and status in ('pending_disbursement', 'disbursing', 'active', 'overdue')`,
  )
  const usedAmount = dec(used?.used ?? '0')
  const available = max(dec(line.amount).minus(usedAmount), dec(0))
  return {
    id: line.id,
    customerId,
    amount: line.amount,
    used: formatAmount(usedAmount),
    available: formatAmount(available),
    status: line.status,
  }
}

export async function grantCreditLine(
  tx: Tx,
  actor: Actor,
  o: { institutionId: string; customerId: string; amount: string; applicationId: string; riskReportId: string | null },
): Promise<void> {
  const [existing] = await tx
    .select()
    .from(creditLines)
    .where(and(eq(creditLines.institutionId, o.institutionId), eq(creditLines.customerId, o.customerId)))
    .for('update')
  const amount = formatAmount(existing ? max(dec(existing.amount), dec(o.amount)) : dec(o.amount))
  if (existing && existing.amount === amount) return
  if (existing)
    await tx
      .update(creditLines)
      .set({ amount, grantedByApplicationId: o.applicationId, riskReportId: o.riskReportId, updatedAt: new Date() })
      .where(eq(creditLines.id, existing.id))
  else
    await tx.insert(creditLines).values({
      institutionId: o.institutionId,
      customerId: o.customerId,
      amount,
      grantedByApplicationId: o.applicationId,
      riskReportId: o.riskReportId,
    })
  await recordAudit(tx, actor, {
    operation: 'credit_line.grant',
    // on the application that granted it (one audit chain per routing transaction); the customer is in the record
    objectType: 'application',
    objectId: o.applicationId,
    institutionId: o.institutionId,
    before: existing ? { amount: existing.amount } : null,
    after: { amount, customerId: o.customerId },
  })
}
