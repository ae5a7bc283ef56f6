import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbKind, dbReady, rows } from "#db/client";
import { campaigns, petitions } from "#db/schema";
import { seedDemo, seedIfEmpty } from "#db/seed";
import { listPublicPetitions } from "~/domain/petitions/petition.server";
import { countVerifiedRows, getVerifiedCount } from "~/domain/petitions/petition-count.server";

describe(`database (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("opens the configured driver with every migration applied", async () => {
    await dbReady();
    expect(dbKind()).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
    const tables = await rows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const names = tables.map((t) => t.table_name);
    for (const t of [
      "users",
      "sessions",
      "campaigns",
      "campaign_members",
      "petitions",
      "petition_texts",
      "targets",
      "signatures",
      "offices",
      "delivery_events",
      "rsvps",
      "packets",
      "outgoing_emails",
      "audit_logs",
      "jobs",
    ]) {
      expect(names).toContain(t);
    }
  });

  it("seeds a realistic demo once, and a second seed changes nothing", async () => {
    expect(await seedIfEmpty()).toBe(true);
    expect(await seedIfEmpty()).toBe(false);
    expect(await seedDemo()).toBe(false);
    const all = await db.select().from(campaigns);
    expect(all).toHaveLength(1);
    const [petition] = await db
      .select()
      .from(petitions)
      .where(eq(petitions.campaignId, all[0]!.id));
    const counted = await getVerifiedCount(petition!.id);
    expect(counted).toBe(await countVerifiedRows(petition!.id));
    expect(counted).toBeGreaterThan(2000);
  });

  it("lists published petitions with their verified counts, in the reader's language", async () => {
    const en = await listPublicPetitions({ locale: "en" });
    const es = await listPublicPetitions({ locale: "es" });
    expect(en[0]!.title).toMatch(/traffic stop/);
    expect(es[0]!.title).toMatch(/parada de tránsito/);
    expect(en[0]!.verifiedCount).toBe(es[0]!.verifiedCount);
    expect(en[0]!.verifiedCount).toBeGreaterThan(2000);
  });
});
