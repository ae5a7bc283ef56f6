// Who may build and download packets (per role), the day ZIP's scope, paper recording rights,
// comments and names that may (not) be printed, and the event moving to packet_ready.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { deliveryEvents, offices, packets, signatures, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { moveEventStatus } from "~/domain/deliveries/delivery-event.server";
import { listPaperBatches, recordPaperSignatures } from "~/domain/petitions/paper.server";
import { getEventPackets } from "~/domain/packets/event-packets.server";
import { getPacketFile } from "~/domain/packets/packet-downloads.server";
import { getPrintView } from "~/domain/packets/print-view.server";
import { listDayPacketFiles } from "~/domain/packets/day-packets.server";
import { requestPacket } from "~/domain/packets/request-packet.server";

const options = { language: "en", others: "all", volumeSize: 5000, paperSize: "letter" } as const;
let actors: Record<"owner" | "organizer" | "hector" | "claire" | "vera" | "stranger", Actor>;
let events: {
  houston: number;
  chicago: number;
  dayId: number;
  campaignId: number;
  petitionId: number;
};

async function user(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return { userId: u!.id };
}

async function eventAt(city: string) {
  const [row] = await db
    .select({
      id: deliveryEvents.id,
      dayId: deliveryEvents.deliveryDayId,
      campaignId: deliveryEvents.campaignId,
      petitionId: deliveryEvents.petitionId,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(offices.city, city));
  return row!;
}

function pdfText(bytes: Buffer) {
  const file = path.join(os.tmpdir(), `handover-access-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  await seedDemo({ signatureCount: 400 });
  const houston = await eventAt("Houston");
  const chicago = await eventAt("Chicago");
  events = {
    houston: houston.id,
    chicago: chicago.id,
    dayId: houston.dayId!,
    campaignId: houston.campaignId,
    petitionId: houston.petitionId,
  };
  actors = {
    owner: await user("olivia@handover.test"),
    organizer: await user("marcus@handover.test"),
    hector: await user("hector@handover.test"),
    claire: await user("claire@handover.test"),
    vera: await user("vera@handover.test"),
    stranger: null,
  };
});

async function outcome(promise: Promise<unknown>) {
  try {
    await promise;
    return "allowed";
  } catch (error) {
    if (error instanceof ForbiddenError) return "forbidden";
    throw error;
  }
}

describe("packet permissions per role", () => {
  let packetId = "";

  it("lets owners, organizers and the event's own coordinator build; nobody else", async () => {
    const results: Record<string, string> = {};
    for (const [name, actor] of Object.entries(actors)) {
      results[name] = await outcome(
        requestPacket({ actor, eventId: events.houston, options }).then(async (r) => {
          packetId = r.packetId;
          await runJobsUntilIdle();
        }),
      );
    }
    expect(results).toEqual({
      owner: "allowed",
      organizer: "allowed",
      hector: "allowed",
      claire: "forbidden",
      vera: "forbidden",
      stranger: "forbidden",
    });
  });

  it("lets the same people download and print it; another office's coordinator, a viewer or a stranger get nothing", async () => {
    const results: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(actors)) {
      results[name] = [
        await outcome(getPacketFile({ actor, packetId, volume: 1 })),
        await outcome(getPrintView({ actor, packetId, volume: 1 })),
        await outcome(getEventPackets({ actor, eventId: events.houston })),
      ];
    }
    const yes = ["allowed", "allowed", "allowed"];
    const no = ["forbidden", "forbidden", "forbidden"];
    expect(results).toEqual({
      owner: yes,
      organizer: yes,
      hector: yes,
      claire: no,
      vera: no,
      stranger: no,
    });
  });

  it("gives a coordinator only their own office's files in the delivery day's ZIP", async () => {
    await requestPacket({ actor: actors.claire, eventId: events.chicago, options });
    await runJobsUntilIdle();
    const forOwner = await listDayPacketFiles({
      actor: actors.owner,
      dayId: events.dayId,
      campaignId: events.campaignId,
    });
    const forHector = await listDayPacketFiles({
      actor: actors.hector,
      dayId: events.dayId,
      campaignId: events.campaignId,
    });
    const forClaire = await listDayPacketFiles({
      actor: actors.claire,
      dayId: events.dayId,
      campaignId: events.campaignId,
    });
    expect(new Set(forOwner.files.map((f) => f.eventId))).toEqual(
      new Set([events.houston, events.chicago]),
    );
    expect(forHector.files.map((f) => f.eventId)).toEqual([events.houston]);
    expect(forClaire.files.map((f) => f.eventId)).toEqual([events.chicago]);
    expect(
      await outcome(
        listDayPacketFiles({
          actor: actors.vera,
          dayId: events.dayId,
          campaignId: events.campaignId,
        }),
      ),
    ).toBe("forbidden");
    expect(
      await outcome(
        listDayPacketFiles({ actor: null, dayId: events.dayId, campaignId: events.campaignId }),
      ),
    ).toBe("forbidden");
  });

  it("lets only owners and organizers record paper signatures; every member can see them", async () => {
    const input = {
      city: "Houston",
      region: "TX",
      postalCode: "77011",
      count: 3,
      names: "",
      note: "",
    };
    const record: Record<string, string> = {};
    const view: Record<string, string> = {};
    for (const [name, actor] of Object.entries(actors)) {
      record[name] = await outcome(
        recordPaperSignatures({ actor, petitionId: events.petitionId, input }),
      );
      view[name] = await outcome(listPaperBatches({ actor, petitionId: events.petitionId }));
    }
    expect(record).toEqual({
      owner: "allowed",
      organizer: "allowed",
      hector: "forbidden",
      claire: "forbidden",
      vera: "forbidden",
      stranger: "forbidden",
    });
    expect(view).toEqual({
      owner: "allowed",
      organizer: "allowed",
      hector: "allowed",
      claire: "allowed",
      vera: "allowed",
      stranger: "forbidden",
    });
  });
});

describe("what a packet prints", () => {
  it("prints only public, visible comments, never contact details typed into them, and non-Latin names intact", async () => {
    const local = sql`(select id from signatures where status = 'verified' and region = 'TX' order by id limit 4)`;
    const ids = (await db.execute(local)) as unknown as
      { id: number }[] | { rows: { id: number }[] };
    const [a, b, c, d] = (Array.isArray(ids) ? ids : ids.rows).map((r) => Number(r.id));
    await db
      .update(signatures)
      .set({ comment: "Public and visible comment", showPublicly: true, commentHiddenAt: null })
      .where(eq(signatures.id, a!));
    await db
      .update(signatures)
      .set({
        comment: "Hidden by moderators comment",
        showPublicly: true,
        commentHiddenAt: new Date(),
      })
      .where(eq(signatures.id, b!));
    await db
      .update(signatures)
      .set({ comment: "Signer kept this private comment", showPublicly: false })
      .where(eq(signatures.id, c!));
    await db
      .update(signatures)
      .set({
        comment: "Write me at tia.rosa@example.org or +1 713 555 0199",
        showPublicly: true,
        commentHiddenAt: null,
        printName: true,
        firstName: "Nguyễn",
        lastName: "Thị Hằng",
      })
      .where(eq(signatures.id, d!));
    const { packetId } = await requestPacket({
      actor: actors.organizer,
      eventId: events.houston,
      options: { ...options, others: "none" },
    });
    await runJobsUntilIdle();
    const text = pdfText(
      (await getPacketFile({ actor: actors.organizer, packetId, volume: 1 })).bytes,
    );
    expect(text).toContain("Public and visible comment");
    expect(text).not.toContain("Hidden by moderators");
    expect(text).not.toContain("kept this private");
    expect(text).toContain("Write me at");
    expect(text).not.toContain("tia.rosa");
    expect(text).not.toContain("555 0199");
    expect(text).not.toMatch(/@/);
    expect(text).toContain("Nguyễn Thị Hằng");
    const view = await getPrintView({ actor: actors.organizer, packetId, volume: 1 });
    expect(view.comments.map((x) => x.comment).join(" ")).not.toContain("tia.rosa");
    expect(view.rows.some((r) => r.name === "Nguyễn Thị Hằng")).toBe(true);
  });

  it("moves a confirmed event to packet_ready when its packet is ready, and leaves a planned one alone", async () => {
    const [before] = await db
      .select({ status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, events.chicago));
    expect(before!.status).toBe("planned");
    await moveEventStatus({ eventId: events.houston, to: "confirmed", actor: actors.owner });
    await requestPacket({ actor: actors.hector, eventId: events.houston, options });
    await runJobsUntilIdle();
    const [houston] = await db
      .select({ status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, events.houston));
    expect(houston!.status).toBe("packet_ready");
    const [chicago] = await db
      .select({ status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, events.chicago));
    expect(chicago!.status).toBe("planned");
    const ready = await db
      .select()
      .from(packets)
      .where(and(eq(packets.eventId, events.chicago), eq(packets.status, "ready")));
    expect(ready.length).toBeGreaterThan(0);
  });

  it("hands back the packet already being built instead of queueing a second one", async () => {
    const first = await requestPacket({ actor: actors.owner, eventId: events.chicago, options });
    const second = await requestPacket({
      actor: actors.organizer,
      eventId: events.chicago,
      options,
    });
    expect(second).toEqual({ packetId: first.packetId, created: false });
    await runJobsUntilIdle();
  });
});
