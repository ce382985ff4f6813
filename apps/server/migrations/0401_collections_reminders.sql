-- Collections reminder ladder: configurable steps per institution (null = the defaults) and one row
-- per loan, due date and step, so a step is never sent twice (unique key). See docs/collections.md.
ALTER TABLE "collection_settings" ADD COLUMN "reminder_steps" jsonb;
--> statement-breakpoint
CREATE TABLE "collection_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"loan_no" text NOT NULL,
	"customer_id" uuid,
	"case_id" uuid,
	"due_date" date NOT NULL,
	"step_code" text NOT NULL,
	"action" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"notification_id" uuid,
	"business_date" date NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_reminders_once" UNIQUE("loan_id","due_date","step_code")
);
--> statement-breakpoint
CREATE INDEX "collection_reminders_queue" ON "collection_reminders" USING btree ("institution_id","status");
--> statement-breakpoint
ALTER TABLE collection_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON collection_reminders USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
