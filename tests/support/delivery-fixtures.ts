// A small campaign for delivery tests: one member per role, a petition, offices, events.
import crypto from "node:crypto";
import { db } from "#db/client";
import {
  campaignMembers,
  campaigns,
  deliveryEvents,
  eventCoordinators,
  offices,
  packets,
  petitions,
  petitionTexts,
  signatures,
  users,
} from "#db/schema";
import type { CampaignRole, EventState } from "#db/schema/states";

const uniq = () => crypto.randomBytes(3).toString("hex");

export async function makeDeliveryCampaign() {
  const tag = uniq();
  const [campaign] = await db
    .insert(campaigns)
    .values({ slug: `delivery-${tag}`, name: `Delivery test ${tag}` })
    .returning();
  const ids = {} as Record<CampaignRole | "coordOther" | "stranger", number>;
  for (const role of [
    "owner",
    "organizer",
    "coordinator",
    "viewer",
    "coordOther",
    "stranger",
  ] as const) {
    const [u] = await db
      .insert(users)
      .values({ email: `${role}-${tag}@example.org`, name: `${role} ${tag}`, passwordHash: "x" })
      .returning({ id: users.id });
    ids[role] = u!.id;
    if (role !== "stranger") {
      await db.insert(campaignMembers).values({
        campaignId: campaign!.id,
        userId: u!.id,
        role: role === "coordOther" ? "coordinator" : role,
      });
    }
  }
  const [petition] = await db
    .insert(petitions)
    .values({ campaignId: campaign!.id, slug: `petition-${tag}`, status: "published" })
    .returning();
  await db.insert(petitionTexts).values([
    { petitionId: petition!.id, locale: "en", title: "Stop the stops" },
    { petitionId: petition!.id, locale: "es", title: "Paren las paradas" },
  ]);
  const [office] = await db
    .insert(offices)
    .values({
      campaignId: campaign!.id,
      name: "Houston party office",
      kind: "party_office",
      city: "Houston",
      region: "TX",
      timeZone: "America/Chicago",
      addressLine1: "2616 Main St",
    })
    .returning();
  return { campaign: campaign!, petition: petition!, office: office!, users: ids };
}

export type DeliveryCampaign = Awaited<ReturnType<typeof makeDeliveryCampaign>>;

export async function makeEvent(
  c: DeliveryCampaign,
  {
    status = "planned",
    capacity = null,
    startsAt = new Date(Date.now() + 7 * 86400_000),
    coordinator = true,
  }: {
    status?: EventState;
    capacity?: number | null;
    startsAt?: Date;
    coordinator?: boolean;
  } = {},
) {
  const [event] = await db
    .insert(deliveryEvents)
    .values({
      campaignId: c.campaign.id,
      petitionId: c.petition.id,
      officeId: c.office.id,
      status,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      timeZone: c.office.timeZone,
      capacity,
      meetingPoint: "Front steps",
    })
    .returning();
  if (coordinator)
    await db.insert(eventCoordinators).values({ eventId: event!.id, userId: c.users.coordinator });
  return event!;
}

export async function makeSigners(
  c: DeliveryCampaign,
  n: number,
  overrides: Partial<typeof signatures.$inferInsert> = {},
) {
  const values = Array.from({ length: n }, (_, i) => {
    const email = `signer${i}-${uniq()}@example.org`;
    return {
      petitionId: c.petition.id,
      status: "verified" as const,
      firstName: `Signer${i}`,
      lastName: "Test",
      email,
      emailCanonical: email,
      keepUpdated: true,
      verifiedAt: new Date(),
      locale: (i % 2 ? "es" : "en") as "en" | "es",
      ...overrides,
    };
  });
  return db
    .insert(signatures)
    .values(values)
    .returning({ id: signatures.id, email: signatures.email });
}

/** A built packet for the event, as the packet job leaves it: "Packet ready" needs one. */
export async function markPacketBuilt(eventId: number) {
  const id = `t${uniq()}${uniq()}`;
  await db.insert(packets).values({ id, eventId, status: "ready", readyAt: new Date() });
  return id;
}
