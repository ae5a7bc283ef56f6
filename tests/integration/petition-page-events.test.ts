// A national day of action: 1,000 public delivery events must not make the petition page list
// them all. The page gets a bounded list and the total; the full schedule is paged, and a
// signer's own city (typed, or from a US ZIP code) comes first.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { campaigns, deliveryEvents, offices, petitions, petitionTexts } from "#db/schema";
import { getPublicPetition } from "~/domain/petitions/public-petition.server";
import {
  cityFromNear,
  listPublicDeliveryEvents,
  listPublicDeliveryEventsIn,
  PAGE_EVENT_LIMIT,
  SCHEDULE_PAGE_SIZE,
} from "~/domain/deliveries/public-delivery.server";

const slug = "national-day";
let petitionId = 0;
const EVENTS = 1_000;

beforeAll(async () => {
  const [c] = await db.insert(campaigns).values({ slug: "nation", name: "Nation" }).returning();
  const [p] = await db
    .insert(petitions)
    .values({ campaignId: c!.id, slug, status: "published", publishedAt: new Date() })
    .returning();
  petitionId = p!.id;
  await db.insert(petitionTexts).values({ petitionId, locale: "en", title: "National day" });
  const cities = Array.from({ length: 200 }, (_, i) => (i === 137 ? "Houston" : `Town ${i}`));
  const officeRows = await db
    .insert(offices)
    .values(
      cities.map((city) => ({
        campaignId: c!.id,
        name: `Office in ${city}`,
        city,
        region: "TX",
        timeZone: "America/Chicago",
      })),
    )
    .returning({ id: offices.id, city: offices.city });
  const start = Date.UTC(2027, 2, 1, 15);
  await db.insert(deliveryEvents).values(
    Array.from({ length: EVENTS }, (_, i) => ({
      campaignId: c!.id,
      petitionId,
      officeId: officeRows[i % officeRows.length]!.id,
      startsAt: new Date(start + i * 60_000),
      endsAt: new Date(start + i * 60_000 + 3_600_000),
      timeZone: "America/Chicago",
    })),
  );
});

describe("the petition page with 1,000 delivery events", () => {
  it("lists a bounded number and knows the total", async () => {
    const page = await getPublicPetition({ slug, locale: "en" });
    if (!page || "redirectTo" in page) throw new Error("no page");
    expect(page.deliveries).toHaveLength(PAGE_EVENT_LIMIT);
    expect(page.deliveryTotal).toBe(EVENTS);
    // The page's data stays small however many events there are.
    expect(JSON.stringify(page.deliveries).length).toBeLessThan(3_000);
  });

  it("pages the full schedule and puts the signer's own city first (typed or from a ZIP)", async () => {
    const second = await listPublicDeliveryEvents({
      petitionId,
      limit: SCHEDULE_PAGE_SIZE,
      offset: SCHEDULE_PAGE_SIZE,
    });
    expect(second).toHaveLength(SCHEDULE_PAGE_SIZE);
    expect(cityFromNear("77036")).toBe("Houston");
    expect(cityFromNear("  houston ")).toBe("houston");
    const near = await listPublicDeliveryEventsIn({ petitionId, city: cityFromNear("77036")! });
    expect(near).toHaveLength(EVENTS / 200);
    expect(new Set(near.map((e) => e.city))).toEqual(new Set(["Houston"]));
  });
});
