-- Collections: legal escalation (转法务) with document references, and write-off proposals made from a
-- case (the write-off itself is servicing's four-eyes `loan.write_off`; the approval id is kept here).
CREATE TABLE "collection_legal_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_id" uuid,
	"requested_by" uuid NOT NULL,
	"business_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "collection_legal_actions_case" ON "collection_legal_actions" USING btree ("case_id");
--> statement-breakpoint
ALTER TABLE collection_legal_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_legal_actions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
