CREATE TABLE "cob_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"status" text NOT NULL,
	"step" text,
	"loans_total" integer DEFAULT 0 NOT NULL,
	"loans_done" integer DEFAULT 0 NOT NULL,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "cob_runs_inst_date" UNIQUE("institution_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"status" text NOT NULL,
	"bank_ref" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"account_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursements_loan_id_unique" UNIQUE("loan_id"),
	CONSTRAINT "disbursements_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "gl_accounts" (
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "gl_accounts_pk" UNIQUE("institution_id","code")
);
--> statement-breakpoint
CREATE TABLE "installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal_due" numeric(20, 2) NOT NULL,
	"interest_due" numeric(20, 2) NOT NULL,
	"fee_due" numeric(20, 2) NOT NULL,
	"penalty_due" numeric(20, 2) DEFAULT '0' NOT NULL,
	"principal_paid" numeric(20, 2) DEFAULT '0' NOT NULL,
	"interest_paid" numeric(20, 2) DEFAULT '0' NOT NULL,
	"fee_paid" numeric(20, 2) DEFAULT '0' NOT NULL,
	"penalty_paid" numeric(20, 2) DEFAULT '0' NOT NULL,
	"interest_waived" numeric(20, 2) DEFAULT '0' NOT NULL,
	"fee_waived" numeric(20, 2) DEFAULT '0' NOT NULL,
	"penalty_waived" numeric(20, 2) DEFAULT '0' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"paid_on" date,
	CONSTRAINT "installments_loan_number" UNIQUE("loan_id","number")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"event_type" text NOT NULL,
	"event_id" text NOT NULL,
	"loan_id" uuid,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_event" UNIQUE("event_type","event_id")
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journal_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"institution_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_code" text NOT NULL,
	"debit" numeric(20, 2) DEFAULT '0' NOT NULL,
	"credit" numeric(20, 2) DEFAULT '0' NOT NULL,
	"loan_id" uuid,
	CONSTRAINT "journal_lines_one_side" CHECK ((debit > 0 and credit = 0) or (credit > 0 and debit = 0))
);
--> statement-breakpoint
CREATE TABLE "loan_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value_date" date NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"principal_portion" numeric(20, 2) DEFAULT '0' NOT NULL,
	"interest_portion" numeric(20, 2) DEFAULT '0' NOT NULL,
	"fee_portion" numeric(20, 2) DEFAULT '0' NOT NULL,
	"penalty_portion" numeric(20, 2) DEFAULT '0' NOT NULL,
	"credit_portion" numeric(20, 2) DEFAULT '0' NOT NULL,
	"channel" text,
	"external_ref" text,
	"reason" text,
	"reverses_id" uuid,
	"reversed_by_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_no" text NOT NULL,
	"product_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"customer_id" uuid,
	"application_id" uuid,
	"borrower_name" text NOT NULL,
	"status" text NOT NULL,
	"principal" numeric(20, 2) NOT NULL,
	"annual_rate" numeric(12, 8) NOT NULL,
	"term" integer NOT NULL,
	"term_unit" text NOT NULL,
	"method" text NOT NULL,
	"day_count" text NOT NULL,
	"rounding" text NOT NULL,
	"penalty_rate" numeric(12, 8) NOT NULL,
	"penalty_base" text NOT NULL,
	"grace_days" integer NOT NULL,
	"allocation_order" text[] NOT NULL,
	"upfront_fee" numeric(20, 2) DEFAULT '0' NOT NULL,
	"apr" numeric(12, 8),
	"disbursed_on" date,
	"maturity_date" date,
	"principal_outstanding" numeric(20, 2) DEFAULT '0' NOT NULL,
	"interest_outstanding" numeric(20, 2) DEFAULT '0' NOT NULL,
	"fee_outstanding" numeric(20, 2) DEFAULT '0' NOT NULL,
	"penalty_outstanding" numeric(20, 2) DEFAULT '0' NOT NULL,
	"credit_balance" numeric(20, 2) DEFAULT '0' NOT NULL,
	"dpd" integer DEFAULT 0 NOT NULL,
	"overdue_since" date,
	"last_cob_date" date,
	"settled_on" date,
	"written_off_on" date,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_inst_no" UNIQUE("institution_id","loan_no")
);
--> statement-breakpoint
CREATE TABLE "product_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"min_amount" numeric(20, 2) NOT NULL,
	"max_amount" numeric(20, 2) NOT NULL,
	"min_term" integer NOT NULL,
	"max_term" integer NOT NULL,
	"term_unit" text NOT NULL,
	"annual_rate" numeric(12, 8) NOT NULL,
	"day_count" text NOT NULL,
	"methods" text[] NOT NULL,
	"upfront_fee_rate" numeric(12, 8) DEFAULT '0' NOT NULL,
	"installment_fee" numeric(20, 2) DEFAULT '0' NOT NULL,
	"penalty_rate" numeric(12, 8) NOT NULL,
	"penalty_base" text NOT NULL,
	"grace_days" integer DEFAULT 0 NOT NULL,
	"rounding" text DEFAULT 'half_up' NOT NULL,
	"allocation_order" text[] NOT NULL,
	"prepayment_rule" text DEFAULT 'allowed' NOT NULL,
	"prepayment_fee_rate" numeric(12, 8) DEFAULT '0' NOT NULL,
	"apr_cap" numeric(12, 8) DEFAULT '0.24' NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"required_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_versions_product_version" UNIQUE("product_id","version")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT 'consumer' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_inst_code" UNIQUE("institution_id","code")
);
--> statement-breakpoint
CREATE INDEX "disbursements_status" ON "disbursements" USING btree ("status");--> statement-breakpoint
CREATE INDEX "installments_due" ON "installments" USING btree ("institution_id","due_date","status");--> statement-breakpoint
CREATE INDEX "journal_entries_loan" ON "journal_entries" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "journal_entries_inst_date" ON "journal_entries" USING btree ("institution_id","entry_date");--> statement-breakpoint
CREATE INDEX "journal_lines_entry" ON "journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_loan_account" ON "journal_lines" USING btree ("loan_id","account_code");--> statement-breakpoint
CREATE INDEX "loan_transactions_loan" ON "loan_transactions" USING btree ("loan_id","value_date");--> statement-breakpoint
CREATE INDEX "loan_transactions_inst_type" ON "loan_transactions" USING btree ("institution_id","type","value_date");--> statement-breakpoint
CREATE INDEX "loans_inst_status" ON "loans" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "loans_customer" ON "loans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "loans_cob" ON "loans" USING btree ("status","last_cob_date");--> statement-breakpoint
CREATE INDEX "products_inst_status" ON "products" USING btree ("institution_id","status");--> statement-breakpoint
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON products USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE product_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON product_versions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE loans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON loans USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE installments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON installments USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE loan_transactions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON loan_transactions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE disbursements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON disbursements USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE gl_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON gl_accounts USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON journal_entries USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE journal_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON journal_lines USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE cob_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON cob_runs USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
