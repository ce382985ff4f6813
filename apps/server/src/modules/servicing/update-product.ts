/**
 * Edits a product. A draft is edited in place. A product that has been listed keeps its versions:
 * an edit makes a new version — at once when only non-pricing terms change, and through four-eyes
 * approval (kind `product.pricing`) when the price a borrower pays changes.
 */
import { and, eq, max } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { registerApprovalKind, requestApproval } from '../../platform/approvals/approvals.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule, notFound } from '../../platform/errors.ts'
import { dec } from '../../platform/money.ts'
import { getProduct, lockProduct, type ProductDetailDto } from './product-queries.ts'
import {
  PRICING_FIELDS,
  type ProductTermsInput,
  percentText,
  productApr,
  resolveVersionTerms,
  type VersionValues,
  versionToInput,
} from './product-terms.ts'
import { products, productVersions } from './schema.ts'

export type UpdateProductInput = Partial<ProductTermsInput> & { name?: string; category?: string }

export type UpdateProductOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: UpdateProductInput
}

export type UpdateProductResult = ProductDetailDto & { approvalId: string | null }

const TERM_KEYS = (input: UpdateProductInput) => Object.keys(input).filter((k) => k !== 'name' && k !== 'category')

function assertWithinCap(values: VersionValues, today: string) {
  const apr = productApr(values, today)
  if (!apr.withinCap)
    throw businessRule('servicing.apr_above_cap', { apr: percentText(apr.apr), cap: percentText(apr.cap) })
}

export async function updateProduct({
  tx,
  principal,
  actor,
  id,
  input,
}: UpdateProductOptions): Promise<UpdateProductResult> {
  const product = await lockProduct(tx, principal, id)
  const [current] = await tx.select().from(productVersions).where(eq(productVersions.id, product.currentVersionId!))
  if (!current) throw notFound()
  const before = { name: product.name, category: product.category, terms: versionToInput(current) }
  if (input.name !== undefined || input.category !== undefined)
    await tx
      .update(products)
      .set({ name: input.name ?? product.name, category: input.category ?? product.category, updatedAt: new Date() })
      .where(eq(products.id, id))
  let approvalId: string | null = null
  if (TERM_KEYS(input).length > 0) {
    const { name: _n, category: _c, ...termInput } = input
    const merged = resolveVersionTerms({ ...versionToInput(current), ...termInput })
    if (product.status === 'draft') {
      await tx.update(productVersions).set(merged).where(eq(productVersions.id, current.id))
    } else {
      const pricingChanged = PRICING_FIELDS.some((f) => String(merged[f]) !== String(current[f]))
      const today = await getBusinessDate(tx, product.institutionId)
      if (product.status === 'listed') assertWithinCap(merged, today)
      const [{ last } = { last: 0 }] = await tx
        .select({ last: max(productVersions.version) })
        .from(productVersions)
        .where(eq(productVersions.productId, id))
      const [version] = await tx
        .insert(productVersions)
        .values({
          institutionId: product.institutionId,
          productId: id,
          version: Number(last) + 1,
          status: pricingChanged ? 'pending_approval' : 'active',
          ...merged,
          createdBy: principal.userId,
        })
        .returning({ id: productVersions.id, version: productVersions.version })
      if (pricingChanged) {
        const approval = await requestApproval({
          tx,
          principal,
          actor,
          kind: 'product.pricing',
          institutionId: product.institutionId,
          objectType: 'product',
          objectId: id,
          summary: `${product.name} v${version!.version}: ${percentText(dec(merged.annualRate))}%`,
          payload: { productId: id, versionId: version!.id },
        })
        approvalId = approval.id
      } else await activateVersion(tx, id, current.id, version!.id, null)
    }
  }
  const after = await getProduct(tx, principal, id)
  await recordAudit(tx, actor, {
    operation: 'product.update',
    objectType: 'product',
    objectId: id,
    institutionId: product.institutionId,
    before,
    after: { name: after.name, category: after.category, input, approvalId },
  })
  return { ...after, approvalId }
}

async function activateVersion(tx: Tx, productId: string, oldId: string, newId: string, approvedBy: string | null) {
  await tx.update(productVersions).set({ status: 'superseded' }).where(eq(productVersions.id, oldId))
  await tx.update(productVersions).set({ status: 'active', approvedBy }).where(eq(productVersions.id, newId))
  await tx.update(products).set({ currentVersionId: newId, updatedAt: new Date() }).where(eq(products.id, productId))
}

type PricingPayload = { productId: string; versionId: string }

async function pendingVersion(tx: Tx, payload: PricingPayload) {
  const [version] = await tx
    .select()
    .from(productVersions)
    .where(and(eq(productVersions.id, payload.versionId), eq(productVersions.status, 'pending_approval')))
  if (!version) throw businessRule('approval.not_pending')
  return version
}

registerApprovalKind<PricingPayload>({
  kind: 'product.pricing',
  approverOperation: 'product.approve',
  async apply({ tx, actor, payload }) {
    const version = await pendingVersion(tx, payload)
    const [product] = await tx.select().from(products).where(eq(products.id, payload.productId)).for('update')
    if (!product) throw notFound()
    if (product.status === 'listed') assertWithinCap(version, await getBusinessDate(tx, product.institutionId))
    await activateVersion(tx, product.id, product.currentVersionId!, version.id, actor.id)
    await recordAudit(tx, actor, {
      operation: 'product.pricing_apply',
      objectType: 'product',
      objectId: product.id,
      institutionId: product.institutionId,
      after: { versionId: version.id, version: version.version },
    })
    return { versionId: version.id, version: version.version }
  },
  async reject({ tx, payload }) {
    const version = await pendingVersion(tx, payload)
    await tx.update(productVersions).set({ status: 'rejected' }).where(eq(productVersions.id, version.id))
  },
})
