/**
 * In-branch signature (柜面签约) of a staff-entered application: the borrower is at the counter, signs
 * the printed or on-screen contract, and the staff member records it after checking the original ID
 * document. The same evidence as an H5 signature is stored (consent, time, IP, device, document
 * hash) plus who recorded it; then the loan is opened in the same transaction. Applications made in
 * the H5 are signed by the borrower there — staff cannot sign on their behalf.
 */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Actor } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { findApplication } from './application-queries.ts'
import { signContract } from './contracts.ts'
import { openLoanFor } from './disburse-application.ts'

export type SignInBranchInput = { consent: boolean; identityChecked: boolean; device?: string }

export type SignInBranchOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  applicationId: string
  input: SignInBranchInput
  request: { ip: string; userAgent: string | null }
}

/** Statuses in which a contract exists: approved (to sign) and later (already signed → 409). */
const CONTRACT_STATUSES = ['approved', 'disbursing', 'disbursed']

export async function signInBranch(o: SignInBranchOptions) {
  const { tx, principal, actor, input } = o
  const app = await findApplication(tx, principal, o.applicationId)
  if (app.channel !== 'staff') throw businessRule('origination.sign_in_h5')
  if (!CONTRACT_STATUSES.includes(app.status)) throw businessRule('origination.status', { status: app.status })
  if (input.identityChecked !== true)
    throw fieldError('body.identityChecked', 'origination.field.identity_check_required')
  const signature = await signContract(tx, actor, app, input, o.request, {
    method: 'in_branch',
    staffId: principal.userId,
    staffName: principal.displayName,
    identityChecked: true,
  })
  await openLoanFor(tx, actor, app.id)
  return { ...signature, applicationId: app.id, institutionId: app.institutionId }
}
