// Seeds the demo campaign into an empty database. Idempotent: a database that already has the
// demo campaign (or any campaign, for seedIfEmpty) is left alone.
import { eq, sql } from "drizzle-orm";
import { db } from "../client";
import { campaigns } from "../schema";
import { DEMO_CAMPAIGN_SLUG, seedCore, type SeedContext } from "./demo-core";
import { seedDeliveryDay } from "./demo-deliveries";
import { createRandom } from "./random";

/** Later steps (deliveries, packets …) add to the demo here, in order. */
const extraSteps: ((ctx: SeedContext) => Promise<void>)[] = [seedDeliveryDay];

export async function seedDemo({ signatureCount = 3200, now = new Date() } = {}) {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.slug, DEMO_CAMPAIGN_SLUG));
    if (existing) return false;
    const ctx = await seedCore(tx, createRandom(), now, signatureCount);
    for (const step of extraSteps) await step(ctx);
    return true;
  });
}

export async function seedIfEmpty() {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(campaigns)) as [
    { n: number },
  ];
  if (Number(n) > 0) return false;
  try {
    return await seedDemo();
  } catch (error) {
    // Another process seeded at the same moment (unique slug): that's fine.
    if (String((error as Error).message).includes("campaigns_slug_key")) return false;
    throw error;
  }
}
