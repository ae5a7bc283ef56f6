// Pours a packet's printed rows into volumes of `volumeSize` rows and stores each volume as soon as
// it is full: its PDF, and its part of the list file. Memory holds one volume's rows (PDF and
// text), never the whole list; the fingerprint is hashed as the rows go by.
import crypto from "node:crypto";
import { db } from "#db/client";
import { packetFiles, packetListParts } from "#db/schema";
import { fullGc } from "~/lib/idle-memory.server";
import { canonicalLine } from "./list-file";
import type { ListRow } from "./packet-routing.server";
import type { PacketVolumeWriter } from "./packet-volume-writer.server";

export class PacketVolumes {
  private volume = 1;
  private writer: PacketVolumeWriter;
  private rowsInVolume = 0;
  private currentHeading = "";
  /** The "#" column: online signatures are numbered across the whole list. */
  private onlineNumber = 0;
  private readonly hash = crypto.createHash("sha256");
  private partLines: string[] = [];
  private partRows = 0;
  private partFirstOnline = 1;
  /** Printed rows so far (the volume split counts these). */
  rowsWritten = 0;
  /** Pages of the volumes stored so far. */
  pageCount = 0;

  constructor(
    private readonly o: {
      packetId: string;
      /** `packet-<id>`: every stored file is named from it. */
      fileBase: string;
      volumeSize: number;
      volumeCount: number;
      /** How the list file names a signer who asked not to be named (the packet's first language). */
      anonymous: string;
      createWriter: (volume: number) => PacketVolumeWriter;
    },
  ) {
    this.writer = o.createWriter(1);
  }

  /** The volume being written: the cover letter goes into the first, comments and the last page into the last. */
  get current() {
    return this.writer;
  }

  /** Appends rows under `heading`, starting a new volume whenever one is full. */
  async write(batch: ListRow[], heading: string) {
    for (const row of batch) {
      if (this.rowsInVolume === this.o.volumeSize) await this.nextVolume(heading);
      if (heading !== this.currentHeading) {
        this.currentHeading = heading;
        this.writer.heading(heading);
      }
      if (row.kind === "online") this.onlineNumber++;
      this.writer.row(row, this.onlineNumber);
      const line = canonicalLine(row, this.o.anonymous);
      this.hash.update(line, "utf8");
      this.partLines.push(line);
      this.partRows++;
      this.rowsWritten++;
      this.rowsInVolume++;
    }
  }

  private async nextVolume(heading: string) {
    await this.storeVolume();
    this.volume++;
    this.writer = this.o.createWriter(this.volume);
    this.rowsInVolume = 0;
    this.partFirstOnline = this.onlineNumber + 1;
    // A group running on into the new volume is headed again at its top.
    if (heading === this.currentHeading) this.writer.heading(this.currentHeading);
  }

  /** SHA-256 over every row's canonical line: call once, after the last row. */
  fingerprint() {
    return this.hash.digest("hex");
  }

  /** Stores the last volume. */
  async finish() {
    await this.storeVolume();
  }

  private async storeVolume() {
    const { packetId, fileBase, volumeCount } = this.o;
    const volume = this.volume;
    await db.insert(packetListParts).values({
      packetId,
      part: volume,
      firstOnlineNumber: this.partFirstOnline,
      rowCount: this.partRows,
      bytes: Buffer.from(this.partLines.join(""), "utf8"),
    });
    this.partLines = [];
    this.partRows = 0;
    const { bytes, pageCount } = await this.writer.finish();
    this.pageCount += pageCount;
    await db.insert(packetFiles).values({
      packetId,
      volume,
      fileName:
        volumeCount > 1 ? `${fileBase}-vol-${volume}-of-${volumeCount}.pdf` : `${fileBase}.pdf`,
      contentType: "application/pdf",
      bytes,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      pageCount,
    });
    // A finished volume leaves its pages as garbage: collect it now, so the heap (and the
    // process) stays at one volume's size instead of growing until V8 decides to (ADR 029).
    fullGc();
  }
}
