/**
 * Origination policies, per institution and optionally per product: the approval chain tiers (by
 * amount and score) and whether every application goes to manual review. A product's own policy
 * wins over the institution default; with neither, the example policy of PRODUCT.md 3.5 applies.
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { fieldError } from '../../platform/errors.ts'
import { products } from '../servicing/schema.ts'
import { checkTiers, DEFAULT_TIERS } from './domain/approval-chain.ts'
import { type ApprovalTier, originationPolicies } from './schema.ts'

export type PolicyDto = { productId: string | null; alwaysManual: boolean; tiers: ApprovalTier[]; isDefault: boolean }

export async function policyFor(tx: Queryable, institutionId: string, productId: string): Promise<PolicyDto> {
  const rows = await tx
    .select()
    .from(originationPolicies)
    .where(
      and(
        eq(originationPolicies.institutionId, institutionId),
        or(isNull(originationPolicies.productId), eq(originationPolicies.productId, productId)),
      ),
    )
  const own = rows.find((r) => r.productId === productId) ?? rows.find((r) => r.productId === null)
  return own
    ? { productId: own.productId, alwaysManual: own.alwaysManual, tiers: own.tiers, isDefault: false }
    : { productId: null, alwaysManual: false, tiers: DEFAULT_TIERS, isDefault: true }
}

export async function listPolicies(tx: Queryable, p: StaffPrincipal): Promise<PolicyDto[]> {
  const rows = await tx.select().from(originationPolicies).where(eq(originationPolicies.institutionId, p.institutionId))
  const out = rows.map((r) => ({
    productId: r.productId,
    alwaysManual: r.alwaysManual,
    tiers: r.tiers,
    isDefault: false,
  }))
  if (!out.some((r) => r.productId === null))
    out.unshift({ productId: null, alwaysManual: false, tiers: DEFAULT_TIERS, isDefault: true })
  return out
}

export type PolicyInput = { productId: string | null; alwaysManual: boolean; tiers: ApprovalTier[] }

export async function savePolicy(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: PolicyInput
}): Promise<PolicyDto> {
  const { tx, principal, actor, input } = o
  if (input.productId) {
    const [prod] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.institutionId, principal.institutionId)))
    if (!prod) throw fieldError('body.productId', 'origination.field.product_unknown')
  }
  const problems = checkTiers(input.tiers)
  if (problems.length > 0) throw fieldError(`body.tiers.${problems[0]!.index}`, 'origination.field.tiers_invalid')
  const before = await policyFor(tx, principal.institutionId, input.productId ?? '00000000-0000-0000-0000-000000000000')
  await tx
    .delete(originationPolicies)
    .where(
      and(
        eq(originationPolicies.institutionId, principal.institutionId),
        input.productId ? eq(originationPolicies.productId, input.productId) : isNull(originationPolicies.productId),
      ),
    )
  await tx.insert(originationPolicies).values({
    institutionId: principal.institutionId,
    productId: input.productId,
    alwaysManual: input.alwaysManual,
    tiers: input.tiers,
    updatedBy: principal.userId,
    updatedAt: sql`now()`,
  })
  await recordAudit(tx, actor, {
    operation: 'origination.policy.save',
    objectType: 'origination_policy',
    objectId: input.productId ?? 'default',
    before: before.isDefault ? null : before,
    after: input,
  })
  return { ...input, isDefault: false }
}
