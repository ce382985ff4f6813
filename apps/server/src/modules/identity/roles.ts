/** Roles (角色), positions (岗位) and teams of an institution. */
import { and, eq, type SQL, sql } from 'drizzle-orm'
import { isKnownOperation } from '../../platform/access/operations.ts'
import { canSeeInstitution, dbContextOf, type Scope, type StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation, notFound } from '../../platform/errors.ts'
import { institutions, positions, roles, teams } from './schema.ts'

function instScope(
  p: StaffPrincipal,
  col: typeof roles.institutionId | typeof positions.institutionId | typeof teams.institutionId,
): SQL | undefined {
  return dbContextOf(p).scope === 'platform' ? undefined : eq(col, p.institutionId)
}

function targetInstitution(p: StaffPrincipal, requested: string | undefined): string {
  const id = requested ?? p.institutionId
  if (!canSeeInstitution(p, id)) throw fieldError('body.institutionId', 'field.institution_unknown')
  return id
}

async function institutionKind(tx: Queryable, id: string): Promise<string> {
  const [row] = await tx.select({ kind: institutions.kind }).from(institutions).where(eq(institutions.id, id))
  if (!row) throw fieldError('body.institutionId', 'field.institution_unknown')
  return row.kind
}

export type RoleDto = { id: string; institutionId: string; code: string; name: string; positionCount: number }

export async function listRoles(tx: Queryable, p: StaffPrincipal, institutionId?: string): Promise<RoleDto[]> {
  const rows = await tx
    .select({
      id: roles.id,
      institutionId: roles.institutionId,
      code: roles.code,
      name: roles.name,
      positionCount: sql<number>`(select count(*)::int from positions p where p.role_id = "roles"."id")`,
    })
    .from(roles)
    .where(and(instScope(p, roles.institutionId), institutionId ? eq(roles.institutionId, institutionId) : undefined))
    .orderBy(roles.institutionId, roles.code)
  return rows.map((r) => ({ ...r, positionCount: Number(r.positionCount) }))
}

export async function createRole(
  tx: Queryable,
  p: StaffPrincipal,
  actor: Actor,
  input: { code: string; name: string; institutionId?: string },
) {
  const institutionId = targetInstitution(p, input.institutionId)
  await institutionKind(tx, institutionId)
  try {
    const [row] = await tx.insert(roles).values({ institutionId, code: input.code, name: input.name }).returning()
    await recordAudit(tx, actor, {
      operation: 'role.create',
      objectType: 'role',
      objectId: row!.id,
      institutionId,
      after: input,
    })
    return { id: row!.id, institutionId, code: row!.code, name: row!.name, positionCount: 0 }
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
}

export async function renameRole(
  tx: Queryable,
  p: StaffPrincipal,
  actor: Actor,
  id: string,
  name: string,
): Promise<RoleDto> {
  const [row] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), instScope(p, roles.institutionId)))
  if (!row) throw notFound()
  await tx.update(roles).set({ name }).where(eq(roles.id, id))
  await recordAudit(tx, actor, {
    operation: 'role.update',
    objectType: 'role',
    objectId: id,
    institutionId: row.institutionId,
    before: { name: row.name },
    after: { name },
  })
  const [dto] = (await listRoles(tx, p)).filter((r) => r.id === id)
  return dto!
}

export type PositionDto = {
  id: string
  institutionId: string
  roleId: string
  roleName: string
  code: string
  name: string
  scope: Scope
  operations: string[]
  userCount: number
}

export async function listPositions(
  tx: Queryable,
  p: StaffPrincipal,
  filter: { institutionId?: string; roleId?: string } = {},
): Promise<PositionDto[]> {
  const rows = await tx
    .select({
      id: positions.id,
      institutionId: positions.institutionId,
      roleId: positions.roleId,
      roleName: roles.name,
      code: positions.code,
      name: positions.name,
      scope: positions.scope,
      operations: positions.operations,
      userCount: sql<number>`(select count(*)::int from user_positions up where up.position_id = "positions"."id")`,
    })
    .from(positions)
    .innerJoin(roles, eq(roles.id, positions.roleId))
    .where(
      and(
        instScope(p, positions.institutionId),
        filter.institutionId ? eq(positions.institutionId, filter.institutionId) : undefined,
        filter.roleId ? eq(positions.roleId, filter.roleId) : undefined,
      ),
    )
    .orderBy(positions.institutionId, positions.code)
  return rows.map((r) => ({ ...r, scope: r.scope as Scope, userCount: Number(r.userCount) }))
}

