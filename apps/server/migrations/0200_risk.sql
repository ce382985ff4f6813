CREATE TABLE "risk_scenes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"built_in" boolean DEFAULT false NOT NULL,
	"champion_version_id" uuid,
	"challenger_version_id" uuid,
	"challenger_share" integer DEFAULT 0 NOT NULL,
	"use_challenger_decision" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_scenes_inst_code" UNIQUE("institution_id","code"),
	CONSTRAINT "risk_scenes_share" CHECK ("challenger_share" BETWEEN 0 AND 100)
);
CREATE TABLE "risk_config_stamps" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 0 NOT NULL
);
CREATE TABLE "risk_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"enum_values" jsonb,
	"source_kind" text NOT NULL,
	"data_source" text NOT NULL,
	"config" jsonb NOT NULL,
	"depends_on" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_indicators_inst_code" UNIQUE("institution_id","code")
);
CREATE TABLE "risk_data_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"url" text NOT NULL,
	"method" text NOT NULL,
	"request_mapping" jsonb NOT NULL,
	"response_fields" jsonb NOT NULL,
	"timeout_ms" integer NOT NULL,
	"cost_per_call" numeric(20, 2) NOT NULL,
	"call_cycle" jsonb NOT NULL,
	"fallback" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_data_sources_inst_code" UNIQUE("institution_id","code")
);
CREATE TABLE "risk_source_cache" (
	"institution_id" uuid NOT NULL,
	"source" text NOT NULL,
	"subject_key" text NOT NULL,
	"answer" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_source_cache_pk" PRIMARY KEY("institution_id","source","subject_key")
);
CREATE TABLE "risk_rule_set_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"scene_code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"target" text,
	"rules" jsonb NOT NULL,
	"indicator_snapshot" jsonb,
	"based_on_version_id" uuid,
	"approval_id" uuid,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"submitted_by" uuid,
	"approved_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_versions_scene_version" UNIQUE("institution_id","scene_code","version")
);
CREATE INDEX "risk_versions_status" ON "risk_rule_set_versions" USING btree ("institution_id","status");
CREATE TABLE "risk_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"scene_code" text NOT NULL,
	"version_id" uuid,
	"version" integer,
	"variant" text NOT NULL,
	"customer_id" uuid,
	"application_id" uuid,
	"subject_key" text NOT NULL,
	"decision" text NOT NULL,
	"score" numeric,
	"amount" numeric(20, 2),
	"data_cost" numeric(20, 2) NOT NULL,
	"values" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"challenger" jsonb,
	"challenger_decision" text,
	"device_fingerprint" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
CREATE INDEX "risk_reports_inst_created" ON "risk_reports" USING btree ("institution_id","created_at");
CREATE INDEX "risk_reports_scene" ON "risk_reports" USING btree ("institution_id","scene_code","created_at");
CREATE INDEX "risk_reports_customer" ON "risk_reports" USING btree ("institution_id","customer_id");
CREATE TABLE "risk_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"list_type" text NOT NULL,
	"kind" text NOT NULL,
	"value_hash" text NOT NULL,
	"value_masked" text NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_list_entries_value" UNIQUE("institution_id","list_type","kind","value_hash")
);
CREATE INDEX "risk_list_entries_hash" ON "risk_list_entries" USING btree ("institution_id","value_hash");
CREATE TABLE "risk_device_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY NOT NULL,
	"institution_id" uuid NOT NULL,
	"subject_key" text NOT NULL,
	"event" text NOT NULL,
	"device_fingerprint" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
CREATE INDEX "risk_device_events_device" ON "risk_device_events" USING btree ("institution_id","device_fingerprint");
CREATE INDEX "risk_device_events_ip" ON "risk_device_events" USING btree ("institution_id","ip","created_at");
CREATE INDEX "risk_device_events_subject" ON "risk_device_events" USING btree ("institution_id","subject_key");
--> statement-breakpoint
ALTER TABLE risk_scenes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_scenes USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_config_stamps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_config_stamps USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_indicators USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_data_sources ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_data_sources USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_source_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_source_cache USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_rule_set_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_rule_set_versions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_reports USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_list_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_list_entries USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
ALTER TABLE risk_device_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_device_events USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
