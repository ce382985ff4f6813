-- Collections (贷后/催收): stage sets, pools, cases with stage and assignment history, records,
-- promises, contact flags, compliance settings, and the per-day case-flow runs. See docs/collections.md.
CREATE TABLE "collection_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"stage_code" text NOT NULL,
	"collector_id" uuid NOT NULL,
	"previous_collector_id" uuid,
	"kind" text NOT NULL,
	"assigned_by" uuid,
	"business_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_case_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"stage_code" text NOT NULL,
	"entered_on" date NOT NULL,
	"left_on" date,
	"dpd_on_entry" integer NOT NULL,
	"collector_id" uuid
);
--> statement-breakpoint
CREATE TABLE "collection_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"loan_no" text NOT NULL,
	"customer_id" uuid,
	"product_id" uuid NOT NULL,
	"borrower_name" text NOT NULL,
	"status" text NOT NULL,
	"set_key" text NOT NULL,
	"stage_code" text NOT NULL,
	"stage_rank" integer DEFAULT 0 NOT NULL,
	"position_code" text NOT NULL,
	"collector_id" uuid,
	"team_id" uuid,
	"dpd" integer NOT NULL,
	"overdue_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"broken_promises" integer DEFAULT 0 NOT NULL,
	"last_contact_at" timestamp with time zone,
	"opened_on" date NOT NULL,
	"stage_entered_on" date NOT NULL,
	"assigned_on" date,
	"finished_on" date,
	"finish_reason" text,
	"last_flow_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_collectors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"cap" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_contact_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_key" text NOT NULL,
	"flag" text NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_contact_flags_key" UNIQUE("customer_id","contact_key")
);
--> statement-breakpoint
CREATE TABLE "collection_flow_runs" (
	"institution_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_flow_runs_pk" PRIMARY KEY("institution_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "collection_pools" (
	"institution_id" uuid NOT NULL,
	"stage_code" text NOT NULL,
	"auto_assign" boolean DEFAULT false NOT NULL,
	"strategy" text DEFAULT 'round_robin' NOT NULL,
	"cap_per_collector" integer,
	"rr_cursor" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_pools_pk" PRIMARY KEY("institution_id","stage_code")
);
--> statement-breakpoint
CREATE TABLE "collection_promises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"collector_id" uuid NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"promised_date" date NOT NULL,
	"made_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"paid_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"resolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"collector_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"contact" text NOT NULL,
	"contact_key" text NOT NULL,
	"contact_label" text,
	"reached" boolean NOT NULL,
	"result_code" text NOT NULL,
	"notes" text,
	"recording_ref" text,
	"debt_disclosed" boolean DEFAULT false NOT NULL,
	"business_date" date NOT NULL,
	"local_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_settings" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"allowed_from" text DEFAULT '08:00' NOT NULL,
	"allowed_to" text DEFAULT '22:00' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"max_unanswered_per_day" integer DEFAULT 6 NOT NULL,
	"third_party_only_when_unreachable" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_stage_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"set_key" text NOT NULL,
	"product_id" uuid,
	"stages" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_stage_sets_key" UNIQUE("institution_id","set_key")
);
--> statement-breakpoint
CREATE INDEX "collection_assignments_case" ON "collection_assignments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "collection_case_stages_case" ON "collection_case_stages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "collection_cases_pool" ON "collection_cases" USING btree ("institution_id","status","stage_code");--> statement-breakpoint
CREATE INDEX "collection_cases_collector" ON "collection_cases" USING btree ("collector_id","status");--> statement-breakpoint
CREATE INDEX "collection_cases_loan" ON "collection_cases" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "collection_cases_finished" ON "collection_cases" USING btree ("institution_id","finished_on");--> statement-breakpoint
CREATE INDEX "collection_promises_case" ON "collection_promises" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "collection_promises_pending" ON "collection_promises" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "collection_records_case" ON "collection_records" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "collection_records_collector" ON "collection_records" USING btree ("collector_id","business_date");
--> statement-breakpoint
CREATE UNIQUE INDEX "collection_cases_one_open" ON "collection_cases" ("loan_id") WHERE status IN ('unassigned', 'assigned');
--> statement-breakpoint
ALTER TABLE collection_stage_sets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_stage_sets USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_pools ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_pools USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_collectors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_collectors USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_settings USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_cases USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_case_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_case_stages USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_assignments USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_records USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_promises ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_promises USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_contact_flags ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_contact_flags USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_flow_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_flow_runs USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
