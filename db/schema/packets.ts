import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { belongsTo, timestampDefaultNow, tz } from "./columns";
import { deliveryEvents } from "./deliveries";
import { localeEnum, packetStatusEnum } from "./enums";
import { users } from "./users";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

// A packet is built from a frozen snapshot; its id is a short random string printed on every
// page and used in the public verify URL.
export const packets = pgTable(
  "packets",
  {
    id: text().primaryKey(),
    eventId: belongsTo(() => deliveryEvents.id),
    status: packetStatusEnum().notNull().default("queued"),
    locale: localeEnum().notNull().default("en"),
    bilingual: boolean().notNull().default(false),
    includeOthers: boolean().notNull().default(true),
    volumeSize: integer().notNull().default(5000),
    paperSize: text().notNull().default("letter"),
    progress: integer().notNull().default(0),
    snapshotAt: timestamp(tz),
    totalVerified: integer(),
    localCount: integer(),
    signatureCount: integer(),
    paperCount: integer(),
    pageCount: integer(),
    volumeCount: integer(),
    fingerprint: text(),
    error: text(),
    requestedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    readyAt: timestamp(tz),
    supersededAt: timestamp(tz),
    // Set when retention erased the stored list and PDFs; fingerprint and counts stay, so a printed
    // packet can still be verified (docs/decisions/028-retention.md).
    listErasedAt: timestamp(tz),
  },
  (t) => [index("packets_event_idx").on(t.eventId, t.createdAt)],
);

export const packetFiles = pgTable(
  "packet_files",
  {
    packetId: text()
      .notNull()
      .references(() => packets.id, { onDelete: "cascade" }),
    volume: integer().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull().default("application/pdf"),
    bytes: bytea().notNull(),
    sha256: text().notNull(),
    pageCount: integer().notNull(),
    createdAt: timestampDefaultNow(),
  },
  (t) => [primaryKey({ columns: [t.packetId, t.volume] })],
);

// The packet's signature list (volume 0 in packet_files holds only its name and fingerprint), stored
// one part per PDF volume as the build streams, so neither the build nor a download ever holds the
// whole list: a national packet's list is ~50 MB. A part also records the "#" of its first online
// row, so the print view of one volume reads one part.
export const packetListParts = pgTable(
  "packet_list_parts",
  {
    packetId: text()
      .notNull()
      .references(() => packets.id, { onDelete: "cascade" }),
    part: integer().notNull(),
    firstOnlineNumber: integer().notNull(),
    rowCount: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.packetId, t.part] })],
);

export type Packet = typeof packets.$inferSelect;
export type PacketFile = typeof packetFiles.$inferSelect;
