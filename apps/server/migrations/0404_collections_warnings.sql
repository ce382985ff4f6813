-- Collections early warning (风险预警): the rule catalog per institution (missing row = the built-in
-- defaults) and the warnings the daily evaluation raises, with owner, status and evidence. Never two
-- open warnings for one rule and subject (partial unique index), and one occurrence (e.g. the streak
-- ending on a due date) is raised once even after it was resolved (unique key). See docs/collections.md.
CREATE TABLE "collection_warning_rules" (
	"institution_id" uuid NOT NULL,
	"rule_code" text NOT NULL,
	"enabled" boolean NOT NULL,
	"severity" text NOT NULL,
	"owner_position" text NOT NULL,
	"to_account_manager" boolean NOT NULL,
	"params" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_warning_rules_pk" PRIMARY KEY("institution_id","rule_code")
);
--> statement-breakpoint
CREATE TABLE "collection_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"rule_code" text NOT NULL,
	"severity" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"subject_key" text NOT NULL,
	"subject_label" text NOT NULL,
	"loan_id" uuid,
	"customer_ids" uuid[] DEFAULT '{}' NOT NULL,
	"occurrence_key" text NOT NULL,
	"status" text NOT NULL,
	"owner_id" uuid,
	"owner_team_id" uuid,
	"evidence" jsonb NOT NULL,
	"business_date" date NOT NULL,
	"note" text,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_warnings_occurrence" UNIQUE("institution_id","rule_code","subject_key","occurrence_key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "collection_warnings_one_open" ON "collection_warnings" USING btree ("institution_id","rule_code","subject_key") WHERE status in ('open', 'acknowledged');
--> statement-breakpoint
CREATE INDEX "collection_warnings_list" ON "collection_warnings" USING btree ("institution_id","status","raised_at");
--> statement-breakpoint
CREATE INDEX "collection_warnings_owner" ON "collection_warnings" USING btree ("owner_id");
--> statement-breakpoint
ALTER TABLE collection_warning_rules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_warning_rules USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE collection_warnings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_warnings USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON collection_warning_rules, collection_warnings TO xindai_app;
