/**
 * Tables of the servicing module: products and their versions, loan accounts with their schedule,
 * transactions and disbursements, the double-entry ledger, and the daily close (COB).
 *
 * A loan copies the terms it needs from the product version it was made under, so that later
 * product changes never touch it and the daily close reads one table. Money is numeric(20,2),
 * rates numeric(12,8) as fractions (0.18 = 18 %), business dates are `date`.
 */
import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core'
import { day, id, institution, money, rate, ts } from '../../platform/db/columns.ts'

export const products = pgTable(
  'products',
  {
    id: id(),
    institutionId: institution(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull().default('consumer'),
    /** draft → listed (上架) ⇄ delisted (下架) */
    status: text('status').notNull().default('draft'),
    currentVersionId: uuid('current_version_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('products_inst_code').on(t.institutionId, t.code),
    index('products_inst_status').on(t.institutionId, t.status),
  ],
)

/** One version of a product's terms. Pricing changes create a new version that needs four-eyes approval. */
export const productVersions = pgTable(
  'product_versions',
  {
    id: id(),
    institutionId: institution(),
    productId: uuid('product_id').notNull(),
    version: integer('version').notNull(),
    /** draft | pending_approval | active | superseded | rejected */
    status: text('status').notNull(),
    minAmount: money('min_amount').notNull(),
    maxAmount: money('max_amount').notNull(),
    minTerm: integer('min_term').notNull(),
    maxTerm: integer('max_term').notNull(),
    termUnit: text('term_unit').notNull(),
    annualRate: rate('annual_rate').notNull(),
    dayCount: text('day_count').notNull(),
    methods: text('methods').array().notNull(),
    upfrontFeeRate: rate('upfront_fee_rate').notNull().default('0'),
    installmentFee: money('installment_fee').notNull().default('0'),
    /** penalty (罚息) annual rate as a fraction, accrued daily on the base below */
    penaltyRate: rate('penalty_rate').notNull(),
    /** overdue_principal | overdue_amount */
    penaltyBase: text('penalty_base').notNull(),
    graceDays: integer('grace_days').notNull().default(0),
    rounding: text('rounding').notNull().default('half_up'),
    /** e.g. {penalty,fee,interest,principal}: the order a repayment pays the components */
    allocationOrder: text('allocation_order').array().notNull(),
    /** allowed | allowed_with_fee | not_allowed */
    prepaymentRule: text('prepayment_rule').notNull().default('allowed'),
    prepaymentFeeRate: rate('prepayment_fee_rate').notNull().default('0'),
    aprCap: rate('apr_cap').notNull().default('0.24'),
    conditions: jsonb('conditions').notNull().default({}),
    requiredDocuments: text('required_documents').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by'),
    approvedBy: uuid('approved_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('product_versions_product_version').on(t.productId, t.version)],
)

export const loans = pgTable(
  'loans',
  {
    id: id(),
    institutionId: institution(),
    loanNo: text('loan_no').notNull(),
    productId: uuid('product_id').notNull(),
    productVersionId: uuid('product_version_id').notNull(),
    /** the customer (customers module); null for loans migrated without one */
    customerId: uuid('customer_id'),
    /** the application (origination module) this loan came from, if any */
    applicationId: uuid('application_id'),
    borrowerName: text('borrower_name').notNull(),
    /** pending_disbursement | disbursing | active | overdue | settled | written_off | cancelled */
    status: text('status').notNull(),
    principal: money('principal').notNull(),
    annualRate: rate('annual_rate').notNull(),
    term: integer('term').notNull(),
    termUnit: text('term_unit').notNull(),
    method: text('method').notNull(),
    dayCount: text('day_count').notNull(),
    rounding: text('rounding').notNull(),
    penaltyRate: rate('penalty_rate').notNull(),
    penaltyBase: text('penalty_base').notNull(),
    graceDays: integer('grace_days').notNull(),
    allocationOrder: text('allocation_order').array().notNull(),
    upfrontFee: money('upfront_fee').notNull().default('0'),
    apr: rate('apr'),
    /** value date of the disbursement; null until disbursed */
    disbursedOn: day('disbursed_on'),
    maturityDate: day('maturity_date'),
    /** balances kept in step with the ledger (verified by `xindai ledger verify`) */
    principalOutstanding: money('principal_outstanding').notNull().default('0'),
    interestOutstanding: money('interest_outstanding').notNull().default('0'),
    feeOutstanding: money('fee_outstanding').notNull().default('0'),
    penaltyOutstanding: money('penalty_outstanding').notNull().default('0'),
    /** overpayment kept for the borrower (客户挂账), refundable */
    creditBalance: money('credit_balance').notNull().default('0'),
    /** days past due (逾期天数) as of lastCobDate */
    dpd: integer('dpd').notNull().default(0),
    overdueSince: day('overdue_since'),
    /** last business date the daily close processed this loan for (idempotency of COB) */
    lastCobDate: day('last_cob_date'),
    settledOn: day('settled_on'),
    writtenOffOn: day('written_off_on'),
    /** bumped by every change; commands lock the row (SELECT … FOR UPDATE) to serialise */
    revision: integer('revision').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('loans_inst_no').on(t.institutionId, t.loanNo),
    index('loans_inst_status').on(t.institutionId, t.status),
    index('loans_customer').on(t.customerId),
  ],
)

/** The repayment schedule (还款计划), one row per installment, with what was paid and waived. */
export const installments = pgTable(
  'installments',
  {
    id: id(),
    institutionId: institution(),
    loanId: uuid('loan_id').notNull(),
    number: integer('number').notNull(),
    dueDate: day('due_date').notNull(),
    principalDue: money('principal_due').notNull(),
    interestDue: money('interest_due').notNull(),
    feeDue: money('fee_due').notNull(),
    /** accrued by the daily close */
    penaltyDue: money('penalty_due').notNull().default('0'),
    principalPaid: money('principal_paid').notNull().default('0'),
    interestPaid: money('interest_paid').notNull().default('0'),
    feePaid: money('fee_paid').notNull().default('0'),
    penaltyPaid: money('penalty_paid').notNull().default('0'),
    interestWaived: money('interest_waived').notNull().default('0'),
    feeWaived: money('fee_waived').notNull().default('0'),
    penaltyWaived: money('penalty_waived').notNull().default('0'),
    /** interest / fee of this installment booked as income so far (daily close accrual, or paid or
     * waived before it accrued); receivable = recognized − paid − waived (migration 0150) */
    interestRecognized: money('interest_recognized').notNull().default('0'),
    feeRecognized: money('fee_recognized').notNull().default('0'),
    /** pending | partially_paid | paid | overdue */
    status: text('status').notNull().default('pending'),
    paidOn: day('paid_on'),
  },
  (t) => [
    unique('installments_loan_number').on(t.loanId, t.number),
    index('installments_due').on(t.institutionId, t.dueDate, t.status),
  ],
)

/** Every money event on a loan. A reversal is a new row pointing at the row it reverses. */
export const loanTransactions = pgTable(
  'loan_transactions',
  {
    id: id(),
    institutionId: institution(),
    loanId: uuid('loan_id').notNull(),
    /** disbursement | repayment | interest_accrual | penalty_accrual | waiver | write_off | recovery | refund | reversal */
    type: text('type').notNull(),
    valueDate: day('value_date').notNull(),
    amount: money('amount').notNull(),
    principalPortion: money('principal_portion').notNull().default('0'),
    interestPortion: money('interest_portion').notNull().default('0'),
    feePortion: money('fee_portion').notNull().default('0'),
    penaltyPortion: money('penalty_portion').notNull().default('0'),
    /** part of a repayment kept as credit balance (overpayment) */
    creditPortion: money('credit_portion').notNull().default('0'),
    channel: text('channel'),
    externalRef: text('external_ref'),
    reason: text('reason'),
    reversesId: uuid('reverses_id'),
    reversedById: uuid('reversed_by_id'),
    /** per-installment split of this transaction (cents strings), so a reversal can undo it exactly */
    allocations: jsonb('allocations').$type<InstallmentAllocation[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('loan_transactions_loan').on(t.loanId, t.valueDate),
    index('loan_transactions_inst_type').on(t.institutionId, t.type, t.valueDate),
  ],
)

export type InstallmentAllocation = {
  number: number
  principal: string
  interest: string
  fee: string
  penalty: string
  /** the part of `interest` / `fee` recognised as income by this transaction (paid before it accrued) */
  interestRecognized?: string
  feeRecognized?: string
}

/** Last loan number handed out per institution and business day (L20260901-000123). */
export const loanNumberCounters = pgTable(
  'loan_number_counters',
  {
    institutionId: institution(),
    day: day('day').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ name: 'loan_number_counters_pk', columns: [t.institutionId, t.day] })],
)

/** Disbursement orders to the bank/payment adapter; `requestId` is the bank-side idempotency key. */
export const disbursements = pgTable(
  'disbursements',
  {
    id: id(),
    institutionId: institution(),
    loanId: uuid('loan_id').notNull().unique(),
    requestId: text('request_id').notNull().unique(),
    amount: money('amount').notNull(),
    /** pending | sent | succeeded | failed */
    status: text('status').notNull(),
    bankRef: text('bank_ref'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    accountEnc: text('account_enc'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('disbursements_status').on(t.status)],
)

/** Chart of accounts per institution (科目). */
export const glAccounts = pgTable(
  'gl_accounts',
  {
    institutionId: institution(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** asset | liability | income | expense | equity */
    kind: text('kind').notNull(),
  },
  (t) => [unique('gl_accounts_pk').on(t.institutionId, t.code)],
)

/** One balanced journal entry per business event (a transaction, an accrual run, a write-off …). */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: id(),
    institutionId: institution(),
    entryDate: day('entry_date').notNull(),
    eventType: text('event_type').notNull(),
    /** the loan transaction (or other business object) the entry books */
    eventId: text('event_id').notNull(),
    loanId: uuid('loan_id'),
    description: text('description'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('journal_entries_loan').on(t.loanId),
    index('journal_entries_inst_date').on(t.institutionId, t.entryDate),
    unique('journal_entries_event').on(t.eventType, t.eventId),
  ],
)

export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    institutionId: institution(),
    entryId: uuid('entry_id').notNull(),
    accountCode: text('account_code').notNull(),
    debit: money('debit').notNull().default('0'),
    credit: money('credit').notNull().default('0'),
    loanId: uuid('loan_id'),
  },
  (t) => [
    index('journal_lines_entry').on(t.entryId),
    index('journal_lines_loan_account').on(t.loanId, t.accountCode),
    // exactly one side, and never zero or negative
    check('journal_lines_one_side', sql`(debit > 0 and credit = 0) or (credit > 0 and debit = 0)`),
  ],
)

/** A run of the daily close for one institution and business date; resumable by chunk. */
export const cobRuns = pgTable(
  'cob_runs',
  {
    id: id(),
    institutionId: institution(),
    businessDate: day('business_date').notNull(),
    /** running | completed | failed */
    status: text('status').notNull(),
    step: text('step'),
    loansTotal: integer('loans_total').notNull().default(0),
    loansDone: integer('loans_done').notNull().default(0),
    stats: jsonb('stats').notNull().default({}),
    error: text('error'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [unique('cob_runs_inst_date').on(t.institutionId, t.businessDate)],
)
