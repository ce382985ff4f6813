/** Tables of strategies and the legal process (migration 0405_collections_strategy.sql). */
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { day, id, institution, money, ts } from '../../platform/db/columns.ts'
import type { SegmentDef } from './domain/strategy.ts'

/** A collection strategy (催收策略): segments with their approach; draft → active (champion/challenger) → retired. */
export const collectionStrategies = pgTable('collection_strategies', {
  id: id(),
  institutionId: institution(),
  name: text('name').notNull(),
  description: text('description'),
  segments: jsonb('segments').$type<SegmentDef[]>().notNull().default([]),
  /** draft | active | retired */
  status: text('status').notNull().default('draft'),
  /** champion | challenger while active */
  role: text('role'),
  challengerPercent: integer('challenger_percent'),
  activatedOn: day('activated_on'),
  retiredOn: day('retired_on'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** Which strategy and segment a case was in, from when to when (results per strategy and segment). */
export const collectionCaseSegments = pgTable(
  'collection_case_segments',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    strategyId: uuid('strategy_id').notNull(),
    /** null = the case matched no segment of the strategy */
    segmentCode: text('segment_code'),
    enteredOn: day('entered_on').notNull(),
    leftOn: day('left_on'),
  },
  (t) => [index('collection_case_segments_case').on(t.caseId)],
)

/** A legal case (诉讼案件) opened by an escalation to legal, followed to its close. */
export const collectionLegalCases = pgTable('collection_legal_cases', {
  id: id(),
  institutionId: institution(),
  caseId: uuid('case_id').notNull(),
  loanId: uuid('loan_id').notNull(),
  loanNo: text('loan_no').notNull(),
  borrowerName: text('borrower_name').notNull(),
  /** the `collection_legal_actions` row of the escalation */
  escalationId: uuid('escalation_id'),
  /** escalated | lawyer_assigned | filed | judgment | enforcement | closed */
  status: text('status').notNull().default('escalated'),
  firm: text('firm'),
  lawyer: text('lawyer'),
  court: text('court'),
  docketNo: text('docket_no'),
  claimAmount: money('claim_amount'),
  judgmentAmount: money('judgment_amount'),
  feesTotal: money('fees_total').notNull().default('0'),
  /** recovered | settled | withdrawn | uncollectible | lost */
  outcome: text('outcome'),
  escalatedOn: day('escalated_on').notNull(),
  lawyerAssignedOn: day('lawyer_assigned_on'),
  filedOn: day('filed_on'),
  judgmentOn: day('judgment_on'),
  enforcementOn: day('enforcement_on'),
  closedOn: day('closed_on'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** The legal case's history: status moves, fees (exact money) and notes, each with documents. */
export const collectionLegalEvents = pgTable(
  'collection_legal_events',
  {
    id: id(),
    institutionId: institution(),
    legalCaseId: uuid('legal_case_id').notNull(),
    /** status | fee | note */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    eventDate: day('event_date').notNull(),
    feeKind: text('fee_kind'),
    amount: money('amount'),
    notes: text('notes'),
    documents: jsonb('documents').$type<{ name: string; fileRef: string }[]>().notNull().default([]),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('collection_legal_events_case').on(t.legalCaseId, t.createdAt)],
)
