import { boolean, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core'
import { day, id, institution, money, ts } from '../../platform/db/columns.ts'
import type { LadderStep } from './domain/ladder.ts'
import type { StageDef } from './domain/stages.ts'

/** A stage set: `short` / `monthly` (the institution's defaults) or `product:<id>` (an override). */
export const collectionStageSets = pgTable(
  'collection_stage_sets',
  {
    id: id(),
    institutionId: institution(),
    setKey: text('set_key').notNull(),
    productId: uuid('product_id'),
    stages: jsonb('stages').$type<StageDef[]>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('collection_stage_sets_key').on(t.institutionId, t.setKey)],
)

/** Pool (one per stage code) settings: automatic assignment on or off, strategy, cap. */
export const collectionPools = pgTable(
  'collection_pools',
  {
    institutionId: institution(),
    stageCode: text('stage_code').notNull(),
    autoAssign: boolean('auto_assign').notNull().default(false),
    /** round_robin | by_load */
    strategy: text('strategy').notNull().default('round_robin'),
    capPerCollector: integer('cap_per_collector'),
    rrCursor: integer('rr_cursor').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'collection_pools_pk', columns: [t.institutionId, t.stageCode] })],
)

/** Per collector: paused from receiving new cases, personal cap. */
export const collectionCollectors = pgTable('collection_collectors', {
  userId: uuid('user_id').primaryKey(),
  institutionId: institution(),
  paused: boolean('paused').notNull().default(false),
  cap: integer('cap'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const collectionSettings = pgTable('collection_settings', {
  institutionId: uuid('institution_id').primaryKey(),
  allowedFrom: text('allowed_from').notNull().default('08:00'),
  allowedTo: text('allowed_to').notNull().default('22:00'),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  maxUnansweredPerDay: integer('max_unanswered_per_day').notNull().default(6),
  thirdPartyOnlyWhenUnreachable: boolean('third_party_only_when_unreachable').notNull().default(true),
  /** the reminder ladder; null = DEFAULT_LADDER (migration 0401) */
  reminderSteps: jsonb('reminder_steps').$type<LadderStep[] | null>(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** A collection case (催收案件): one delinquency episode of one loan. */
export const collectionCases = pgTable(
  'collection_cases',
  {
    id: id(),
    institutionId: institution(),
    loanId: uuid('loan_id').notNull(),
    loanNo: text('loan_no').notNull(),
    customerId: uuid('customer_id'),
    productId: uuid('product_id').notNull(),
    borrowerName: text('borrower_name').notNull(),
    /** unassigned | assigned | collected | closed */
    status: text('status').notNull(),
    setKey: text('set_key').notNull(),
    stageCode: text('stage_code').notNull(),
    stageRank: integer('stage_rank').notNull().default(0),
    /** the position whose holders may be assigned (from the stage's configuration) */
    positionCode: text('position_code').notNull(),
    collectorId: uuid('collector_id'),
    teamId: uuid('team_id'),
    dpd: integer('dpd').notNull(),
    overdueAmount: money('overdue_amount').notNull().default('0'),
    brokenPromises: integer('broken_promises').notNull().default(0),
    lastContactAt: ts('last_contact_at'),
    openedOn: day('opened_on').notNull(),
    stageEnteredOn: day('stage_entered_on').notNull(),
    assignedOn: day('assigned_on'),
    finishedOn: day('finished_on'),
    /** repaid | settled | written_off */
    finishReason: text('finish_reason'),
    lastFlowDate: day('last_flow_date'),
    /** the strategy the case follows and its segment there (migration 0405; null = no active strategy) */
    strategyId: uuid('strategy_id'),
    segmentCode: text('segment_code'),
    /** the segment's priority, 1 = most urgent (leads the urgency order) */
    segmentPriority: integer('segment_priority'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('collection_cases_pool').on(t.institutionId, t.status, t.stageCode),
    index('collection_cases_collector').on(t.collectorId, t.status),
    index('collection_cases_loan').on(t.loanId),
    index('collection_cases_finished').on(t.institutionId, t.finishedOn),
  ],
)

/** Stage history of a case: one row per stage it was in. */
export const collectionCaseStages = pgTable(
  'collection_case_stages',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    stageCode: text('stage_code').notNull(),
    enteredOn: day('entered_on').notNull(),
    leftOn: day('left_on'),
    dpdOnEntry: integer('dpd_on_entry').notNull(),
    /** the collector who had the case when it left the stage */
    collectorId: uuid('collector_id'),
  },
  (t) => [index('collection_case_stages_case').on(t.caseId)],
)

/** Assignment history (manual, reassignment, automatic). */
export const collectionAssignments = pgTable(
  'collection_assignments',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    stageCode: text('stage_code').notNull(),
    collectorId: uuid('collector_id').notNull(),
    previousCollectorId: uuid('previous_collector_id'),
    /** manual | reassign | auto */
    kind: text('kind').notNull(),
    assignedBy: uuid('assigned_by'),
    businessDate: day('business_date').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('collection_assignments_case').on(t.caseId)],
)

/** One collection action (催记). */
export const collectionRecords = pgTable(
  'collection_records',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    collectorId: uuid('collector_id').notNull(),
    channel: text('channel').notNull(),
    contact: text('contact').notNull(),
    /** borrower | contact:<customer contact id> | other:<label> */
    contactKey: text('contact_key').notNull(),
    contactLabel: text('contact_label'),
    reached: boolean('reached').notNull(),
    resultCode: text('result_code').notNull(),
    notes: text('notes'),
    recordingRef: text('recording_ref'),
    debtDisclosed: boolean('debt_disclosed').notNull().default(false),
    businessDate: day('business_date').notNull(),
    /** wall-clock date in the institution's time zone (attempt caps count per local day) */
    localDate: day('local_date').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('collection_records_case').on(t.caseId, t.createdAt),
    index('collection_records_collector').on(t.collectorId, t.businessDate),
  ],
)

/** A promise to pay (承诺还款), tracked by the daily close. */
export const collectionPromises = pgTable(
  'collection_promises',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    recordId: uuid('record_id').notNull(),
    collectorId: uuid('collector_id').notNull(),
    amount: money('amount').notNull(),
    promisedDate: day('promised_date').notNull(),
    madeOn: day('made_on').notNull(),
    /** pending | kept | broken */
    status: text('status').notNull().default('pending'),
    paidAmount: money('paid_amount').notNull().default('0'),
    resolvedOn: day('resolved_on'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('collection_promises_case').on(t.caseId),
    index('collection_promises_pending').on(t.institutionId, t.status),
  ],
)

/** Do-not-contact and stop-on-request flags per customer contact. */
export const collectionContactFlags = pgTable(
  'collection_contact_flags',
  {
    id: id(),
    institutionId: institution(),
    /** the customer, or the loan when the loan has no customer */
    customerId: uuid('customer_id').notNull(),
    contactKey: text('contact_key').notNull(),
    /** do_not_contact | stop_requested */
    flag: text('flag').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('collection_contact_flags_key').on(t.customerId, t.contactKey)],
)

/** One row per institution and business date the case flow ran for (idempotency per day). */
export const collectionFlowRuns = pgTable(
  'collection_flow_runs',
  {
    institutionId: institution(),
    businessDate: day('business_date').notNull(),
    stats: jsonb('stats').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'collection_flow_runs_pk', columns: [t.institutionId, t.businessDate] })],
)

/** One step of the reminder ladder for one loan and due date: never twice (unique key). */
export const collectionReminders = pgTable(
  'collection_reminders',
  {
    id: id(),
    institutionId: institution(),
    loanId: uuid('loan_id').notNull(),
    loanNo: text('loan_no').notNull(),
    customerId: uuid('customer_id'),
    caseId: uuid('case_id'),
    dueDate: day('due_date').notNull(),
    stepCode: text('step_code').notNull(),
    action: text('action').notNull(),
    channel: text('channel').notNull(),
    /** queued | sent | skipped */
    status: text('status').notNull(),
    reason: text('reason'),
    notificationId: uuid('notification_id'),
    businessDate: day('business_date').notNull(),
    sentAt: ts('sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('collection_reminders_once').on(t.loanId, t.dueDate, t.stepCode),
    index('collection_reminders_queue').on(t.institutionId, t.status),
  ],
)

/** Legal escalation (转法务, with document references) and write-off proposals made from a case. */
export const collectionLegalActions = pgTable(
  'collection_legal_actions',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    /** legal_escalation | write_off_proposal */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    documents: jsonb('documents').$type<{ name: string; fileRef: string }[]>().notNull().default([]),
    /** the four-eyes request of a write-off proposal (servicing's `loan.write_off`) */
    approvalId: uuid('approval_id'),
    requestedBy: uuid('requested_by').notNull(),
    businessDate: day('business_date').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('collection_legal_actions_case').on(t.caseId)],
)

/** Complaints about collection (催收投诉) on a case (migration 0406). */
export const collectionComplaints = pgTable(
  'collection_complaints',
  {
    id: id(),
    institutionId: institution(),
    caseId: uuid('case_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    /** phone | app | letter | regulator | other */
    receivedVia: text('received_via').notNull(),
    /** harassment | third_party | wrong_amount | hours | other */
    category: text('category').notNull(),
    description: text('description').notNull(),
    /** open | resolved */
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    recordedBy: uuid('recorded_by').notNull(),
    resolvedBy: uuid('resolved_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [index('collection_complaints_case').on(t.caseId)],
)

export * from './strategy-schema.ts'

/** Early-warning rule settings per institution (migration 0404); a missing row = the built-in defaults. */
export const collectionWarningRules = pgTable(
  'collection_warning_rules',
  {
    institutionId: institution(),
    ruleCode: text('rule_code').notNull(),
    enabled: boolean('enabled').notNull(),
    /** low | medium | high */
    severity: text('severity').notNull(),
    /** the position whose holders own the rule's warnings (fallback when there is no account manager) */
    ownerPosition: text('owner_position').notNull(),
    toAccountManager: boolean('to_account_manager').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'collection_warning_rules_pk', columns: [t.institutionId, t.ruleCode] })],
)

/** An early warning (风险预警) raised by a rule for a loan, a customer or an IP address. */
export const collectionWarnings = pgTable(
  'collection_warnings',
  {
    id: id(),
    institutionId: institution(),
    ruleCode: text('rule_code').notNull(),
    severity: text('severity').notNull(),
    /** loan | customer | ip */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id'),
    subjectKey: text('subject_key').notNull(),
    subjectLabel: text('subject_label').notNull(),
    loanId: uuid('loan_id'),
    /** the customers concerned (the loan's borrower; every applicant of an IP burst) */
    customerIds: uuid('customer_ids').array().notNull().default([]),
    occurrenceKey: text('occurrence_key').notNull(),
    /** open | acknowledged | resolved | dismissed */
    status: text('status').notNull(),
    ownerId: uuid('owner_id'),
    ownerTeamId: uuid('owner_team_id'),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    businessDate: day('business_date').notNull(),
    note: text('note'),
    raisedAt: ts('raised_at').notNull().defaultNow(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    /** the business date it was resolved or dismissed on */
    closedOn: day('closed_on'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('collection_warnings_occurrence').on(t.institutionId, t.ruleCode, t.subjectKey, t.occurrenceKey),
    index('collection_warnings_list').on(t.institutionId, t.status, t.raisedAt),
    index('collection_warnings_owner').on(t.ownerId),
  ],
)
