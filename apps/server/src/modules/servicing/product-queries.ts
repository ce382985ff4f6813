/** Reading loan products and their versions within the caller's scope. */
import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { type ProductTermsInput, percentText, productApr, type VersionRow, versionToInput } from './product-terms.ts'
import { products, productVersions } from './schema.ts'

export type ProductVersionDto = ProductTermsInput & {
  id: string
  version: number
  status: string
  aprPercent: string
  withinCap: boolean
  createdBy: string | null
  approvedBy: string | null
  createdAt: string
}

export type ProductDto = {
  id: string
  institutionId: string
  code: string
  name: string
  category: string
  status: string
  currentVersion: ProductVersionDto | null
  createdAt: string
  updatedAt: string
}

export type ProductDetailDto = ProductDto & { versions: ProductVersionDto[] }

export function versionDto(v: VersionRow, today: string): ProductVersionDto {
  const apr = productApr(v, today)
  return {
    ...versionToInput(v),
    id: v.id,
    version: v.version,
    status: v.status,
    aprPercent: percentText(apr.apr),
    withinCap: apr.withinCap,
    createdBy: v.createdBy,
    approvedBy: v.approvedBy,
    createdAt: v.createdAt.toISOString(),
  }
}

type ProductRow = typeof products.$inferSelect

function productDto(p: ProductRow, current: VersionRow | undefined, today: string): ProductDto {
  return {
    id: p.id,
    institutionId: p.institutionId,
    code: p.code,
    name: p.name,
    category: p.category,
    status: p.status,
    currentVersion: current ? versionDto(current, today) : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}

export const productScope = (p: StaffPrincipal) => scopeCondition(p, { institution: products.institutionId })

export type ListProductsOptions = {
  page: number
  pageSize: number
  sort?: 'code' | 'name' | 'status' | 'createdAt' | 'updatedAt'
  order: 'asc' | 'desc'
  q?: string
  status?: string
  category?: string
  termUnit?: string
  institutionId?: string
}

const SORT = {
  code: products.code,
  name: products.name,
  status: products.status,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
}

const today = (p: StaffPrincipal) => p.businessDate ?? new Date().toISOString().slice(0, 10)

export async function listProducts(
  tx: Queryable,
  p: StaffPrincipal,
  o: ListProductsOptions,
): Promise<Page<ProductDto>> {
  const conds: (SQL | undefined)[] = [productScope(p)]
  if (o.q) {
    const like = `%${o.q.replace(/[%_\\]/g, '\\$&')}%`
    conds.push(or(ilike(products.name, like), ilike(products.code, like)))
  }
  if (o.status) conds.push(eq(products.status, o.status))
  if (o.category) conds.push(eq(products.category, o.category))
  if (o.institutionId) conds.push(eq(products.institutionId, o.institutionId))
  if (o.termUnit) conds.push(eq(productVersions.termUnit, o.termUnit))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(products)
    .leftJoin(productVersions, eq(productVersions.id, products.currentVersionId))
    .where(where)
  const rows = await tx
    .select({ product: products, version: productVersions })
    .from(products)
    .leftJoin(productVersions, eq(productVersions.id, products.currentVersionId))
    .where(where)
    .orderBy(orderBy(SORT[o.sort ?? 'createdAt'], o.order), products.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return {
    items: rows.map((r) => productDto(r.product, r.version ?? undefined, today(p))),
    total: Number(total),
    page: o.page,
    pageSize: o.pageSize,
  }
}

export async function getProduct(tx: Queryable, p: StaffPrincipal, id: string): Promise<ProductDetailDto> {
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, id), productScope(p)))
  if (!product) throw notFound()
  const versions = await tx
    .select()
    .from(productVersions)
    .where(eq(productVersions.productId, id))
    .orderBy(desc(productVersions.version))
  const current = versions.find((v) => v.id === product.currentVersionId)
  return { ...productDto(product, current, today(p)), versions: versions.map((v) => versionDto(v, today(p))) }
}

/** The product row locked for a change, inside the caller's scope, or 404. */
export async function lockProduct(tx: Queryable, p: StaffPrincipal, id: string) {
  const [row] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, id), productScope(p)))
    .for('update')
  if (!row) throw notFound()
  return row
}

export async function latestVersions(tx: Queryable, productId: string) {
  return tx
    .select()
    .from(productVersions)
    .where(eq(productVersions.productId, productId))
    .orderBy(asc(productVersions.version))
}
