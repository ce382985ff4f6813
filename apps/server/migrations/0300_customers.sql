-- Customers module: customers of an institution with encrypted PII, blind-index lookup keys, contacts,
-- bank cards, and the borrower's institution-independent profile. Names are plain text on purpose
-- (prefix lookup); see apps/server/src/modules/customers/index.ts.
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"borrower_id" uuid,
	"name" text NOT NULL,
	"name_key" text GENERATED ALWAYS AS (lower("name")) STORED,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_masked" text NOT NULL,
	"other_phones_enc" text,
	"address" jsonb,
	"job" jsonb,
	"address_book_enc" text,
	"address_book_count" integer DEFAULT 0 NOT NULL,
	"address_book_uploaded_at" timestamp with time zone,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channel" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"manager_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_inst_id_number" UNIQUE("institution_id","id_number_hash"),
	CONSTRAINT "customers_sex" CHECK ("sex" IN ('male', 'female'))
);
--> statement-breakpoint
CREATE INDEX "customers_inst_created" ON "customers" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE INDEX "customers_manager" ON "customers" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "customers_borrower" ON "customers" USING btree ("borrower_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_inst_borrower" ON "customers" USING btree ("institution_id","borrower_id") WHERE "borrower_id" IS NOT NULL;--> statement-breakpoint
-- one-step lookup by name prefix within an institution. Queried as a range with the pattern operators
-- (name_key ~>=~ p AND name_key ~<~ p || U+10FFFF), which are leakproof: under row-level security
-- PostgreSQL only uses an index for leakproof conditions, and neither LIKE nor lower() is one.
CREATE INDEX "customers_inst_name_prefix" ON "customers" USING btree ("institution_id", "name_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_tags" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE TABLE "customer_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"name_enc" text NOT NULL,
	"relation" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_masked" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_contacts_customer" ON "customer_contacts" USING btree ("customer_id");--> statement-breakpoint
CREATE TABLE "customer_bank_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"bank" text NOT NULL,
	"card_enc" text NOT NULL,
	"card_hash" text NOT NULL,
	"card_masked" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_bank_cards_card" UNIQUE("customer_id","card_hash")
);
--> statement-breakpoint
CREATE TABLE "customer_lookup_keys" (
	"institution_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "customer_lookup_keys_pk" UNIQUE("customer_id","kind","hash")
);
--> statement-breakpoint
CREATE INDEX "customer_lookup_keys_hash" ON "customer_lookup_keys" USING btree ("hash","institution_id");--> statement-breakpoint
CREATE TABLE "borrower_profiles" (
	"borrower_id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"id_number_enc" text,
	"id_number_hash" text,
	"id_number_masked" text,
	"birth_date" date,
	"sex" text,
	"address" jsonb,
	"job" jsonb,
	"contacts_enc" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON customers USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE customer_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON customer_contacts USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE customer_bank_cards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON customer_bank_cards USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE customer_lookup_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON customer_lookup_keys USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
