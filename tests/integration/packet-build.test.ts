// Packets end to end on a real database: routing, anonymity, no contact data, page count and
// fingerprint in the extracted PDF text, the verify check, paper signatures, idempotent rebuilds.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { deliveryEvents, offices, packetFiles, packets, signatures, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { recordPaperSignatures } from "~/domain/petitions/paper.server";
import { countRouted, streamOnlineRows } from "~/domain/packets/packet-routing.server";
import { PacketVolumeWriter } from "~/domain/packets/packet-volume-writer.server";
import packetLocale from "~/locales/packet";
import { buildPacket } from "~/domain/packets/build-packet.server";
import { letterDate } from "~/domain/packets/cover-letter";
import { canonicalLine, LIST_VOLUME, paperRows, parseListLine } from "~/domain/packets/list-file";
import { getPacketFile, getPacketListStream } from "~/domain/packets/packet-downloads.server";
import { getPrintView } from "~/domain/packets/print-view.server";
import { requestPacket } from "~/domain/packets/request-packet.server";
import { verifyPacket } from "~/domain/packets/verify-packet.server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "handover-packet-"));

function pdfText(bytes: Buffer) {
  const file = path.join(tmp, `${crypto.randomUUID()}.pdf`);
  // PACKET_DUMP_DIR=… keeps the PDFs for a human to look at.
  if (process.env.PACKET_DUMP_DIR)
    fs.writeFileSync(
      path.join(
        process.env.PACKET_DUMP_DIR,
        `${crypto.createHash("sha1").update(bytes).digest("hex").slice(0, 8)}.pdf`,
      ),
      bytes,
    );
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}
function pdfPages(bytes: Buffer) {
  const file = path.join(tmp, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
}

let ids: { owner: number; organizer: number; hector: number; claire: number; vera: number };
let houstonEvent: number;
let houstonOffice: { id: number; localRegions: string[]; localPostalPrefixes: string[] };

async function userId(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

beforeAll(async () => {
  await seedDemo({ signatureCount: 1200 });
  ids = {
    owner: await userId("olivia@handover.test"),
    organizer: await userId("marcus@handover.test"),
    hector: await userId("hector@handover.test"),
    claire: await userId("claire@handover.test"),
    vera: await userId("vera@handover.test"),
  };
  const [row] = await db
    .select({ eventId: deliveryEvents.id, office: offices })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(offices.city, "Houston"));
  houstonEvent = row!.eventId;
  houstonOffice = row!.office;
});

const options = { language: "en", others: "all", volumeSize: 5000, paperSize: "letter" } as const;

describe("a Houston packet", () => {
  it("lists exactly the routed signers, local first, with no contact data, and a fingerprint anyone can recompute", async () => {
    // One anonymous local signer with a distinctive name, to prove the name never reaches the packet.
    const [anon] = await db
      .update(signatures)
      .set({ printName: false, firstName: "Zebulon", lastName: "Quartermaine-Secret" })
      .where(
        sql`${signatures.id} = (select id from signatures where status = 'verified' and region = 'TX' order by id limit 1)`,
      )
      .returning();
    expect(anon).toBeTruthy();

    const { packetId } = await requestPacket({
      actor: { userId: ids.hector },
      eventId: houstonEvent,
      options,
    });
    await runJobsUntilIdle();
    const [packet] = await db.select().from(packets).where(eq(packets.id, packetId));
    expect(packet!.status).toBe("ready");

    const expected = await db
      .select({
        id: signatures.id,
        region: signatures.region,
        postal: signatures.postalCode,
        printName: signatures.printName,
        first: signatures.firstName,
        last: signatures.lastName,
      })
      .from(signatures)
      .where(
        and(
          eq(signatures.status, "verified"),
          sql`${signatures.invalidatedAt} is null`,
          sql`${signatures.verifiedAt} <= ${packet!.snapshotAt!.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(signatures.id);
    const isLocal = (r: { region: string; postal: string }) =>
      houstonOffice.localRegions.includes(r.region) ||
      houstonOffice.localPostalPrefixes.some((p) => r.postal.startsWith(p));
    const local = expected.filter(isLocal);
    const others = expected.filter((r) => !isLocal(r));
    expect(local.length).toBeGreaterThan(50);
    expect(packet!.signatureCount).toBe(expected.length);
    expect(packet!.localCount).toBe(local.length);

    const file = await getPacketFile({ actor: { userId: ids.hector }, packetId, volume: 1 });
    const text = pdfText(file.bytes);
    expect(text).not.toMatch(/@/);
    expect(text).not.toMatch(/example\.org/);
    expect(text).not.toContain("Quartermaine");
    expect(text).toContain("Dear Luis Gutiérrez,");

    // The list file holds one line per printed row, local first, in the same order as the PDF.
    const list = await getPacketFile({
      actor: { userId: ids.owner },
      packetId,
      volume: LIST_VOLUME,
    });
    const lines = list.bytes
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("\t"));
    expect(lines).toHaveLength(expected.length);
    const order = [...local, ...others];
    lines.forEach((cols, i) => {
      const want = order[i]!;
      expect(cols[0]).toBe(i < local.length ? "local" : "other");
      expect(cols[3]).toBe(want.printName ? `${want.first} ${want.last}` : "Anonymous");
      // The postal code is never printed or kept in the list (the sign form promises it).
      expect(cols[6]).toBe("");
    });
    expect(text).not.toContain(anon!.postalCode);
    const anonymousLine = lines.find((c) => c[3] === "Anonymous");
    expect(anonymousLine).toBeTruthy();

    // In the PDF: every printed name appears, local ones before the first non-local one.
    const firstOtherName = lines[local.length]![3]!;
    const lastLocalRowPos = text.indexOf(`Signatures from elsewhere`);
    expect(lastLocalRowPos).toBeGreaterThan(0);
    const localBlock = text.slice(0, lastLocalRowPos);
    // The local list names the local signers who agreed, and prints no postal code beside a state.
    const localList = text.slice(text.indexOf("Signatures from "), lastLocalRowPos);
    for (const r of local.slice(0, 30).filter((x) => x.printName))
      expect(localList).toContain(`${r.first} ${r.last}`);
    expect(localList).not.toMatch(/\b[A-Z]{2}\s+\d{5}\b/);
    expect(text.slice(lastLocalRowPos)).toContain(
      firstOtherName === "Anonymous" ? "Anonymous" : firstOtherName,
    );
    expect(localBlock).not.toMatch(/\b(IL|FL|GA|NC|CA|AZ|NY|CO)\s+\d{5}\b/);

    // Page count: pdfinfo agrees with the "Page N of M" headers and the stored count.
    const pages = pdfPages(file.bytes);
    expect(pages).toBe(file.pageCount);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1} of`);
    expect((text.match(/Page \d+ of \d+/g) ?? []).length).toBe(pages);
    expect(text).toContain(`Packet ${packetId}`);

    // Fingerprint: SHA-256 of the list file, printed on the last page, confirmed by the verify check.
    const fingerprint = crypto.createHash("sha256").update(list.bytes).digest("hex");
    expect(packet!.fingerprint).toBe(fingerprint);
    expect(text.replace(/\s+/g, "")).toContain(fingerprint);
    expect(text).toContain(`/verify/${packetId}`);
    const verified = await verifyPacket({ packetId, fingerprint, locale: "en" });
    expect(verified!.checked).toEqual({ given: fingerprint, matches: true });
    expect(verified!.total).toBe(expected.length);
    expect(JSON.stringify(verified)).not.toContain("Anonymous");
    const wrong = await verifyPacket({
      packetId,
      fingerprint: fingerprint.replace(/^./, (c) => (c === "a" ? "b" : "a")),
      locale: "es",
    });
    expect(wrong!.checked!.matches).toBe(false);
  });

  it("prints local signatures only when the organizer chooses none of the others, and paper signatures labelled as paper", async () => {
    await recordPaperSignatures({
      actor: { userId: ids.organizer },
      petitionId: (
        await db
          .select({ p: deliveryEvents.petitionId })
          .from(deliveryEvents)
          .where(eq(deliveryEvents.id, houstonEvent))
      )[0]!.p,
      input: {
        city: "Pasadena",
        region: "tx",
        postalCode: "77506",
        count: 40,
        names: "Rosalind Paperwright\nTeodoro Inkwell",
        note: "Church sheets",
      },
    });
    const { packetId } = await requestPacket({
      actor: { userId: ids.organizer },
      eventId: houstonEvent,
      options: { ...options, others: "none", language: "es" },
    });
    await runJobsUntilIdle();
    const [packet] = await db.select().from(packets).where(eq(packets.id, packetId));
    expect(packet!.status).toBe("ready");
    expect(packet!.paperCount).toBe(40);
    const text = pdfText(
      (await getPacketFile({ actor: { userId: ids.organizer }, packetId, volume: 1 })).bytes,
    );
    expect(text).not.toMatch(/\b(IL|FL|GA|NC|CA|AZ|NY|CO)\s+\d{5}\b/);
    expect(text).toMatch(/Papel\s+Rosalind Paperwright/);
    expect(text).toContain("38 firmas en papel (sin nombres registrados)");
    expect(text).toContain("Estimado/a Luis Gutiérrez:");
    expect(text).toMatch(/Página 1 de \d+/);
    // The earlier packet is now marked as replaced, yet still downloads the very same bytes.
    const older = await db
      .select()
      .from(packets)
      .where(and(eq(packets.eventId, houstonEvent), sql`${packets.id} <> ${packetId}`));
    expect(older[0]!.supersededAt).not.toBeNull();
  });

  it("splits long lists into volumes, each with its own page count, and re-running the build changes nothing", async () => {
    const { packetId } = await requestPacket({
      actor: { userId: ids.owner },
      eventId: houstonEvent,
      options: { ...options, volumeSize: 500, paperSize: "a4", language: "both" },
    });
    await runJobsUntilIdle();
    const files = await db
      .select()
      .from(packetFiles)
      .where(eq(packetFiles.packetId, packetId))
      .orderBy(packetFiles.volume);
    const [packet] = await db.select().from(packets).where(eq(packets.id, packetId));
    const pdfs = files.filter((f) => f.volume > 0);
    expect(pdfs.length).toBe(packet!.volumeCount);
    expect(pdfs.length).toBeGreaterThanOrEqual(2);
    for (const f of pdfs) {
      const pages = pdfPages(f.bytes);
      const text = pdfText(f.bytes);
      expect(pages).toBe(f.pageCount);
      expect(text).toContain(`Page ${pages} of ${pages} · Página ${pages} de ${pages}`);
      expect(text).toContain(`Volume ${f.volume} of ${pdfs.length}`);
    }
    expect(pdfText(pdfs.at(-1)!.bytes).replace(/\s+/g, "")).toContain(packet!.fingerprint!);

    // Bilingual wording: each letter dated the delivery day in its own language (not the day it was
    // built), unnamed signers in both languages, headers whole, the Spanish closing page in Spanish.
    const [event] = await db
      .select()
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, houstonEvent));
    const first = pdfText(pdfs[0]!.bytes);
    const zone = event!.timeZone;
    expect(first).toContain(letterDate(event!.startsAt, zone, "en"));
    expect(first).toContain(letterDate(event!.startsAt, zone, "es"));
    expect(letterDate(event!.startsAt, zone, "es")).toMatch(/^\d{1,2} de [a-z]+ de \d{4}$/);
    expect(first).toContain("Anonymous / Anónimo");
    expect(first).toMatch(/Date signed/);
    expect(first).toMatch(/Fecha de firma/);
    expect(first).not.toMatch(/Fecha d…|State \/ E…/);
    const last = pdfText(pdfs.at(-1)!.bytes);
    expect(last).toMatch(/Lista cerrada el \d{1,2} de [a-z]+ de \d{4}/);
    expect(last).not.toContain("Foto tomada");

    // The list is stored one part per volume and streamed part by part: the parts joined are the
    // file the fingerprint is computed from, and each volume's print view reads its own part with
    // the "#" numbering continuing across volumes.
    const actor = { userId: ids.owner };
    const whole = (await getPacketFile({ actor, packetId, volume: LIST_VOLUME })).bytes;
    const streamed: Buffer[] = [];
    for await (const c of (await getPacketListStream({ actor, packetId })).chunks) streamed.push(c);
    expect(streamed.length).toBe(pdfs.length);
    expect(Buffer.concat(streamed).equals(whole)).toBe(true);
    expect(crypto.createHash("sha256").update(whole).digest("hex")).toBe(packet!.fingerprint);
    const lines = whole.toString("utf8").split("\n").filter(Boolean);
    let online = 0;
    for (let v = 1; v <= pdfs.length; v++) {
      const view = await getPrintView({ actor, packetId, volume: v });
      const start = (v - 1) * 500;
      expect(view.rows).toEqual(lines.slice(start, start + 500).map(parseListLine));
      expect(view.firstOnlineNumber).toBe(online + 1);
      online += view.rows.filter((r) => r.kind === "online").length;
    }
    const before = files.map((f) => f.sha256);
    expect(await buildPacket({ packetId })).toBeNull();
    const after = (
      await db
        .select()
        .from(packetFiles)
        .where(eq(packetFiles.packetId, packetId))
        .orderBy(packetFiles.volume)
    ).map((f) => f.sha256);
    expect(after).toEqual(before);
  });
});