function checkOperations(operations: string[]) {
  for (const op of operations)
    if (!isKnownOperation(op)) throw fieldError('body.operations', 'field.operation_unknown', { value: op })
}

export type PositionInput = {
  roleId: string
  code: string
  name: string
  scope: Scope
  operations: string[]
  institutionId?: string
}

export async function createPosition(
  tx: Queryable,
  p: StaffPrincipal,
  actor: Actor,
  input: PositionInput,
): Promise<PositionDto> {
  const institutionId = targetInstitution(p, input.institutionId)
  const kind = await institutionKind(tx, institutionId)
  if (input.scope === 'platform' && kind !== 'platform') throw fieldError('body.scope', 'field.scope_too_wide')
  checkOperations(input.operations)
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, input.roleId), eq(roles.institutionId, institutionId)))
  if (!role) throw fieldError('body.roleId', 'field.role_unknown')
  try {
    const [row] = await tx
      .insert(positions)
      .values({
        institutionId,
        roleId: input.roleId,
        code: input.code,
        name: input.name,
        scope: input.scope,
        operations: [...new Set(input.operations)].sort(),
      })
      .returning({ id: positions.id })
    await recordAudit(tx, actor, {
      operation: 'position.create',
      objectType: 'position',
      objectId: row!.id,
      institutionId,
      after: { ...input, institutionId },
    })
    const [dto] = (await listPositions(tx, p, { institutionId })).filter((x) => x.id === row!.id)
    return dto!
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
}

export async function updatePosition(
  tx: Queryable,
  p: StaffPrincipal,
  actor: Actor,
  id: string,
  input: { name?: string; scope?: Scope; operations?: string[] },
): Promise<PositionDto> {
  const [row] = await tx
    .select()
    .from(positions)
    .where(and(eq(positions.id, id), instScope(p, positions.institutionId)))
    .for('update')
  if (!row) throw notFound()
  if (input.scope === 'platform' && (await institutionKind(tx, row.institutionId)) !== 'platform')
    throw fieldError('body.scope', 'field.scope_too_wide')
  if (input.operations) checkOperations(input.operations)
  const set: Partial<typeof positions.$inferInsert> = {}
  if (input.name !== undefined) set.name = input.name
  if (input.scope !== undefined) set.scope = input.scope
  if (input.operations !== undefined) set.operations = [...new Set(input.operations)].sort()
  if (Object.keys(set).length > 0) await tx.update(positions).set(set).where(eq(positions.id, id))
  await recordAudit(tx, actor, {
    operation: 'position.update',
    objectType: 'position',
    objectId: id,
    institutionId: row.institutionId,
    before: { name: row.name, scope: row.scope, operations: row.operations },
    after: { name: set.name ?? row.name, scope: set.scope ?? row.scope, operations: set.operations ?? row.operations },
  })
  const [dto] = (await listPositions(tx, p, { institutionId: row.institutionId })).filter((x) => x.id === id)
  return dto!
}

export type TeamDto = { id: string; institutionId: string; name: string; memberCount: number }

export async function listTeams(tx: Queryable, p: StaffPrincipal, institutionId?: string): Promise<TeamDto[]> {
  const rows = await tx
    .select({
      id: teams.id,
      institutionId: teams.institutionId,
      name: teams.name,
      memberCount: sql<number>`(select count(*)::int from users u where u.team_id = "teams"."id")`,
    })
    .from(teams)
    .where(and(instScope(p, teams.institutionId), institutionId ? eq(teams.institutionId, institutionId) : undefined))
    .orderBy(teams.institutionId, teams.name)
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }))
}

export async function createTeam(
  tx: Queryable,
  p: StaffPrincipal,
  actor: Actor,
  input: { name: string; institutionId?: string },
): Promise<TeamDto> {
  const institutionId = targetInstitution(p, input.institutionId)
  await institutionKind(tx, institutionId)
  try {
    const [row] = await tx.insert(teams).values({ institutionId, name: input.name }).returning()
    await recordAudit(tx, actor, {
      operation: 'team.create',
      objectType: 'team',
      objectId: row!.id,
      institutionId,
      after: { name: input.name },
    })
    return { id: row!.id, institutionId, name: row!.name, memberCount: 0 }
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.name', 'field.name_taken', undefined, 'conflict')
    throw err
  }
}
