/**
 * Tables owned by the platform layer: audit chain, sessions, business dates, notifications,
 * the transactional event outbox and settings. Business modules own their own schema files.
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { ts } from './columns.ts'

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    institutionId: uuid('institution_id'),
    at: ts('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    operation: text('operation').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('audit_log_chain_seq').on(t.chain, t.seq),
    index('audit_log_inst_at').on(t.institutionId, t.at),
    index('audit_log_object').on(t.objectType, t.objectId),
  ],
)

export const auditHeads = pgTable('audit_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
})

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    userId: uuid('user_id'),
    borrowerId: uuid('borrower_id'),
    institutionId: uuid('institution_id'),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_borrower').on(t.borrowerId)],
)

export const businessDates = pgTable('business_dates', {
  institutionId: uuid('institution_id').primaryKey(),
  businessDate: date('business_date', { mode: 'string' }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id'),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    recipientEnc: text('recipient_enc').notNull(),
    recipientHash: text('recipient_hash').notNull(),
    recipientMasked: text('recipient_masked').notNull(),
    template: text('template').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status').notNull(),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('notifications_inst_created').on(t.institutionId, t.createdAt),
    index('notifications_recipient').on(t.recipientHash),
  ],
)

/** Transactional outbox: events are written in the same transaction as the change that caused them. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    institutionId: uuid('institution_id'),
    topic: text('topic').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    businessDate: date('business_date', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('events_topic_id').on(t.topic, t.id), index('events_aggregate').on(t.aggregateType, t.aggregateId)],
)

/** Position of each consumer in the event stream (at-least-once delivery; consumers are idempotent). */
export const eventConsumers = pgTable('event_consumers', {
  consumer: text('consumer').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** Fixed-window counters for rate limits (OTP requests, attempts). */
export const rateCounters = pgTable('rate_counters', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull(),
})

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    institutionId: uuid('institution_id').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    completed: boolean('completed').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('idempotency_keys_pk').on(t.institutionId, t.key)],
)

/**
 * Four-eyes requests (复核): a dangerous change is proposed by one person and carried out only
 * when a second person with the right operation approves it.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    kind: text('kind').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    summary: text('summary').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
    result: jsonb('result'),
  },
  (t) => [
    index('approval_requests_inst_status').on(t.institutionId, t.status, t.requestedAt),
    index('approval_requests_object').on(t.objectType, t.objectId),
  ],
)
