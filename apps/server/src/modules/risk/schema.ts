/**
 * Tables of the risk module: scenes, the indicator catalog, third-party data sources and their
 * answer cache, versioned rule sets, stored risk reports (风控报告), lists (名单库) and the device
 * events that velocity indicators count. Every table is a tenant table (institution_id + RLS).
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { id, institution, money, ts } from '../../platform/db/columns.ts'

export const riskScenes = pgTable(
  'risk_scenes',
  {
    id: id(),
    institutionId: institution(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    builtIn: boolean('built_in').notNull().default(false),
    championVersionId: uuid('champion_version_id'),
    challengerVersionId: uuid('challenger_version_id'),
    /** 0–100: share of customers (stable by hash) also evaluated by the challenger */
    challengerShare: integer('challenger_share').notNull().default(0),
    useChallengerDecision: boolean('use_challenger_decision').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('risk_scenes_inst_code').on(t.institutionId, t.code)],
)

/** Bumped on every indicator or data-source change: evaluations reload their runtime when it moves. */
export const riskConfigStamps = pgTable('risk_config_stamps', {
  institutionId: uuid('institution_id').primaryKey(),
  stamp: bigint('stamp', { mode: 'number' }).notNull().default(0),
})

export const riskIndicators = pgTable(
  'risk_indicators',
  {
    id: id(),
    institutionId: institution(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    type: text('type').notNull(),
    enumValues: jsonb('enum_values').$type<string[] | null>(),
    sourceKind: text('source_kind').notNull(),
    dataSource: text('data_source').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    dependsOn: text('depends_on').array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('risk_indicators_inst_code').on(t.institutionId, t.code)],
)

export const riskDataSources = pgTable(
  'risk_data_sources',
  {
    id: id(),
    institutionId: institution(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    url: text('url').notNull(),
    method: text('method').notNull(),
    requestMapping: jsonb('request_mapping').$type<Record<string, string>>().notNull(),
    responseFields: jsonb('response_fields').$type<{ path: string; indicator: string }[]>().notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    costPerCall: money('cost_per_call').notNull(),
    callCycle: jsonb('call_cycle').$type<Record<string, unknown>>().notNull(),
    fallback: jsonb('fallback').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('risk_data_sources_inst_code').on(t.institutionId, t.code)],
)

/** The last answer of a source per subject, reused within the source's call cycle. */
export const riskSourceCache = pgTable(
  'risk_source_cache',
  {
    institutionId: institution(),
    source: text('source').notNull(),
    subjectKey: text('subject_key').notNull(),
    answer: jsonb('answer').$type<Record<string, unknown>>().notNull(),
    fetchedAt: ts('fetched_at').notNull(),
  },
  (t) => [primaryKey({ name: 'risk_source_cache_pk', columns: [t.institutionId, t.source, t.subjectKey] })],
)

export const riskRuleSetVersions = pgTable(
  'risk_rule_set_versions',
  {
    id: id(),
    institutionId: institution(),
    sceneCode: text('scene_code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** draft → pending_approval → published (→ superseded); rejected goes back to draft */
    status: text('status').notNull(),
    /** champion | challenger, while pending or published */
    target: text('target'),
    rules: jsonb('rules').$type<unknown[]>().notNull(),
    /** the catalog entries the rules use, frozen at publish so the compiled version never changes */
    indicatorSnapshot: jsonb('indicator_snapshot').$type<unknown[]>(),
    basedOnVersionId: uuid('based_on_version_id'),
    approvalId: uuid('approval_id'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    submittedBy: uuid('submitted_by'),
    approvedBy: uuid('approved_by'),
    publishedAt: ts('published_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('risk_versions_scene_version').on(t.institutionId, t.sceneCode, t.version),
    index('risk_versions_status').on(t.institutionId, t.status),
  ],
)

export const riskReports = pgTable(
  'risk_reports',
  {
    id: id(),
    institutionId: institution(),
    sceneCode: text('scene_code').notNull(),
    versionId: uuid('version_id'),
    version: integer('version'),
    variant: text('variant').notNull(),
    customerId: uuid('customer_id'),
    applicationId: uuid('application_id'),
    subjectKey: text('subject_key').notNull(),
    decision: text('decision').notNull(),
    score: numeric('score'),
    amount: money('amount'),
    dataCost: money('data_cost').notNull(),
    /** indicator values the evaluation knew (inputs and resolved), for back-tests */
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    challenger: jsonb('challenger').$type<Record<string, unknown> | null>(),
    challengerDecision: text('challenger_decision'),
    deviceFingerprint: text('device_fingerprint'),
    ip: text('ip'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('risk_reports_inst_created').on(t.institutionId, t.createdAt),
    index('risk_reports_scene').on(t.institutionId, t.sceneCode, t.createdAt),
    index('risk_reports_customer').on(t.institutionId, t.customerId),
  ],
)

export const riskListEntries = pgTable(
  'risk_list_entries',
  {
    id: id(),
    institutionId: institution(),
    listType: text('list_type').notNull(),
    kind: text('kind').notNull(),
    valueHash: text('value_hash').notNull(),
    valueMasked: text('value_masked').notNull(),
    reason: text('reason').notNull(),
    expiresAt: ts('expires_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('risk_list_entries_value').on(t.institutionId, t.listType, t.kind, t.valueHash),
    index('risk_list_entries_hash').on(t.institutionId, t.valueHash),
  ],
)

/** Device fingerprint and IP seen at register, login and apply: what velocity indicators count. */
export const riskDeviceEvents = pgTable(
  'risk_device_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    institutionId: institution(),
    subjectKey: text('subject_key').notNull(),
    event: text('event').notNull(),
    deviceFingerprint: text('device_fingerprint'),
    ip: text('ip'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('risk_device_events_device').on(t.institutionId, t.deviceFingerprint),
    index('risk_device_events_ip').on(t.institutionId, t.ip, t.createdAt),
    index('risk_device_events_subject').on(t.institutionId, t.subjectKey),
  ],
)
