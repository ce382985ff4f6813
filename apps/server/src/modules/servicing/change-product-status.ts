/** Lists (上架) and delists (下架) a product. Listing checks the APR cap of every offer it allows. */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import type { Tx } from '../../platform/db/open.ts'
import { businessRule } from '../../platform/errors.ts'
import { getProduct, lockProduct, type ProductDetailDto } from './product-queries.ts'
import { percentText, productApr } from './product-terms.ts'
import { products, productVersions } from './schema.ts'

export type ProductStatusChange = 'list' | 'delist'

const ALLOWED_FROM: Record<ProductStatusChange, string[]> = { list: ['draft', 'delisted'], delist: ['listed'] }

export type ChangeProductStatusOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  change: ProductStatusChange
}

export async function changeProductStatus({
  tx,
  principal,
  actor,
  id,
  change,
}: ChangeProductStatusOptions): Promise<ProductDetailDto> {
  const product = await lockProduct(tx, principal, id)
  if (!ALLOWED_FROM[change].includes(product.status))
    throw businessRule('servicing.product_status', { status: product.status })
  if (change === 'list') {
    const [version] = await tx.select().from(productVersions).where(eq(productVersions.id, product.currentVersionId!))
    const apr = productApr(version!, await getBusinessDate(tx, product.institutionId))
    if (!apr.withinCap)
      throw businessRule('servicing.apr_above_cap', { apr: percentText(apr.apr), cap: percentText(apr.cap) })
    if (version!.status === 'draft')
      await tx.update(productVersions).set({ status: 'active' }).where(eq(productVersions.id, version!.id))
  }
  const status = change === 'list' ? 'listed' : 'delisted'
  await tx.update(products).set({ status, updatedAt: new Date() }).where(eq(products.id, id))
  await recordAudit(tx, actor, {
    operation: `product.${change}`,
    objectType: 'product',
    objectId: id,
    institutionId: product.institutionId,
    before: { status: product.status },
    after: { status },
  })
  return getProduct(tx, principal, id)
}
