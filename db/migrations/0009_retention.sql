ALTER TABLE "campaigns" ADD COLUMN "retention_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "packets" ADD COLUMN "list_erased_at" timestamp with time zone;