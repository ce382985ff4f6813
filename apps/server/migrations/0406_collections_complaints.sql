-- Complaints about collection (催收投诉) recorded on a case: how it came in, what it is about, and how
-- it was resolved. Shown on the case detail so that whoever works the case sees it.
CREATE TABLE "collection_complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"received_via" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"recorded_by" uuid NOT NULL,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "collection_complaints_case" ON "collection_complaints" USING btree ("case_id");
--> statement-breakpoint
ALTER TABLE collection_complaints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_complaints USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
