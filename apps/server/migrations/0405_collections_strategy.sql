-- Collections: strategies (segments with an approach, champion/challenger), the segment history of
-- each case (for results per strategy and segment), and the legal process after an escalation
-- (legal cases with their status moves, fees and notes). See docs/collections.md.
CREATE TABLE "collection_strategies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"segments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"role" text,
	"challenger_percent" integer,
	"activated_on" date,
	"retired_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- one champion and at most one challenger active per institution
CREATE UNIQUE INDEX "collection_strategies_active_role" ON "collection_strategies" ("institution_id", "role") WHERE status = 'active';
--> statement-breakpoint
CREATE TABLE "collection_case_segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"segment_code" text,
	"entered_on" date NOT NULL,
	"left_on" date
);
--> statement-breakpoint
CREATE INDEX "collection_case_segments_case" ON "collection_case_segments" USING btree ("case_id");
--> statement-breakpoint
CREATE INDEX "collection_case_segments_strategy" ON "collection_case_segments" USING btree ("institution_id", "strategy_id", "entered_on");
--> statement-breakpoint
ALTER TABLE "collection_cases" ADD COLUMN "strategy_id" uuid;
--> statement-breakpoint
ALTER TABLE "collection_cases" ADD COLUMN "segment_code" text;
--> statement-breakpoint
ALTER TABLE "collection_cases" ADD COLUMN "segment_priority" integer;
--> statement-breakpoint
CREATE TABLE "collection_legal_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"loan_no" text NOT NULL,
	"borrower_name" text NOT NULL,
	"escalation_id" uuid,
	"status" text DEFAULT 'escalated' NOT NULL,
	"firm" text,
	"lawyer" text,
	"court" text,
	"docket_no" text,
	"claim_amount" numeric(20, 2),
	"judgment_amount" numeric(20, 2),
	"fees_total" numeric(20, 2) DEFAULT '0' NOT NULL,
	"outcome" text,
	"escalated_on" date NOT NULL,
	"lawyer_assigned_on" date,
	"filed_on" date,
	"judgment_on" date,
	"enforcement_on" date,
	"closed_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "collection_legal_cases_list" ON "collection_legal_cases" USING btree ("institution_id", "status", "escalated_on");
--> statement-breakpoint
-- one open legal case per collection case
CREATE UNIQUE INDEX "collection_legal_cases_open" ON "collection_legal_cases" ("case_id") WHERE status <> 'closed';
--> statement-breakpoint
CREATE TABLE "collection_legal_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"legal_case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"event_date" date NOT NULL,
	"fee_kind" text,
	"amount" numeric(20, 2),
	"notes" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "collection_legal_events_case" ON "collection_legal_events" USING btree ("legal_case_id", "created_at");
--> statement-breakpoint
ALTER TABLE collection_strategies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_strategies USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_case_segments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_case_segments USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_legal_cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_legal_cases USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_legal_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_legal_events USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
