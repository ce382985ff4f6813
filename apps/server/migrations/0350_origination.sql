-- Origination (贷前) and credit review (信审): applications, uploads, credit lines, approval chains,
-- contracts; review pools, orders, calls and quality inspections.
CREATE SEQUENCE IF NOT EXISTS application_no_seq;
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"app_no" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"borrower_id" uuid,
	"product_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"term" integer NOT NULL,
	"term_unit" text NOT NULL,
	"method" text NOT NULL,
	"purpose" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scene_code" text,
	"risk_report_id" uuid,
	"risk_decision" text,
	"risk_score" numeric(12, 2),
	"quota" numeric(20, 2),
	"reject_reason_code" text,
	"reject_reason" text,
	"first_reviewer_id" uuid,
	"second_reviewer_id" uuid,
	"loan_id" uuid,
	"owner_id" uuid,
	"created_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"disbursed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_inst_no" UNIQUE("institution_id","app_no")
);
--> statement-breakpoint
CREATE INDEX "applications_inst_status" ON "applications" USING btree ("institution_id","status","created_at");
--> statement-breakpoint
CREATE INDEX "applications_customer" ON "applications" USING btree ("customer_id");
--> statement-breakpoint
CREATE INDEX "applications_borrower" ON "applications" USING btree ("borrower_id");
--> statement-breakpoint
-- one active application per customer and product: a second concurrent apply gets a unique violation (409)
CREATE UNIQUE INDEX "applications_active_per_product" ON "applications" ("institution_id","customer_id","product_id")
  WHERE status IN ('submitted','manual_review','approval','approved','disbursing');
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"declared_type" text NOT NULL,
	"detected_type" text,
	"kind" text NOT NULL,
	"length" bigint NOT NULL,
	"offset" bigint DEFAULT 0 NOT NULL,
	"sha256" text,
	"storage_name" text NOT NULL,
	"status" text DEFAULT 'uploading' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "uploads_owner" ON "uploads" USING btree ("owner_kind","owner_id");
--> statement-breakpoint
CREATE TABLE "credit_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"granted_by_application_id" uuid,
	"risk_report_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_lines_customer" UNIQUE("institution_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "origination_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"product_id" uuid,
	"always_manual" boolean DEFAULT false NOT NULL,
	"tiers" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "origination_policies_inst" ON "origination_policies" USING btree ("institution_id","product_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "origination_policies_one" ON "origination_policies" ("institution_id", coalesce("product_id", '00000000-0000-0000-0000-000000000000'::uuid));
--> statement-breakpoint
CREATE TABLE "application_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"step_no" integer NOT NULL,
	"step_code" text NOT NULL,
	"step_name" text NOT NULL,
	"position" text,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_approvals_step" UNIQUE("application_id","step_no")
);
--> statement-breakpoint
CREATE INDEX "application_approvals_inst_status" ON "application_approvals" USING btree ("institution_id","status");
--> statement-breakpoint
CREATE TABLE "contract_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"product_id" uuid,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contract_templates_inst" ON "contract_templates" USING btree ("institution_id","product_id");
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"contract_no" text NOT NULL,
	"template_id" uuid,
	"template_version" integer NOT NULL,
	"content" text NOT NULL,
	"pdf_base64" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text NOT NULL,
	"consent" boolean DEFAULT false NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_ip" text,
	"signed_device" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_application" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "review_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"team_id" uuid,
	"position_code" text NOT NULL,
	"auto_mode" text DEFAULT 'manual' NOT NULL,
	"cap" integer DEFAULT 20 NOT NULL,
	"sla_minutes" integer DEFAULT 240 NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_assignee_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_pools_stage" UNIQUE("institution_id","stage")
);
--> statement-breakpoint
CREATE TABLE "review_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"app_no" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"amount" text NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"assignee_name" text,
	"assigned_at" timestamp with time zone,
	"assigned_by" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"result" text,
	"reject_reason_code" text,
	"notes" text,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_orders_app_stage" UNIQUE("application_id","stage")
);
--> statement-breakpoint
CREATE INDEX "review_orders_pool" ON "review_orders" USING btree ("institution_id","stage","status");
--> statement-breakpoint
CREATE INDEX "review_orders_assignee" ON "review_orders" USING btree ("assignee_id","status");
--> statement-breakpoint
CREATE TABLE "review_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"callee" text NOT NULL,
	"phone_masked" text NOT NULL,
	"outcome" text NOT NULL,
	"content" text,
	"recording_ref" text,
	"duration_seconds" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "review_calls_order" ON "review_calls" USING btree ("order_id");
--> statement-breakpoint
CREATE TABLE "review_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"inspector_id" uuid NOT NULL,
	"inspector_name" text NOT NULL,
	"score" integer,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inspected_at" timestamp with time zone,
	CONSTRAINT "review_inspections_order" UNIQUE("order_id")
);
--> statement-breakpoint
CREATE INDEX "review_inspections_inst" ON "review_inspections" USING btree ("institution_id","status");
--> statement-breakpoint
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON applications USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
-- a borrower's upload belongs to no institution until it is attached to an application; borrower
-- routes run in the system context and filter by owner
ALTER TABLE uploads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON uploads USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE credit_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON credit_lines USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE origination_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON origination_policies USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE application_approvals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON application_approvals USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE contract_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON contract_templates USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON contracts USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE review_pools ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON review_pools USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE review_orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON review_orders USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE review_calls ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON review_calls USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE review_inspections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON review_inspections USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
