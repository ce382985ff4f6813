import { boolean, index, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core'
import { id, ts } from '../../platform/db/columns.ts'

export const institutions = pgTable('institutions', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull().default('active'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const teams = pgTable(
  'teams',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('teams_inst_name').on(t.institutionId, t.name)],
)

export const roles = pgTable(
  'roles',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('roles_inst_code').on(t.institutionId, t.code)],
)

export const positions = pgTable(
  'positions',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    scope: text('scope').notNull(),
    operations: text('operations').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('positions_inst_code').on(t.institutionId, t.code)],
)

export const users = pgTable(
  'users',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    teamId: uuid('team_id').references(() => teams.id),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    online: boolean('online').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('users_inst').on(t.institutionId)],
)

export const userPositions = pgTable(
  'user_positions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    positionId: uuid('position_id')
      .notNull()
      .references(() => positions.id),
    institutionId: uuid('institution_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.positionId] }), index('user_positions_position').on(t.positionId)],
)
