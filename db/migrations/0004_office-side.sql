CREATE TABLE "decision_maker_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "decision_maker_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"petition_id" integer NOT NULL,
	"event_id" integer,
	"office_id" integer,
	"source" text NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"author_title" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signers_notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "office_deliveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "office_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"packet_id" text NOT NULL,
	"to_address" text NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"cover_note" text DEFAULT '' NOT NULL,
	"sent_by" integer,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ack_token_hash" text NOT NULL,
	"ack_expires_at" timestamp with time zone NOT NULL,
	"ack_used_at" timestamp with time zone,
	"ack_name" text DEFAULT '' NOT NULL,
	"ack_title" text DEFAULT '' NOT NULL,
	"packet_token_hash" text NOT NULL,
	"packet_expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petition_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"petition_id" integer NOT NULL,
	"title_en" text NOT NULL,
	"body_en" text NOT NULL,
	"title_es" text NOT NULL,
	"body_es" text NOT NULL,
	"posted_by" integer,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "update_interval_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "delivery_channel" text;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "acknowledged_by_office" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "event_status_changes" ADD COLUMN "by_office" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_maker_responses" ADD CONSTRAINT "decision_maker_responses_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_maker_responses" ADD CONSTRAINT "decision_maker_responses_event_id_delivery_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."delivery_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_maker_responses" ADD CONSTRAINT "decision_maker_responses_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_maker_responses" ADD CONSTRAINT "decision_maker_responses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_deliveries" ADD CONSTRAINT "office_deliveries_event_id_delivery_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."delivery_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_deliveries" ADD CONSTRAINT "office_deliveries_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_updates" ADD CONSTRAINT "petition_updates_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_updates" ADD CONSTRAINT "petition_updates_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_maker_responses_petition_idx" ON "decision_maker_responses" USING btree ("petition_id","responded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "office_deliveries_event_key" ON "office_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_deliveries_ack_token_key" ON "office_deliveries" USING btree ("ack_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "office_deliveries_packet_token_key" ON "office_deliveries" USING btree ("packet_token_hash");--> statement-breakpoint
CREATE INDEX "petition_updates_petition_idx" ON "petition_updates" USING btree ("petition_id","posted_at");--> statement-breakpoint
CREATE INDEX "signatures_petition_source_idx" ON "signatures" USING btree ("petition_id","source","created_at");--> statement-breakpoint
CREATE INDEX "outgoing_emails_to_created_idx" ON "outgoing_emails" USING btree ("to_address","created_at");