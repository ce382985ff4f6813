/** Creates a loan product (draft) with its first version, from as little as five fields. */
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { canSeeInstitution } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { getProduct, type ProductDetailDto } from './product-queries.ts'
import { type ProductTermsInput, resolveVersionTerms } from './product-terms.ts'
import { products, productVersions } from './schema.ts'

export type CreateProductOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: ProductTermsInput & { name: string; code?: string; category?: string; institutionId?: string }
}

export async function createProduct({ tx, principal, actor, input }: CreateProductOptions): Promise<ProductDetailDto> {
  const institutionId = input.institutionId ?? principal.institutionId
  if (!canSeeInstitution(principal, institutionId)) throw fieldError('body.institutionId', 'field.institution_unknown')
  const terms = resolveVersionTerms(input)
  const code = input.code ?? `P${randomBytes(4).toString('hex').toUpperCase()}`
  let productId: string
  try {
    const [row] = await tx
      .insert(products)
      .values({ institutionId, code, name: input.name, category: input.category ?? 'consumer', status: 'draft' })
      .returning({ id: products.id })
    productId = row!.id
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
  const [version] = await tx
    .insert(productVersions)
    .values({ institutionId, productId, version: 1, status: 'draft', ...terms, createdBy: principal.userId })
    .returning({ id: productVersions.id })
  await tx.update(products).set({ currentVersionId: version!.id }).where(eq(products.id, productId))
  const dto = await getProduct(tx, principal, productId)
  await recordAudit(tx, actor, {
    operation: 'product.create',
    objectType: 'product',
    objectId: productId,
    institutionId,
    after: { code, name: input.name, terms },
  })
  return dto
}
