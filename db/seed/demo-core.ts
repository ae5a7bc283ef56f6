// The demo campaign: team, offices, a bilingual petition and a few thousand signatures.
import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Tx } from "../client";
import {
  campaignMembers,
  campaigns,
  offices,
  petitionCounts,
  petitions,
  petitionTexts,
  signatures,
  targets,
  users,
  type NewSignature,
} from "../schema";
import {
  COMMENTS,
  DEMO_OFFICES,
  DEMO_PASSWORD,
  DEMO_PLACES,
  DEMO_USERS,
  FIRST_NAMES,
  LAST_NAMES,
  PETITION_TEXTS,
} from "./demo-data";
import type { Random } from "./random";

export const DEMO_CAMPAIGN_SLUG = "drive-without-fear";
export const DEMO_PETITION_SLUG = "stop-traffic-stop-deportations";

export type SeedContext = {
  tx: Tx;
  random: Random;
  now: Date;
  userIds: Record<(typeof DEMO_USERS)[number]["key"], number>;
  officeIds: Record<(typeof DEMO_OFFICES)[number]["key"], number>;
  campaignId: number;
  petitionId: number;
};

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export async function seedCore(
  tx: Tx,
  random: Random,
  now: Date,
  signatureCount: number,
): Promise<SeedContext> {
  const passwordHash = await hash(DEMO_PASSWORD);
  const userIds = {} as SeedContext["userIds"];
  for (const u of DEMO_USERS) {
    const [row] = await tx
      .insert(users)
      .values({ email: u.email, name: u.name, passwordHash, locale: u.locale })
      .onConflictDoUpdate({ target: users.email, set: { name: u.name } })
      .returning({ id: users.id });
    userIds[u.key] = row!.id;
  }

  const [campaign] = await tx
    .insert(campaigns)
    .values({
      slug: DEMO_CAMPAIGN_SLUG,
      name: "Drive Without Fear — Maneja sin miedo",
      description:
        "A national campaign to end deportations that begin with minor traffic stops, delivered in person to five offices on one day.",
      defaultLocale: "en",
      createdBy: userIds.owner,
      createdAt: new Date(now.getTime() - 45 * 86400_000),
    })
    .returning({ id: campaigns.id });
  const campaignId = campaign!.id;
  await tx
    .insert(campaignMembers)
    .values(DEMO_USERS.map((u) => ({ campaignId, userId: userIds[u.key], role: u.role })));

  const officeIds = {} as SeedContext["officeIds"];
  for (const o of DEMO_OFFICES) {
    const { key, localRegions, localPostalPrefixes, ...rest } = o;
    const [row] = await tx
      .insert(offices)
      .values({
        ...rest,
        campaignId,
        localRegions: [...localRegions],
        localPostalPrefixes: [...localPostalPrefixes],
      })
      .returning({ id: offices.id });
    officeIds[key] = row!.id;
  }

  const publishedAt = new Date(now.getTime() - 30 * 86400_000);
  const [petition] = await tx
    .insert(petitions)
    .values({
      campaignId,
      slug: DEMO_PETITION_SLUG,
      status: "published",
      defaultLocale: "en",
      country: "US",
      goal: 5000,
      endsAt: new Date(now.getTime() + 21 * 86400_000),
      createdBy: userIds.owner,
      createdAt: new Date(publishedAt.getTime() - 2 * 86400_000),
      publishedAt,
    })
    .returning({ id: petitions.id });
  const petitionId = petition!.id;
  await tx.insert(petitionTexts).values([
    { petitionId, locale: "en", ...PETITION_TEXTS.en },
    { petitionId, locale: "es", ...PETITION_TEXTS.es },
  ]);
  await tx.insert(targets).values([
    {
      petitionId,
      name: "Dana Whitfield",
      title: "Campaign Manager",
      officeId: officeIds.chicago,
      position: 0,
    },
    {
      petitionId,
      name: "State and county party chairs",
      title: "Florida, Georgia, Texas and North Carolina",
      position: 1,
    },
  ]);

  const totalWeight = DEMO_PLACES.reduce((sum, p) => sum + p.weight, 0);
  const pickPlace = () => {
    let r = random.next() * totalWeight;
    for (const place of DEMO_PLACES) {
      r -= place.weight;
      if (r <= 0) return place;
    }
    return DEMO_PLACES[0];
  };

  let verified = 0;
  const batch: NewSignature[] = [];
  for (let i = 0; i < signatureCount; i++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const place = pickPlace();
    const locale = random.chance(0.55) ? "es" : "en";
    // Older signatures more spread out, a surge in the last week.
    const ageDays = random.chance(0.4) ? random.next() * 7 : random.next() * 30;
    const createdAt = new Date(publishedAt.getTime() + (30 - ageDays) * 86400_000);
    const roll = random.next();
    const status = roll < 0.9 ? "verified" : roll < 0.98 ? "pending" : "invalidated";
    if (status === "verified") verified++;
    const email = `${fold(first)}.${fold(last)}.${i}@example.org`.replace(/[^a-z0-9.@]/g, "");
    batch.push({
      petitionId,
      status,
      firstName: first,
      lastName: last,
      email,
      emailCanonical: email,
      postalCode: random.pick(place.zips),
      city: place.city,
      region: place.region,
      country: "US",
      comment: random.chance(0.1) ? random.pick(COMMENTS[locale]) : null,
      showPublicly: random.chance(0.4),
      printName: random.chance(0.65),
      keepUpdated: random.chance(0.5),
      locale,
      createdAt,
      verifiedAt:
        status === "verified" ? new Date(createdAt.getTime() + random.int(60, 7200) * 1000) : null,
      confirmTokenHash: status === "pending" ? crypto.randomBytes(16).toString("hex") : null,
      confirmExpiresAt: status === "pending" ? new Date(now.getTime() + 3 * 86400_000) : null,
      invalidatedAt: status === "invalidated" ? createdAt : null,
      invalidatedReason: status === "invalidated" ? "Duplicate under a different address" : null,
    });
    if (batch.length === 500) {
      await tx.insert(signatures).values(batch.splice(0));
    }
  }
  if (batch.length) await tx.insert(signatures).values(batch);
  await tx.insert(petitionCounts).values({ petitionId, shard: 0, verified });

  return { tx, random, now, userIds, officeIds, campaignId, petitionId };
}
