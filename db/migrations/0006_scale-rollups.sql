-- Folding for name search (app/lib/fold.ts holds the same table): immutable, so it can be indexed.
CREATE OR REPLACE FUNCTION handover_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fold$ SELECT translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĐđŁłØøÐð', 'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyddlloodd') $fold$;--> statement-breakpoint
CREATE TABLE "packet_list_parts" (
	"packet_id" text NOT NULL,
	"part" integer NOT NULL,
	"first_online_number" integer NOT NULL,
	"row_count" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "packet_list_parts_packet_id_part_pk" PRIMARY KEY("packet_id","part")
);
--> statement-breakpoint
CREATE TABLE "signature_hourly" (
	"petition_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "signature_hourly_petition_id_hour_shard_pk" PRIMARY KEY("petition_id","hour","shard")
);
--> statement-breakpoint
CREATE TABLE "signature_places" (
	"petition_id" integer NOT NULL,
	"city" text NOT NULL,
	"region" text NOT NULL,
	"shard" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "signature_places_petition_id_city_region_shard_pk" PRIMARY KEY("petition_id","city","region","shard")
);
--> statement-breakpoint
CREATE TABLE "signature_status_counts" (
	"petition_id" integer NOT NULL,
	"status" "signature_status" NOT NULL,
	"shard" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "signature_status_counts_petition_id_status_shard_pk" PRIMARY KEY("petition_id","status","shard")
);
--> statement-breakpoint
DROP INDEX "signatures_petition_last_name_prefix_idx";--> statement-breakpoint
DROP INDEX "signatures_petition_first_name_prefix_idx";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "search_first" text GENERATED ALWAYS AS (handover_fold(first_name)) STORED;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "search_last" text GENERATED ALWAYS AS (handover_fold(last_name)) STORED;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "rsvp_going" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "rsvp_waitlisted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "packet_list_parts" ADD CONSTRAINT "packet_list_parts_packet_id_packets_id_fk" FOREIGN KEY ("packet_id") REFERENCES "public"."packets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_hourly" ADD CONSTRAINT "signature_hourly_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_places" ADD CONSTRAINT "signature_places_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_status_counts" ADD CONSTRAINT "signature_status_counts_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatures_petition_last_name_fold_idx" ON "signatures" USING btree ("petition_id","search_last" text_pattern_ops,"search_first" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signatures_petition_first_name_fold_idx" ON "signatures" USING btree ("petition_id","search_first" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signatures_petition_commented_idx" ON "signatures" USING btree ("petition_id","created_at") WHERE coalesce("signatures"."comment", '') <> '';--> statement-breakpoint
CREATE INDEX "signatures_petition_local_region_idx" ON "signatures" USING btree ("petition_id",upper(trim("region")),"verified_at") WHERE "signatures"."status" = 'verified' and "signatures"."invalidated_at" is null;--> statement-breakpoint
CREATE INDEX "signatures_petition_local_postal_idx" ON "signatures" USING btree ("petition_id",upper(trim("postal_code")) text_pattern_ops,"verified_at") WHERE "signatures"."status" = 'verified' and "signatures"."invalidated_at" is null;--> statement-breakpoint
CREATE INDEX "delivery_events_campaign_changed_idx" ON "delivery_events" USING btree ("campaign_id","changed_at");--> statement-breakpoint
-- Dashboard rollups, kept in the same transaction as every change to signatures (statement-level
-- triggers: a batch of N rows costs one grouped upsert per rollup, not N). The shard spreads
-- concurrent writers over 16 rows per key; readers sum over shards.
CREATE OR REPLACE FUNCTION handover_signature_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  s smallint := (pg_backend_pid() % 16)::smallint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows)
    INSERT INTO signature_status_counts AS t (petition_id, status, shard, n)
      SELECT petition_id, status, s, sum(delta)::int FROM d
      GROUP BY petition_id, status HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, status, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows)
    INSERT INTO signature_hourly AS t (petition_id, hour, shard, n)
      SELECT petition_id, date_trunc('hour', verified_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', s, sum(delta)::int FROM d
      WHERE status = 'verified' AND verified_at IS NOT NULL
      GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, hour, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows)
    INSERT INTO signature_places AS t (petition_id, city, region, shard, n)
      SELECT petition_id, city, region, s, sum(delta)::int FROM d
      WHERE status = 'verified'
      GROUP BY petition_id, city, region HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (petition_id, city, region, shard) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (SELECT petition_id, status, verified_at, city, region, -1 AS delta FROM old_rows)
    INSERT INTO signature_status_counts AS t (petition_id, status, shard, n)
      SELECT petition_id, status, s, sum(delta)::int FROM d
      GROUP BY petition_id, status HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, status, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, -1 AS delta FROM old_rows)
    INSERT INTO signature_hourly AS t (petition_id, hour, shard, n)
      SELECT petition_id, date_trunc('hour', verified_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', s, sum(delta)::int FROM d
      WHERE status = 'verified' AND verified_at IS NOT NULL
      GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, hour, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, -1 AS delta FROM old_rows)
    INSERT INTO signature_places AS t (petition_id, city, region, shard, n)
      SELECT petition_id, city, region, s, sum(delta)::int FROM d
      WHERE status = 'verified'
      GROUP BY petition_id, city, region HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (petition_id, city, region, shard) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows UNION ALL SELECT petition_id, status, verified_at, city, region, -1 FROM old_rows)
    INSERT INTO signature_status_counts AS t (petition_id, status, shard, n)
      SELECT petition_id, status, s, sum(delta)::int FROM d
      GROUP BY petition_id, status HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, status, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows UNION ALL SELECT petition_id, status, verified_at, city, region, -1 FROM old_rows)
    INSERT INTO signature_hourly AS t (petition_id, hour, shard, n)
      SELECT petition_id, date_trunc('hour', verified_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', s, sum(delta)::int FROM d
      WHERE status = 'verified' AND verified_at IS NOT NULL
      GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT (petition_id, hour, shard) DO UPDATE SET n = t.n + excluded.n;
    WITH d AS (SELECT petition_id, status, verified_at, city, region, 1 AS delta FROM new_rows UNION ALL SELECT petition_id, status, verified_at, city, region, -1 FROM old_rows)
    INSERT INTO signature_places AS t (petition_id, city, region, shard, n)
      SELECT petition_id, city, region, s, sum(delta)::int FROM d
      WHERE status = 'verified'
      GROUP BY petition_id, city, region HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (petition_id, city, region, shard) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER signatures_rollup_insert AFTER INSERT ON signatures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_signature_rollup();--> statement-breakpoint
CREATE TRIGGER signatures_rollup_update AFTER UPDATE ON signatures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_signature_rollup();--> statement-breakpoint
CREATE TRIGGER signatures_rollup_delete AFTER DELETE ON signatures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_signature_rollup();--> statement-breakpoint
INSERT INTO signature_status_counts (petition_id, status, shard, n)
  SELECT petition_id, status, 0, count(*)::int FROM signatures GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO signature_hourly (petition_id, hour, shard, n)
  SELECT petition_id, date_trunc('hour', verified_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, count(*)::int
  FROM signatures WHERE status = 'verified' AND verified_at IS NOT NULL GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO signature_places (petition_id, city, region, shard, n)
  SELECT petition_id, city, region, 0, count(*)::int FROM signatures WHERE status = 'verified' GROUP BY 1, 2, 3;--> statement-breakpoint
-- The board: RSVP counts per event and a "changed at" stamp, bumped by anything the board shows.
CREATE OR REPLACE FUNCTION handover_event_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- Stamp unless the statement set changed_at itself (a restore or a test back-dating it).
  IF NEW.changed_at IS NOT DISTINCT FROM OLD.changed_at THEN
    NEW.changed_at := clock_timestamp();
  END IF;
  RETURN NEW;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER delivery_events_changed BEFORE UPDATE ON delivery_events
  FOR EACH ROW EXECUTE FUNCTION handover_event_changed();--> statement-breakpoint
-- Counts are recounted (not added to) for the events a statement touched: an event has at most a
-- few hundred RSVPs, read through rsvps_event_status_idx, so the count can never drift.
CREATE OR REPLACE FUNCTION handover_rsvp_board() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
  UPDATE delivery_events e SET
    rsvp_going = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going'),
    rsvp_waitlisted = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted')
  WHERE e.id IN (SELECT DISTINCT event_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
  UPDATE delivery_events e SET
    rsvp_going = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going'),
    rsvp_waitlisted = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted')
  WHERE e.id IN (SELECT DISTINCT event_id FROM old_rows);
  ELSE
  UPDATE delivery_events e SET
    rsvp_going = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going'),
    rsvp_waitlisted = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted')
  WHERE e.id IN (SELECT event_id FROM new_rows UNION SELECT event_id FROM old_rows);
  END IF;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER rsvps_board_insert AFTER INSERT ON rsvps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_rsvp_board();--> statement-breakpoint
CREATE TRIGGER rsvps_board_update AFTER UPDATE ON rsvps
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_rsvp_board();--> statement-breakpoint
CREATE TRIGGER rsvps_board_delete AFTER DELETE ON rsvps
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION handover_rsvp_board();--> statement-breakpoint
CREATE OR REPLACE FUNCTION handover_packet_board() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE delivery_events SET changed_at = clock_timestamp() WHERE id = NEW.event_id;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER packets_board AFTER INSERT OR UPDATE OF status, superseded_at ON packets
  FOR EACH ROW EXECUTE FUNCTION handover_packet_board();--> statement-breakpoint
UPDATE delivery_events e SET
  rsvp_going = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going'),
  rsvp_waitlisted = (SELECT count(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted');
