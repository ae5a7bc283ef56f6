// The privacy matrix: for each role (owner, organizer, the city's coordinator, another city's
// coordinator, viewer, the public) × each surface (the signatures table's data, its filter choices,
// both CSV variants, the packet PDF's text in English, Spanish and both, the print view, the verify
// page, the public recent-signers list, the attendee list, every email actually captured) × each
// signer choice (named, city only, not listed; opted in or not): which fields appear. What may appear
// is derived from what the sign and RSVP forms promise, in both languages.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { capturedEmails, offices, signatures } from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import signerLocale from "~/locales/signer";
import privacyLocale from "~/locales/privacy";
import { ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { moveEventStatus } from "~/domain/deliveries/delivery-event.server";
import { reportDelivery } from "~/domain/deliveries/delivery-report.server";
import { reportSchema } from "~/domain/deliveries/delivery-forms";
import { getPacketFile } from "~/domain/packets/packet-downloads.server";
import { getPrintView } from "~/domain/packets/print-view.server";
import { requestPacket } from "~/domain/packets/request-packet.server";
import { verifyPacket } from "~/domain/packets/verify-packet.server";
import { requestSignerData } from "~/domain/privacy/data-request.server";
import { listRecentSigners } from "~/domain/petitions/public-petition.server";
import { confirmRsvp, requestRsvp } from "~/domain/deliveries/rsvp.server";
import { listAttendees } from "~/domain/deliveries/attendees.server";
import { exportSignaturesCsv } from "~/domain/petitions/signature-export.server";
import { filterChoices, listSignatures } from "~/domain/petitions/signature-list.server";
import { sha256 } from "~/lib/crypto.server";
import {
  makeDeliveryCampaign,
  makeEvent,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";

type Role = "owner" | "organizer" | "coordinator" | "coordOther" | "viewer" | "public";
const ROLES: Role[] = ["owner", "organizer", "coordinator", "coordOther", "viewer", "public"];

/** The signers, one per choice. `secret` holds what no packet-like surface may ever show. */
const SIGNERS = [
  {
    key: "named",
    firstName: "Nadia",
    lastName: "Namedsigner",
    email: "nadia.named@example.org",
    postalCode: "77036",
    city: "Houston",
    region: "TX",
    printName: true,
    showPublicly: true,
    showInRecent: true,
    keepUpdated: true,
    comment: "Stay strong NADIACOMMENT",
  },
  {
    key: "cityOnly",
    firstName: "Cora",
    lastName: "Cityonly",
    email: "cora.city@example.org",
    postalCode: "77011",
    city: "Pasadena",
    region: "TX",
    printName: false,
    showPublicly: false,
    showInRecent: true,
    keepUpdated: false,
    comment: "Private CORACOMMENT",
  },
  {
    key: "hidden",
    firstName: "Hugo",
    lastName: "Hiddensigner",
    email: "hugo.hidden@example.org",
    postalCode: "60623",
    city: "Chicago",
    region: "IL",
    printName: false,
    showPublicly: false,
    showInRecent: false,
    keepUpdated: true,
    comment: null,
  },
  {
    key: "chicagoNamed",
    firstName: "Carla",
    lastName: "Chicagonamed",
    email: "carla.chicago@example.org",
    postalCode: "60601",
    city: "Chicago",
    region: "IL",
    printName: true,
    showPublicly: false,
    showInRecent: true,
    keepUpdated: false,
    comment: null,
  },
] as const;
type SignerKey = (typeof SIGNERS)[number]["key"];
const byKey = (k: SignerKey) => SIGNERS.find((s) => s.key === k)!;
const fullName = (k: SignerKey) => `${byKey(k).firstName} ${byKey(k).lastName}`;
const PENDING = { email: "pete.pending@example.org", lastName: "Pendingsigner" };

/** Never on a packet-like surface: contact data, postal codes, comments, unprinted names. */
const neverInPacketView = [
  ...SIGNERS.map((s) => s.email),
  ...SIGNERS.map((s) => s.postalCode),
  PENDING.email,
  PENDING.lastName,
  "CORACOMMENT",
  "Cityonly",
  "Hiddensigner",
];

let c: DeliveryCampaign;
let actors: Record<Role, Actor>;
let houstonEvent: number;
let chicagoEvent: number;

async function outcome<T>(p: Promise<T>): Promise<T | "forbidden"> {
  try {
    return await p;
  } catch (error) {
    if (error instanceof ForbiddenError) return "forbidden";
    throw error;
  }
}

async function csv(actor: Actor, variant: "full" | "delivery") {
  const result = await outcome(
    exportSignaturesCsv({ actor, petitionId: c.petition.id, filter: {}, variant }),
  );
  if (result === "forbidden") return result;
  let out = "";
  for await (const chunk of result) out += chunk;
  return out;
}

function pdfText(bytes: Buffer) {
  const file = path.join(os.tmpdir(), `handover-privacy-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function expectNone(text: string, needles: readonly string[], where: string) {
  for (const needle of needles)
    expect(text.includes(needle), `${where} must not contain ${needle}`).toBe(false);
}

beforeAll(async () => {
  c = await makeDeliveryCampaign();
  await db
    .update(offices)
    .set({ localRegions: ["TX"] })
    .where(eq(offices.id, c.office.id));
  const [chicago] = await db
    .insert(offices)
    .values({
      campaignId: c.campaign.id,
      name: "Chicago campaign HQ",
      kind: "campaign_hq",
      city: "Chicago",
      region: "IL",
      timeZone: "America/Chicago",
      addressLine1: "1 N State St",
      localRegions: ["IL"],
    })
    .returning();
  houstonEvent = (await makeEvent(c, { capacity: 5 })).id;
  const other = await makeEvent(c, { coordinator: false });
  const { eventCoordinators, deliveryEvents } = await import("#db/schema");
  await db
    .update(deliveryEvents)
    .set({ officeId: chicago!.id })
    .where(eq(deliveryEvents.id, other.id));
  await db.insert(eventCoordinators).values({ eventId: other.id, userId: c.users.coordOther });
  chicagoEvent = other.id;
  actors = {
    owner: { userId: c.users.owner },
    organizer: { userId: c.users.organizer },
    coordinator: { userId: c.users.coordinator },
    coordOther: { userId: c.users.coordOther },
    viewer: { userId: c.users.viewer },
    public: null,
  };
  const verifiedAt = new Date(Date.now() - 60_000);
  await db.insert(signatures).values([
    ...SIGNERS.map(({ key: _key, ...s }) => ({
      ...s,
      emailCanonical: s.email,
      petitionId: c.petition.id,
      status: "verified" as const,
      verifiedAt,
      locale: "en" as const,
    })),
    {
      petitionId: c.petition.id,
      status: "pending" as const,
      firstName: "Pete",
      lastName: PENDING.lastName,
      email: PENDING.email,
      emailCanonical: PENDING.email,
      postalCode: "77002",
      city: "Houston",
      region: "TX",
      printName: true,
    },
  ]);
});

describe("what the forms promise (both languages)", () => {
  it("the sign form promises name and city only, never email or ZIP; the RSVP form says who sees the phone", () => {
    expect(signerLocale.en.printNameHint).toBe(
      "Only your name and city — never your email or ZIP code.",
    );
    expect(signerLocale.es.printNameHint).toBe(
      "Solo tu nombre y ciudad — nunca tu correo ni tu código postal.",
    );
    expect(privacyLocale.en.shareContact("Houston")).toContain(
      "Houston delivery lead may see my phone number",
    );
    expect(privacyLocale.es.shareContact("Houston")).toContain("puede ver mi teléfono");
    expect(privacyLocale.en.rsvpWhoSees("Houston")).toContain(
      "Your email is seen only by the organizers",
    );
    expect(privacyLocale.es.rsvpWhoSees("Houston")).toContain(
      "Tu correo lo ve solo el equipo organizador",
    );
  });
});

describe("the signatures table and its filters, per role", () => {
  // Which signers each role sees in the table; null = refused.
  const visible: Record<Role, SignerKey[] | null> = {
    owner: ["named", "cityOnly", "hidden", "chicagoNamed"],
    organizer: ["named", "cityOnly", "hidden", "chicagoNamed"],
    coordinator: ["named", "cityOnly"],
    coordOther: ["hidden", "chicagoNamed"],
    viewer: ["named", "cityOnly", "hidden", "chicagoNamed"],
    public: null,
  };
  for (const role of ROLES) {
    it(`${role}: the page data holds ${visible[role] ? "only what the role may see" : "nothing (refused)"}`, async () => {
      const page = await outcome(
        listSignatures({ actor: actors[role], petitionId: c.petition.id, filter: {} }),
      );
      const expected = visible[role];
      if (!expected) return expect(page).toBe("forbidden");
      if (page === "forbidden") throw new Error("refused");
      const data = JSON.stringify(page);
      const full = role === "owner" || role === "organizer";
      if (full) {
        // The full record, pending signatures included, for the roles that hold contact data.
        for (const s of SIGNERS) expect(data).toContain(s.email);
        expect(data).toContain(PENDING.email);
        expect(data).toContain("CORACOMMENT");
        return;
      }
      expectNone(data, neverInPacketView, `${role} table`);
      const names = page.rows.map((r) => (r.named ? r.firstName : "Anonymous")).sort();
      const want = expected.map((k) => (byKey(k).printName ? fullName(k) : "Anonymous")).sort();
      expect(names).toEqual(want);
      // Out-of-scope signers are absent, named or not.
      for (const s of SIGNERS)
        if (!expected.includes(s.key)) expect(data).not.toContain(s.firstName);
      // A name search never finds a signer who asked not to be named.
      const search = await listSignatures({
        actor: actors[role],
        petitionId: c.petition.id,
        filter: { q: "cora" },
      });
      expect(search.rows).toHaveLength(0);
      // Nor do the comment or updates filters tell anything.
      const withComment = await listSignatures({
        actor: actors[role],
        petitionId: c.petition.id,
        filter: { hasComment: true },
      });
      expect(withComment.rows).toHaveLength(expected.length);
    });
  }

  it("a coordinator's filter choices list only their own offices' cities", async () => {
    const houston = await filterChoices({ actor: actors.coordinator, petitionId: c.petition.id });
    expect(houston.cities.sort()).toEqual(["Houston", "Pasadena"]);
    const chicago = await filterChoices({ actor: actors.coordOther, petitionId: c.petition.id });
    expect(chicago.cities).toEqual(["Chicago"]);
  });
});

describe("CSV exports, per role and variant", () => {
  const fullAllowed: Role[] = ["owner", "organizer"];
  const deliveryScope: Partial<Record<Role, SignerKey[]>> = {
    owner: ["named", "cityOnly", "hidden", "chicagoNamed"],
    organizer: ["named", "cityOnly", "hidden", "chicagoNamed"],
    coordinator: ["named", "cityOnly"],
    coordOther: ["hidden", "chicagoNamed"],
  };
  for (const role of ROLES) {
    it(`${role}: full CSV ${fullAllowed.includes(role) ? "allowed" : "refused"}; delivery CSV ${deliveryScope[role] ? "shows the packet's fields" : "refused"}`, async () => {
      const full = await csv(actors[role], "full");
      if (fullAllowed.includes(role)) expect(full).toContain(byKey("hidden").email);
      else expect(full).toBe("forbidden");

      const delivery = await csv(actors[role], "delivery");
      const scope = deliveryScope[role];
      if (!scope) return expect(delivery).toBe("forbidden");
      if (delivery === "forbidden") throw new Error("refused");
      const [header, ...lines] = delivery.trim().split("\r\n");
      expect(header).toBe("name,city,region,verified_at");
      expectNone(delivery, neverInPacketView, `${role} delivery CSV`);
      expect(lines.map((l) => l.split(",")[0]).sort()).toEqual(
        scope.map((k) => (byKey(k).printName ? fullName(k) : "Anonymous")).sort(),
      );
    });
  }
});

describe("the Houston packet: PDF text, print view and verify page", () => {
  let packetIds: Record<"en" | "es" | "both", string>;
  beforeAll(async () => {
    await moveEventStatus({ eventId: houstonEvent, to: "confirmed", actor: actors.owner });
    packetIds = {} as typeof packetIds;
    for (const language of ["en", "es", "both"] as const) {
      const { packetId } = await requestPacket({
        actor: actors.coordinator,
        eventId: houstonEvent,
        options: { language, others: "all", volumeSize: 5000, paperSize: "letter" },
      });
      await runJobsUntilIdle();
      packetIds[language] = packetId;
    }
  });

  for (const language of ["en", "es", "both"] as const) {
    it(`PDF (${language}): named signers by name, the others as ${language === "es" ? "«Anónimo»" : "“Anonymous”"}, and nothing else`, async () => {
      const file = await getPacketFile({
        actor: actors.coordinator,
        packetId: packetIds[language],
        volume: 1,
      });
      const text = pdfText(file.bytes);
      expectNone(text, neverInPacketView, `packet PDF (${language})`);
      expect(text).toContain(fullName("named"));
      expect(text).toContain(fullName("chicagoNamed"));
      // The public comment of a signer shown by name is printed; a private one never.
      expect(text).toContain("NADIACOMMENT");
      const anonymous = language === "es" ? "Anónimo" : "Anonymous";
      expect(text.match(new RegExp(anonymous, "g"))!.length).toBeGreaterThanOrEqual(2);
      // Column headers are whole, in every language the packet prints.
      const headers =
        language === "en"
          ? ["Name", "City", "State", "Date signed"]
          : language === "es"
            ? ["Nombre", "Ciudad", "Estado", "Fecha de firma"]
            : [
                "Name",
                "City",
                "State",
                "Date signed",
                "Nombre",
                "Ciudad",
                "Estado",
                "Fecha de firma",
              ];
      for (const h of headers) expect(text).toContain(h);
      expect(text).not.toMatch(/Postal code|Código postal/);
      expect(text).not.toMatch(/State \/ E…|Estado…/);
      // The cover letter says what the list shows.
      expect(text.replace(/\s+/g, " ")).toMatch(
        language === "es"
          ? /nunca un correo, un tel.fono ni un c.digo postal/
          : /never an email address/,
      );
    });
  }

  it("another city's coordinator, the viewer and the public cannot open the Houston packet", async () => {
    for (const role of ["coordOther", "viewer", "public"] as const) {
      const res = await getPacketFile({
        actor: actors[role],
        packetId: packetIds.en,
        volume: 1,
      }).then(
        () => "allowed",
        () => "refused",
      );
      expect(res, role).toBe("refused");
    }
  });

  it("the print view holds the same fields as the PDF", async () => {
    const view = await getPrintView({
      actor: actors.coordinator,
      packetId: packetIds.en,
      volume: 1,
    });
    const data = JSON.stringify(view);
    expectNone(data, neverInPacketView, "print view");
    expect(view.rows.every((r) => r.postalCode === "")).toBe(true);
  });

  it("the public verify page shows counts, never names", async () => {
    const page = await verifyPacket({ packetId: packetIds.en, locale: "en" });
    const data = JSON.stringify(page);
    expectNone(data, [...neverInPacketView, "Namedsigner", "Chicagonamed"], "verify page");
  });
});

describe("the public petition page's recent signers", () => {
  it("shows first name and initial only by choice, the city only by choice, and never lists the others", async () => {
    const recent = await listRecentSigners(c.petition.id, 20);
    const data = JSON.stringify(recent);
    expectNone(data, [...neverInPacketView, "Namedsigner", "Chicagonamed", "Carla"], "recent");
    expect(recent.map((r) => r.name ?? `someone in ${r.city}`).sort()).toEqual(
      ["Nadia N.", "someone in Pasadena", "someone in Chicago"].sort(),
    );
  });
});

describe("volunteers: RSVP consent and the attendee list", () => {
  const volunteers = {
    shares: { name: "Vera Sharesphone", email: "vera.shares@example.org", phone: "713 555 0101" },
    keeps: { name: "Kim Keepsphone", email: "kim.keeps@example.org", phone: "713 555 0202" },
  };

  beforeAll(async () => {
    for (const [who, v] of Object.entries(volunteers)) {
      const result = await requestRsvp({
        eventId: houstonEvent,
        input: { ...v, role: "attend", shareContact: who === "shares" },
        locale: who === "shares" ? "en" : "es",
        ip: "198.51.100.7",
      });
      expect(result).toEqual({ status: "check-email" });
    }
  });

  it("an unconfirmed RSVP holds no place and appears to no one", async () => {
    const list = await listAttendees({ actor: actors.owner, eventId: houstonEvent });
    expect(list).toHaveLength(0);
  });

  it("after confirming: the coordinator sees the phone only where the volunteer agreed, and no email", async () => {
    await runJobsUntilIdle();
    const asks = await db.select().from(capturedEmails);
    for (const v of Object.values(volunteers)) {
      const mail = asks.find((m) => m.toAddress === v.email && /\/rsvp\/confirm\//.test(m.text))!;
      expect(mail, v.email).toBeTruthy();
      const token = mail.text.match(/\/rsvp\/confirm\/([A-Za-z0-9_-]+)/)![1]!;
      expect((await confirmRsvp({ token })).status).toBe("going");
    }
    const forCoordinator = JSON.stringify(
      await listAttendees({ actor: actors.coordinator, eventId: houstonEvent }),
    );
    expect(forCoordinator).toContain(volunteers.shares.phone);
    expect(forCoordinator).not.toContain(volunteers.keeps.phone);
    expect(forCoordinator).not.toContain("@");
    const forOrganizer = JSON.stringify(
      await listAttendees({ actor: actors.organizer, eventId: houstonEvent }),
    );
    expect(forOrganizer).toContain(volunteers.keeps.email);
    expect(forOrganizer).not.toContain(volunteers.keeps.phone);
    // A phone given without consent is not even stored.
    const { rsvps } = await import("#db/schema");
    const [kept] = await db.select().from(rsvps).where(eq(rsvps.email, volunteers.keeps.email));
    expect(kept!.phone).toBe("");
    for (const role of ["coordOther", "viewer", "public"] as const) {
      expect(await outcome(listAttendees({ actor: actors[role], eventId: houstonEvent }))).toBe(
        "forbidden",
      );
    }
    // Nor does the Houston coordinator see Chicago's volunteers.
    expect(await outcome(listAttendees({ actor: actors.coordinator, eventId: chicagoEvent }))).toBe(
      "forbidden",
    );
  });

  it("every captured email carries no other person's data", async () => {
    // Deliver Houston: the team is told, and opted-in signers get their update.
    // Building the packet moved the event to packet_ready; the coordinator reports the delivery.
    await reportDelivery({
      actor: actors.coordinator,
      eventId: houstonEvent,
      input: reportSchema.parse({
        deliveredAt: "2027-01-05T11:20",
        attendeesCount: "2",
        confirmOffDay: "on",
      }),
      deliveredAt: new Date(),
    });
    // A signer asks what Handover holds about them: the report is one more mail checked below.
    await requestSignerData({
      slug: c.petition.slug,
      email: byKey("named").email,
      ip: "10.42.0.1",
      locale: "es",
    });
    await runJobsUntilIdle();
    const mails = await db.select().from(capturedEmails);
    const report = mails.filter((m) => m.headers["X-Handover-Template"] === "signer-data-report");
    expect(report.map((m) => m.toAddress)).toEqual([byKey("named").email]);
    expect(report[0]!.text).toContain(byKey("named").postalCode);
    expect(mails.length).toBeGreaterThan(4);
    const people = [
      ...SIGNERS.map((s) => ({
        email: s.email,
        secrets: [s.email, s.postalCode, s.lastName, ...(s.comment ? [s.comment] : [])],
      })),
      ...Object.values(volunteers).map((v) => ({
        email: v.email,
        secrets: [v.email, v.phone, v.name.split(" ")[1]!],
      })),
    ];
    for (const mail of mails) {
      const body = `${mail.subject}\n${mail.html}\n${mail.text}`;
      for (const person of people) {
        if (person.email === mail.toAddress) continue;
        expectNone(body, person.secrets, `mail "${mail.subject}" to someone else`);
      }
    }
    // Signers who did not opt in got nothing at all.
    const notOptedIn = SIGNERS.filter((s) => !s.keepUpdated).map((s) => s.email as string);
    expect(mails.filter((m) => notOptedIn.includes(m.toAddress))).toEqual([]);
    // The confirmation links are stored only as hashes.
    const { rsvps } = await import("#db/schema");
    const stored = JSON.stringify(await db.select().from(rsvps));
    for (const m of mails) {
      const token = m.text.match(/\/rsvp\/confirm\/([A-Za-z0-9_-]+)/)?.[1];
      if (token) {
        expect(stored).not.toContain(token);
        expect(sha256(token)).toBeTruthy();
      }
    }
  });
});
