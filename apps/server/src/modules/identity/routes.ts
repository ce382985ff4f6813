/** HTTP routes of the identity module: sign-in, the current user, users, institutions, roles. */
import { z } from 'zod'
import { listOperations } from '../../platform/access/operations.ts'
import { SYSTEM } from '../../platform/db/open.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { CSRF_COOKIE, resolveStaffSession, STAFF_COOKIE, sessionIdOf, staffOf } from '../../platform/http/auth-hook.ts'
import { asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, text, ZEmpty, ZIdParams } from '../../platform/http/schemas.ts'
import { createInstitution, getInstitution, listInstitutions, updateInstitution } from './institutions.ts'
import { login } from './login.ts'
import { changeUserStatus, createUser, resetPassword, updateUser } from './manage-users.ts'
import { changeOwnPassword, describeMe, setOnline } from './me.ts'
import {
  createPosition,
  createRole,
  createTeam,
  listPositions,
  listRoles,
  listTeams,
  renameRole,
  updatePosition,
} from './roles.ts'
import { revokeSession } from './sessions.ts'
import { getUser, listUsers } from './user-queries.ts'

const ZScope = z.enum(['own', 'team', 'institution', 'platform'])
const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  institution: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['platform', 'lender']),
    businessDate: z.string(),
  }),
  teamId: z.string().nullable(),
  permissions: z.array(z.string()),
  scope: z.string(),
  online: z.boolean(),
  csrfToken: z.string(),
})
const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  status: z.enum(['active', 'frozen']),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  online: z.boolean(),
  lastLoginAt: z.string().nullable(),
  positions: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  createdAt: z.string(),
})
const ZInstitution = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['platform', 'lender']),
  status: z.enum(['active', 'suspended']),
  businessDate: z.string(),
  userCount: z.number(),
  createdAt: z.string(),
})
const ZRole = z.object({
  id: z.string(),
  institutionId: z.string(),
  code: z.string(),
  name: z.string(),
  positionCount: z.number(),
})
const ZPosition = z.object({
  id: z.string(),
  institutionId: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  code: z.string(),
  name: z.string(),
  scope: ZScope,
  operations: z.array(z.string()),
  userCount: z.number(),
})
const ZTeam = z.object({ id: z.string(), institutionId: z.string(), name: z.string(), memberCount: z.number() })
const ZCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a-z, 0-9, _')
const ZUsername = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,40}$/)
const ZPassword = z.string().min(1).max(128)
const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true')

export function registerIdentityRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['auth']
  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Staff sign-in',
        body: z.strictObject({ username: z.string().trim().min(1).max(40), password: ZPassword }),
        response: { 200: ZMe, ...problems },
      },
    },
    async (req, reply) => {
      const session = await login({
        db: ctx.db,
        config: ctx.config,
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      })
      const cookieOpts = {
        path: '/',
        sameSite: 'lax' as const,
        secure: ctx.config.secureCookies,
        expires: session.expiresAt,
      }
      reply.setCookie(STAFF_COOKIE, session.token, { ...cookieOpts, httpOnly: true })
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieOpts, httpOnly: false })
      const principal = await resolveStaffSession(ctx, session.token)
      return describeMe(principal)
    },
  )
  app.post(
    '/api/v1/auth/logout',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Sign out (revokes the session)', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[STAFF_COOKIE]
      if (token) await ctx.db.tx(SYSTEM, (tx) => revokeSession(tx, token))
      reply.clearCookie(STAFF_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'The signed-in staff member', response: { 200: ZMe, ...problems } } },
    async (req) => describeMe(staffOf(req)),
  )
  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        summary: 'Change own password',
        body: z.strictObject({ currentPassword: ZPassword, newPassword: ZPassword }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      const token = req.cookies[STAFF_COOKIE] ?? ''
      await asStaff(ctx, req, (call) =>
        changeOwnPassword({ ...call, ...req.body, currentSessionId: sessionIdOf(token) }),
      )
      return reply.code(204).send(null)
    },
  )
  app.put(
    '/api/v1/me/status',
    {
      schema: {
        tags,
        summary: 'Go online or offline (for work assignment)',
        body: z.strictObject({ online: z.boolean() }),
        response: { 200: ZMe, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal, actor }) => {
        await setOnline(tx, principal, actor, req.body.online)
        return describeMe({ ...principal, online: req.body.online })
      }),
  )
  app.get(
    '/api/v1/operations',
    { config: { permission: 'user.read' }, schema: { tags: ['access'], summary: 'Operation catalog' } },
    async () => listOperations(),
  )

  registerUserRoutes(app, ctx)
  registerOrgRoutes(app, ctx)
}

function registerUserRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['users']
  app.get(
    '/api/v1/users',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        summary: 'List staff users in scope',
        querystring: pageQuery(['username', 'displayName', 'createdAt', 'lastLoginAt'], {
          q: z.string().trim().max(100).optional(),
          status: z.enum(['active', 'frozen', 'locked']).optional(),
          institutionId: z.uuid().optional(),
          teamId: z.uuid().optional(),
          online: ZBool.optional(),
          positionCode: z.string().max(40).optional(),
        }),
        response: { 200: pageOf(ZUser), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listUsers(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/users',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: 'Create a staff user',
        body: z.strictObject({
          username: ZUsername,
          displayName: text(60),
          password: ZPassword,
          institutionId: z.uuid().optional(),
          teamId: z.uuid().nullable().optional(),
          positionIds: z.array(z.uuid()).max(20).default([]),
        }),
        response: { 201: ZUser, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await asStaff(ctx, req, (call) => createUser({ ...call, input: req.body }))),
  )
  app.get(
    '/api/v1/users/:id',
    { config: { permission: 'user.read' }, schema: { tags, params: ZIdParams, response: { 200: ZUser, ...problems } } },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getUser(tx, principal, req.params.id)),
  )
  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        params: ZIdParams,
        body: z.strictObject({
          displayName: text(60).optional(),
          teamId: z.uuid().nullable().optional(),
          positionIds: z.array(z.uuid()).max(20).optional(),
        }),
        response: { 200: ZUser, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateUser({ ...call, id: req.params.id, input: req.body })),
  )
  for (const change of ['freeze', 'unfreeze', 'unlock'] as const) {
    app.post(
      `/api/v1/users/:id/${change}`,
      {
        config: { permission: 'user.manage' },
        schema: {
          tags,
          summary: `${change} a user`,
          params: ZIdParams,
          body: ZEmpty,
          response: { 200: ZUser, ...problems },
        },
      },
      (req) => asStaff(ctx, req, (call) => changeUserStatus({ ...call, id: req.params.id, change })),
    )
  }
  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        params: ZIdParams,
        body: z.strictObject({ newPassword: ZPassword }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await asStaff(ctx, req, (call) =>
        resetPassword({ ...call, id: req.params.id, newPassword: req.body.newPassword }),
      )
      return reply.code(204).send(null)
    },
  )
}