describe("the list file format", () => {
  it("writes one tab-separated line per row, and an unnamed paper rest with an empty name and its count", () => {
    const batch = {
      city: "Pasadena",
      region: "TX",
      postalCode: "77506",
      count: 3,
      names: "Ada  Paper\n\n Bea Sheet ",
      createdAt: new Date("2026-11-20T18:00:00Z"),
    };
    const rows = paperRows(batch, "local", "America/Chicago");
    expect(rows.map((r) => canonicalLine(r, "Anonymous"))).toEqual([
      "local\tpaper\t1\tAda Paper\tPasadena\tTX\t\t2026-11-20\n",
      "local\tpaper\t1\tBea Sheet\tPasadena\tTX\t\t2026-11-20\n",
      "local\tpaper\t1\t\tPasadena\tTX\t\t2026-11-20\n",
    ]);
    expect(parseListLine(canonicalLine(rows[2]!, "Anonymous").trimEnd())).toMatchObject({
      kind: "paper",
      name: null,
      count: 1,
    });
    const online = {
      kind: "online" as const,
      group: "other" as const,
      count: 1,
      name: null,
      city: "Chi\tcago",
      region: "IL",
      postalCode: "60623",
      date: "2026-11-01",
    };
    expect(canonicalLine(online, "Anónimo")).toBe(
      "other\tonline\t1\tAnónimo\tChi cago\tIL\t60623\t2026-11-01\n",
    );
  });
});

