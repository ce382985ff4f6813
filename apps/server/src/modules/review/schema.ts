/**
 * Tables of credit review (信审): the two pools with their group, assignment mode, cap, SLA and
 * checklist; review orders (one per application and stage); outbound verification calls; quality
 * inspections (质检).
 */
import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core'
import { ts } from '../../platform/db/columns.ts'

export type ChecklistItem = { code: string; label: string }
export type ChecklistAnswer = { code: string; ok: boolean; note?: string }

export const reviewPools = pgTable(
  'review_pools',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    /** first | second */
    stage: text('stage').notNull(),
    /** the review group (team) that handles this pool */
    teamId: uuid('team_id'),
    /** the position a reviewer of this pool holds */
    positionCode: text('position_code').notNull(),
    /** manual | round_robin | least_loaded */
    autoMode: text('auto_mode').notNull().default('manual'),
    /** most open orders one reviewer may hold under automatic assignment */
    cap: integer('cap').notNull().default(20),
    slaMinutes: integer('sla_minutes').notNull().default(240),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default([]),
    lastAssigneeId: uuid('last_assignee_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('review_pools_stage').on(t.institutionId, t.stage)],
)

export const reviewOrders = pgTable(
  'review_orders',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    appNo: text('app_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    customerName: text('customer_name').notNull(),
    amount: text('amount').notNull(),
    stage: text('stage').notNull(),
    /** awaiting_assignment | awaiting_review | in_review | approved | rejected | cancelled */
    status: text('status').notNull(),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    assignedAt: ts('assigned_at'),
    assignedBy: uuid('assigned_by'),
    startedAt: ts('started_at'),
    completedAt: ts('completed_at'),
    dueAt: ts('due_at').notNull(),
    result: text('result'),
    rejectReasonCode: text('reject_reason_code'),
    notes: text('notes'),
    checklist: jsonb('checklist').$type<ChecklistAnswer[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('review_orders_app_stage').on(t.applicationId, t.stage),
    index('review_orders_pool').on(t.institutionId, t.stage, t.status),
    index('review_orders_assignee').on(t.assigneeId, t.status),
  ],
)

export const reviewCalls = pgTable(
  'review_calls',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    orderId: uuid('order_id').notNull(),
    callee: text('callee').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    outcome: text('outcome').notNull(),
    content: text('content'),
    recordingRef: text('recording_ref'),
    durationSeconds: integer('duration_seconds').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('review_calls_order').on(t.orderId)],
)

export const reviewInspections = pgTable(
  'review_inspections',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    orderId: uuid('order_id').notNull(),
    /** pending | done */
    status: text('status').notNull(),
    inspectorId: uuid('inspector_id').notNull(),
    inspectorName: text('inspector_name').notNull(),
    score: integer('score'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
    inspectedAt: ts('inspected_at'),
  },
  (t) => [
    unique('review_inspections_order').on(t.orderId),
    index('review_inspections_inst').on(t.institutionId, t.status),
  ],
)

/** The institution's reject-reason catalog (拒绝原因): staff labels and what the borrower reads. */
export const reviewRejectReasons = pgTable(
  'review_reject_reasons',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    borrowerTextZh: text('borrower_text_zh').notNull(),
    borrowerTextEn: text('borrower_text_en').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedBy: uuid('updated_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('review_reject_reasons_code').on(t.institutionId, t.code)],
)