function registerOrgRoutes(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/institutions',
    {
      config: { permission: 'institution.read' },
      schema: {
        tags: ['institutions'],
        querystring: pageQuery(['code', 'name', 'createdAt'], {
          q: z.string().trim().max(100).optional(),
          status: z.enum(['active', 'suspended']).optional(),
        }),
        response: { 200: pageOf(ZInstitution), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listInstitutions(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/institutions',
    {
      config: { permission: 'institution.manage' },
      schema: {
        tags: ['institutions'],
        body: z.strictObject({ code: ZCode, name: text(100), kind: z.literal('lender').default('lender') }),
        response: { 201: ZInstitution, ...problems },
      },
    },
    async (req, reply) => {
      const dto = await asStaff(ctx, req, async ({ tx, principal, actor }) => {
        const id = await createInstitution({ tx, actor, input: req.body })
        return getInstitution(tx, principal, id)
      })
      return reply.code(201).send(dto)
    },
  )
  app.get(
    '/api/v1/institutions/:id',
    {
      config: { permission: 'institution.read' },
      schema: { tags: ['institutions'], params: ZIdParams, response: { 200: ZInstitution, ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => getInstitution(tx, principal, req.params.id)),
  )
  app.patch(
    '/api/v1/institutions/:id',
    {
      config: { permission: 'institution.manage' },
      schema: {
        tags: ['institutions'],
        params: ZIdParams,
        body: z.strictObject({ name: text(100).optional(), status: z.enum(['active', 'suspended']).optional() }),
        response: { 200: ZInstitution, ...problems },
      },
    },
    (req) => asStaff(ctx, req, (call) => updateInstitution({ ...call, id: req.params.id, input: req.body })),
  )
  app.get(
    '/api/v1/institutions/:id/business-date',
    {
      config: { permission: 'institution.read' },
      schema: {
        tags: ['institutions'],
        params: ZIdParams,
        response: { 200: z.object({ institutionId: z.string(), businessDate: z.string() }), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const inst = await getInstitution(tx, principal, req.params.id)
        return { institutionId: inst.id, businessDate: inst.businessDate }
      }),
  )

  const tags = ['access']
  const ZInstFilter = z.strictObject({ institutionId: z.uuid().optional() })
  app.get(
    '/api/v1/roles',
    {
      config: { permission: 'user.read' },
      schema: { tags, querystring: ZInstFilter, response: { 200: z.array(ZRole), ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listRoles(tx, principal, req.query.institutionId)),
  )
  app.post(
    '/api/v1/roles',
    {
      config: { permission: 'role.manage' },
      schema: {
        tags,
        body: z.strictObject({ code: ZCode, name: text(60), institutionId: z.uuid().optional() }),
        response: { 201: ZRole, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, ({ tx, principal, actor }) => createRole(tx, principal, actor, req.body))),
  )
  app.patch(
    '/api/v1/roles/:id',
    {
      config: { permission: 'role.manage' },
      schema: {
        tags,
        params: ZIdParams,
        body: z.strictObject({ name: text(60) }),
        response: { 200: ZRole, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal, actor }) => renameRole(tx, principal, actor, req.params.id, req.body.name)),
  )
  app.get(
    '/api/v1/positions',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        querystring: z.strictObject({ institutionId: z.uuid().optional(), roleId: z.uuid().optional() }),
        response: { 200: z.array(ZPosition), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listPositions(tx, principal, req.query)),
  )
  app.post(
    '/api/v1/positions',
    {
      config: { permission: 'role.manage' },
      schema: {
        tags,
        body: z.strictObject({
          roleId: z.uuid(),
          code: ZCode,
          name: text(60),
          scope: ZScope,
          operations: z.array(z.string().max(60)).max(200),
          institutionId: z.uuid().optional(),
        }),
        response: { 201: ZPosition, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, ({ tx, principal, actor }) => createPosition(tx, principal, actor, req.body))),
  )
  app.patch(
    '/api/v1/positions/:id',
    {
      config: { permission: 'role.manage' },
      schema: {
        tags,
        params: ZIdParams,
        body: z.strictObject({
          name: text(60).optional(),
          scope: ZScope.optional(),
          operations: z.array(z.string().max(60)).max(200).optional(),
        }),
        response: { 200: ZPosition, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal, actor }) => updatePosition(tx, principal, actor, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/teams',
    {
      config: { permission: 'user.read' },
      schema: { tags, querystring: ZInstFilter, response: { 200: z.array(ZTeam), ...problems } },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listTeams(tx, principal, req.query.institutionId)),
  )
  app.post(
    '/api/v1/teams',
    {
      config: { permission: 'role.manage' },
      schema: {
        tags,
        body: z.strictObject({ name: text(60), institutionId: z.uuid().optional() }),
        response: { 201: ZTeam, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asStaff(ctx, req, ({ tx, principal, actor }) => createTeam(tx, principal, actor, req.body))),
  )
}
