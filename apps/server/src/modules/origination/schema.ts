/**
 * Tables of origination (贷前): applications, uploaded files (tus), credit lines, approval-chain
 * policies and steps, contract templates and contracts. No foreign keys into other modules' tables.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, index, integer, jsonb, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core'
import { money, ts } from '../../platform/db/columns.ts'

export type ApplicantSnapshot = {
  name: string
  idNumberMasked: string
  birthDate: string
  age: number
  phoneMasked: string
  employmentType: string
  monthlyIncome: string | null
  monthlyDebt: string | null
  employer: string | null
  province: string | null
  city: string | null
  bankCardMasked: string | null
}

export type ApplicationDocument = {
  uploadId: string
  kind: string
  name: string
  type: string
  size: number
  sha256: string
}

export type CheckResult = {
  check: 'id_verification' | 'bank_card' | 'id_ocr'
  status: 'passed' | 'failed' | 'skipped' | 'error'
  detail: string | null
  latencyMs: number
}

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    appNo: text('app_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    borrowerId: uuid('borrower_id'),
    productId: uuid('product_id').notNull(),
    productVersionId: uuid('product_version_id').notNull(),
    productName: text('product_name').notNull(),
    amount: money('amount').notNull(),
    term: integer('term').notNull(),
    termUnit: text('term_unit').notNull(),
    method: text('method').notNull(),
    purpose: text('purpose').notNull(),
    applicant: jsonb('applicant').$type<ApplicantSnapshot>().notNull(),
    documents: jsonb('documents').$type<ApplicationDocument[]>().notNull().default([]),
    /** submitted | manual_review | approval | approved | disbursing | disbursed | rejected | cancelled */
    status: text('status').notNull(),
    channel: text('channel').notNull(),
    checks: jsonb('checks').$type<CheckResult[]>().notNull().default([]),
    sceneCode: text('scene_code'),
    riskReportId: uuid('risk_report_id'),
    riskDecision: text('risk_decision'),
    riskScore: numeric('risk_score', { precision: 12, scale: 2 }),
    quota: money('quota'),
    rejectReasonCode: text('reject_reason_code'),
    /** what the borrower reads, as decided (zh-CN; en-US beside it) */
    rejectReason: text('reject_reason'),
    rejectReasonEn: text('reject_reason_en'),
    firstReviewerId: uuid('first_reviewer_id'),
    secondReviewerId: uuid('second_reviewer_id'),
    loanId: uuid('loan_id'),
    ownerId: uuid('owner_id'),
    createdBy: uuid('created_by'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    disbursedAt: ts('disbursed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('applications_inst_no').on(t.institutionId, t.appNo),
    index('applications_inst_status').on(t.institutionId, t.status, t.createdAt),
    index('applications_customer').on(t.customerId),
    index('applications_borrower').on(t.borrowerId),
  ],
)

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** null until attached to an application (a borrower's uploads are platform-level until then) */
    institutionId: uuid('institution_id'),
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    filename: text('filename').notNull(),
    declaredType: text('declared_type').notNull(),
    detectedType: text('detected_type'),
    kind: text('kind').notNull(),
    length: bigint('length', { mode: 'number' }).notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull().default(0),
    sha256: text('sha256'),
    storageName: text('storage_name').notNull(),
    status: text('status').notNull().default('uploading'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('uploads_owner').on(t.ownerKind, t.ownerId)],
)

export const creditLines = pgTable(
  'credit_lines',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    amount: money('amount').notNull(),
    status: text('status').notNull().default('active'),
    grantedByApplicationId: uuid('granted_by_application_id'),
    riskReportId: uuid('risk_report_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('credit_lines_customer').on(t.institutionId, t.customerId)],
)

export type ApprovalTier = {
  /** inclusive lower bound of the amount */
  minAmount: string
  /** exclusive upper bound; null = no limit */
  maxAmount: string | null
  /** applies only when the risk score is below this (null = any score) */
  scoreBelow?: number | null
  steps: { code: string; name: string; position?: string | null }[]
}

export const originationPolicies = pgTable(
  'origination_policies',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    /** null = the institution's default policy */
    productId: uuid('product_id'),
    alwaysManual: boolean('always_manual').notNull().default(false),
    tiers: jsonb('tiers').$type<ApprovalTier[]>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('origination_policies_inst').on(t.institutionId, t.productId)],
)

export const applicationApprovals = pgTable(
  'application_approvals',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    stepNo: integer('step_no').notNull(),
    stepCode: text('step_code').notNull(),
    stepName: text('step_name').notNull(),
    position: text('position'),
    /** waiting (an earlier step is open) | pending | approved | rejected | skipped */
    status: text('status').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('application_approvals_step').on(t.applicationId, t.stepNo),
    index('application_approvals_inst_status').on(t.institutionId, t.status),
  ],
)

export const contractTemplates = pgTable(
  'contract_templates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    productId: uuid('product_id'),
    name: text('name').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('contract_templates_inst').on(t.institutionId, t.productId)],
)

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    contractNo: text('contract_no').notNull(),
    templateId: uuid('template_id'),
    templateVersion: integer('template_version').notNull(),
    content: text('content').notNull(),
    pdfBase64: text('pdf_base64').notNull(),
    sha256: text('sha256').notNull(),
    /** pending_signature | signed */
    status: text('status').notNull(),
    consent: boolean('consent').notNull().default(false),
    signedAt: ts('signed_at'),
    signedIp: text('signed_ip'),
    signedDevice: text('signed_device'),
    /** h5 (the borrower in the H5) | in_branch (staff record the borrower's signature at the counter) */
    signMethod: text('sign_method').notNull().default('h5'),
    signedByStaffId: uuid('signed_by_staff_id'),
    signedByStaffName: text('signed_by_staff_name'),
    /** in branch: staff confirmed the borrower's original ID document */
    identityChecked: boolean('identity_checked').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('contracts_application').on(t.applicationId)],
)
