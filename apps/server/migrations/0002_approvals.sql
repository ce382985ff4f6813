CREATE TABLE "approval_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"summary" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE INDEX "approval_requests_inst_status" ON "approval_requests" USING btree ("institution_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "approval_requests_object" ON "approval_requests" USING btree ("object_type","object_id");--> statement-breakpoint
ALTER TABLE approval_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON approval_requests USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
