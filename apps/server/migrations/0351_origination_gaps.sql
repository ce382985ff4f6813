-- Origination gaps of issue #5: in-branch signature of staff-entered applications, the borrower's
-- reject reason in English, and the reject-reason catalog configurable per institution.
ALTER TABLE "contracts" ADD COLUMN "sign_method" text DEFAULT 'h5' NOT NULL;
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "signed_by_staff_id" uuid;
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "signed_by_staff_name" text;
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "identity_checked" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "reject_reason_en" text;
--> statement-breakpoint
CREATE TABLE "review_reject_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"borrower_text_zh" text NOT NULL,
	"borrower_text_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_reject_reasons_code" UNIQUE("institution_id","code")
);
--> statement-breakpoint
ALTER TABLE review_reject_reasons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON review_reject_reasons USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