describe("a national list", () => {
  it("streams every routed signer once, in signing order, whatever the chunk size", async () => {
    const [event] = await db
      .select({ petitionId: deliveryEvents.petitionId })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, houstonEvent));
    const snapshotAt = new Date();
    const read = async (group: "local" | "other", chunkSize: number) => {
      const out: string[] = [];
      for await (const chunk of streamOnlineRows({
        petitionId: event!.petitionId,
        office: houstonOffice,
        group,
        snapshotAt,
        timeZone: "America/Chicago",
        chunkSize,
      }))
        out.push(...chunk.map((r) => canonicalLine(r, "Anonymous")));
      return out;
    };
    const counts = await countRouted({
      petitionId: event!.petitionId,
      office: houstonOffice,
      snapshotAt,
    });
    for (const group of ["local", "other"] as const) {
      const whole = await read(group, 100_000);
      expect(whole).toHaveLength(counts[group]);
      // Each chunk starts where the last ended (keyset on the verified-signers index).
      expect(await read(group, 37)).toEqual(whole);
    }
  });

  it("prints thousands of comments in one volume with every page's content kept in order", async () => {
    const writer = new PacketVolumeWriter({
      packetId: "test",
      petitionTitle: "Title",
      officeName: "Office",
      volume: 1,
      volumeCount: 1,
      paperSize: "letter",
      strings: [packetLocale.en.pdf],
      createdAt: new Date(),
    });
    const n = 3000;
    for (let i = 0; i < n; i += 1000)
      writer.comments(
        Array.from({ length: 1000 }, (_, j) => ({
          name: `Signer ${i + j}`,
          city: "Houston",
          comment: `Comment number ${i + j} for the office.`,
        })),
        i === 0,
      );
    const { bytes, pageCount } = await writer.finish();
    expect(pdfPages(bytes)).toBe(pageCount);
    const text = pdfText(bytes);
    for (const i of [0, 1, 1499, n - 1])
      expect(text).toContain(`Comment number ${i} for the office.`);
    expect(text).toContain(`Page ${pageCount} of ${pageCount}`);
  });
});
