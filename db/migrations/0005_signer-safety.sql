ALTER TYPE "public"."rsvp_status" ADD VALUE 'unconfirmed' BEFORE 'going';--> statement-breakpoint
CREATE TABLE "client_keys" (
	"day" date PRIMARY KEY NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rsvps" ADD COLUMN "share_contact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rsvps" ADD COLUMN "confirm_token_hash" text;--> statement-breakpoint
ALTER TABLE "rsvps" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "rsvps_confirm_token_key" ON "rsvps" USING btree ("confirm_token_hash");--> statement-breakpoint
-- RSVPs made before addresses were confirmed count as confirmed; their phone numbers stay hidden
-- from coordinators until the volunteer agrees (share_contact defaults to false).
UPDATE "rsvps" SET "confirmed_at" = "created_at" WHERE "confirmed_at" IS NULL;--> statement-breakpoint
-- Nothing IP-derived stays on a signature, and rate-limit rows keyed by the old, never-rotating
-- address hash are dropped.
UPDATE "signatures" SET "ip_hash" = NULL WHERE "ip_hash" IS NOT NULL;--> statement-breakpoint
DELETE FROM "rate_limits" WHERE "key" LIKE 'sign:%';
