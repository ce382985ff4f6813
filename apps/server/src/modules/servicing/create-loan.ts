/**
 * Opens a loan account (借据) from a product version: from an approved application (the origination
 * module calls this) or entered by staff, e.g. when migrating existing books. The loan copies the
 * terms it needs, so later product changes never touch it. It waits for disbursement; its schedule
 * is generated when the money goes out.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, fieldError } from '../../platform/errors.ts'
import { formatAmount } from '../../platform/money.ts'
import type { RepaymentMethod } from './domain/index.ts'
import { amountOf } from './inputs.ts'
import { nextLoanNo } from './loan-number.ts'
import { getLoan, type LoanDetailDto } from './loan-queries.ts'
import { productScope } from './product-queries.ts'
import { upfrontFeeFor } from './product-terms.ts'
import { loans, products, productVersions } from './schema.ts'

export type CreateLoanInput = {
  productId: string
  /** the version the application was approved under; default: the product's current version */
  productVersionId?: string
  amount: string
  term: number
  method?: RepaymentMethod
  borrowerName: string
  customerId?: string | null
  applicationId?: string | null
}

export type CreateLoanOptions = { tx: Tx; principal: StaffPrincipal; actor: Actor; input: CreateLoanInput }

async function resolveVersion(tx: Tx, principal: StaffPrincipal, input: CreateLoanInput) {
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, input.productId), productScope(principal)))
  if (!product) throw fieldError('body.productId', 'servicing.field.product_unknown')
  if (product.status !== 'listed' && !input.productVersionId) throw businessRule('servicing.product_not_listed')
  const versionId = input.productVersionId ?? product.currentVersionId!
  const [version] = await tx
    .select()
    .from(productVersions)
    .where(
      and(
        eq(productVersions.id, versionId),
        eq(productVersions.productId, product.id),
        inArray(productVersions.status, ['active', 'superseded']),
      ),
    )
  if (!version) throw fieldError('body.productVersionId', 'servicing.field.product_unknown')
  return { product, version }
}

export async function createLoan({ tx, principal, actor, input }: CreateLoanOptions): Promise<LoanDetailDto> {
  const amount = amountOf(input.amount, 'body.amount')
  const { product, version } = await resolveVersion(tx, principal, input)
  if (amount.lessThan(version.minAmount) || amount.greaterThan(version.maxAmount))
    throw fieldError('body.amount', 'servicing.field.amount_out_of_range', {
      min: version.minAmount,
      max: version.maxAmount,
    })
  if (!Number.isInteger(input.term) || input.term < version.minTerm || input.term > version.maxTerm)
    throw fieldError('body.term', 'servicing.field.term_out_of_range', { min: version.minTerm, max: version.maxTerm })
  const method = input.method ?? (version.methods[0] as RepaymentMethod)
  if (!version.methods.includes(method)) throw fieldError('body.method', 'servicing.field.method_not_offered')
  const institutionId = product.institutionId
  const loanNo = await nextLoanNo(tx, institutionId, await getBusinessDate(tx, institutionId))
  const [row] = await tx
    .insert(loans)
    .values({
      institutionId,
      loanNo,
      productId: product.id,
      productVersionId: version.id,
      customerId: input.customerId ?? null,
      applicationId: input.applicationId ?? null,
      borrowerName: input.borrowerName,
      status: 'pending_disbursement',
      principal: formatAmount(amount),
      annualRate: version.annualRate,
      term: input.term,
      termUnit: version.termUnit,
      method,
      dayCount: version.dayCount,
      rounding: version.rounding,
      penaltyRate: version.penaltyRate,
      penaltyBase: version.penaltyBase,
      graceDays: version.graceDays,
      allocationOrder: version.allocationOrder,
      upfrontFee: formatAmount(upfrontFeeFor(version, amount)),
      createdBy: principal.userId,
    })
    .returning({ id: loans.id })
  const dto = await getLoan(tx, principal, row!.id)
  await recordAudit(tx, actor, {
    operation: 'loan.create',
    objectType: 'loan',
    objectId: row!.id,
    institutionId,
    after: { loanNo, productId: product.id, versionId: version.id, amount: dto.principal, term: input.term, method },
  })
  return dto
}
