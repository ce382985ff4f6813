/**
 * Disbursement of a signed application through the servicing module: the loan is opened
 * (`createLoan`, once — its id is kept on the application) and paid out (`disburseLoan`, crash-safe
 * and never twice); then the application is `disbursed`. A failed payment leaves it `disbursing`
 * for a retry (POST /applications/:id/disburse, Idempotency-Key).
 */
import { eq } from 'drizzle-orm'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Database, Tx } from '../../platform/db/open.ts'
import { AppError, businessRule } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { createLoan, disburseLoan } from '../servicing/index.ts'
import { lockApplication } from './route-application.ts'
import { applications } from './schema.ts'
import { originationActor, originationPrincipal } from './system-principal.ts'

/** Inside the signing transaction: approved → disbursing, and the loan account is opened. */
export async function openLoanFor(tx: Tx, actor: Actor, applicationId: string) {
  const app = await lockApplication(tx, applicationId)
  if (app.status !== 'approved') throw businessRule('origination.status', { status: app.status })
  const principal = await originationPrincipal(tx, app.institutionId)
  const loan = await createLoan({
    tx,
    principal,
    actor: originationActor(app.institutionId, actor.ip),
    input: {
      productId: app.productId,
      productVersionId: app.productVersionId,
      amount: app.amount,
      term: app.term,
      method: app.method as never,
      borrowerName: app.applicant.name,
      customerId: app.customerId,
      applicationId: app.id,
    },
  })
  await tx
    .update(applications)
    .set({ status: 'disbursing', loanId: loan.id, updatedAt: new Date() })
    .where(eq(applications.id, app.id))
  await recordAudit(tx, actor, {
    operation: 'application.disbursing',
    objectType: 'application',
    objectId: app.id,
    institutionId: app.institutionId,
    before: { status: app.status },
    after: { status: 'disbursing', loanId: loan.id, loanNo: loan.loanNo },
  })
  return loan
}

/** Outside any transaction: pays out and marks the application disbursed. */
export async function disburseApplication(
  db: Database,
  applicationId: string,
  institutionId: string,
  ip: string | null,
) {
  const ctx = { scope: 'institution' as const, institutionId }
  const { app, principal } = await db.tx(ctx, async (tx) => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId))
    return { app: row!, principal: await originationPrincipal(tx, institutionId) }
  })
  if (app.status === 'disbursed') return app
  if (app.status !== 'disbursing' || !app.loanId) throw businessRule('origination.status', { status: app.status })
  const actor = originationActor(institutionId, ip)
  try {
    await disburseLoan({ db, principal, actor, loanId: app.loanId })
  } catch (err) {
    if (err instanceof AppError && err.code === 'business_rule')
      throw businessRule('origination.disbursement_failed', {
        error: err.detailParams?.error ?? err.detailKey ?? 'unknown',
      })
    throw err
  }
  return db.tx(ctx, async (tx) => {
    const row = await lockApplication(tx, applicationId)
    if (row.status === 'disbursed') return row
    const [done] = await tx
      .update(applications)
      .set({ status: 'disbursed', disbursedAt: new Date(), updatedAt: new Date() })
      .where(eq(applications.id, row.id))
      .returning()
    await recordAudit(tx, actor, {
      operation: 'application.disbursed',
      objectType: 'application',
      objectId: row.id,
      institutionId,
      before: { status: row.status },
      after: { status: 'disbursed', loanId: row.loanId },
    })
    await emitEvent(tx, {
      institutionId,
      topic: 'application.disbursed',
      aggregateType: 'application',
      aggregateId: row.id,
      payload: { customerId: row.customerId, appNo: row.appNo, loanId: row.loanId, amount: row.amount },
    })
    return done!
  })
}
