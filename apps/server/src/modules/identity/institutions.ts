/** Institutions (金融机构): onboarding with standard roles, listing, editing, business date. */
import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import { dbContextOf, type StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate, setBusinessDate } from '../../platform/clock.ts'
import { type IsoDate, todayUtc } from '../../platform/dates.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { businessDates } from '../../platform/db/schema.ts'
import { fieldError, isUniqueViolation, notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { INSTITUTION_ROLES, PLATFORM_ROLES, type RoleTemplate } from './personas.ts'
import { institutions, positions, roles } from './schema.ts'

export type InstitutionDto = {
  id: string
  code: string
  name: string
  kind: 'platform' | 'lender'
  status: 'active' | 'suspended'
  businessDate: string
  userCount: number
  createdAt: string
}

function scopeOf(p: StaffPrincipal): SQL | undefined {
  return dbContextOf(p).scope === 'platform' ? undefined : eq(institutions.id, p.institutionId)
}

// qualified by hand: inside a sub-select drizzle renders columns without their table
const userCount = sql<number>`(select count(*)::int from users u where u.institution_id = "institutions"."id")`

function toDto(
  row: typeof institutions.$inferSelect & { businessDate: string | null; userCount: number },
): InstitutionDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as InstitutionDto['kind'],
    status: row.status as InstitutionDto['status'],
    businessDate: row.businessDate ?? todayUtc(),
    userCount: Number(row.userCount),
    createdAt: row.createdAt.toISOString(),
  }
}

export type ListInstitutionsOptions = {
  page: number
  pageSize: number
  sort?: 'code' | 'name' | 'createdAt'
  order: 'asc' | 'desc'
  q?: string
  status?: 'active' | 'suspended'
}

export async function listInstitutions(
  tx: Queryable,
  p: StaffPrincipal,
  o: ListInstitutionsOptions,
): Promise<Page<InstitutionDto>> {
  const conds: (SQL | undefined)[] = [scopeOf(p)]
  if (o.q) conds.push(or(ilike(institutions.name, `%${o.q}%`), ilike(institutions.code, `%${o.q}%`)))
  if (o.status) conds.push(eq(institutions.status, o.status))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(institutions).where(where)
  const sortCol = { code: institutions.code, name: institutions.name, createdAt: institutions.createdAt }[
    o.sort ?? 'createdAt'
  ]
  const rows = await tx
    .select({ ...institutionColumns, businessDate: businessDates.businessDate, userCount })
    .from(institutions)
    .leftJoin(businessDates, eq(businessDates.institutionId, institutions.id))
    .where(where)
    .orderBy(orderBy(sortCol, o.order), institutions.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map(toDto), total: Number(total), page: o.page, pageSize: o.pageSize }
}

const institutionColumns = {
  id: institutions.id,
  code: institutions.code,
  name: institutions.name,
  kind: institutions.kind,
  status: institutions.status,
  createdAt: institutions.createdAt,
  updatedAt: institutions.updatedAt,
}

export async function getInstitution(tx: Queryable, p: StaffPrincipal, id: string): Promise<InstitutionDto> {
  const [row] = await tx
    .select({ ...institutionColumns, businessDate: businessDates.businessDate, userCount })
    .from(institutions)
    .leftJoin(businessDates, eq(businessDates.institutionId, institutions.id))
    .where(and(eq(institutions.id, id), scopeOf(p)))
  if (!row) throw notFound()
  return toDto(row)
}

/** Creates the standard roles and positions of a new institution. */
export async function seedRoles(tx: Queryable, institutionId: string, templates: RoleTemplate[]): Promise<void> {
  for (const role of templates) {
    const [r] = await tx
      .insert(roles)
      .values({ institutionId, code: role.code, name: role.name })
      .returning({ id: roles.id })
    if (role.positions.length > 0)
      await tx.insert(positions).values(
        role.positions.map((p) => ({
          institutionId,
          roleId: r!.id,
          code: p.code,
          name: p.name,
          scope: p.scope,
          operations: p.operations,
        })),
      )
  }
}

/** Modules that keep per-institution setup (e.g. servicing's chart of accounts) hook in here. */
const onCreateHooks: ((tx: Queryable, institutionId: string) => Promise<void>)[] = []
export function onInstitutionCreated(hook: (tx: Queryable, institutionId: string) => Promise<void>): void {
  onCreateHooks.push(hook)
}

export type CreateInstitutionOptions = {
  tx: Queryable
  actor: Actor
  input: { code: string; name: string; kind?: 'lender' | 'platform' }
  businessDate?: IsoDate
}

export async function createInstitution({ tx, actor, input, businessDate }: CreateInstitutionOptions): Promise<string> {
  const kind = input.kind ?? 'lender'
  let id: string
  try {
    const [row] = await tx
      .insert(institutions)
      .values({ code: input.code, name: input.name, kind })
      .returning({ id: institutions.id })
    id = row!.id
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
  await seedRoles(tx, id, kind === 'platform' ? PLATFORM_ROLES : INSTITUTION_ROLES)
  await setBusinessDate(tx, id, businessDate ?? todayUtc())
  for (const hook of onCreateHooks) await hook(tx, id)
  await recordAudit(tx, actor, {
    operation: 'institution.create',
    objectType: 'institution',
    objectId: id,
    institutionId: id,
    after: { code: input.code, name: input.name, kind },
  })
  return id
}

export type UpdateInstitutionOptions = {
  tx: Queryable
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: { name?: string; status?: 'active' | 'suspended' }
}

export async function updateInstitution({
  tx,
  principal,
  actor,
  id,
  input,
}: UpdateInstitutionOptions): Promise<InstitutionDto> {
  const before = await getInstitution(tx, principal, id)
  await tx
    .update(institutions)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(institutions.id, id))
  const after = await getInstitution(tx, principal, id)
  await recordAudit(tx, actor, {
    operation: 'institution.update',
    objectType: 'institution',
    objectId: id,
    institutionId: id,
    before: { name: before.name, status: before.status },
    after: { name: after.name, status: after.status },
  })
  return after
}

export { getBusinessDate }
