// A small iCalendar (RFC 5545) writer for one event. Times are written in the office's zone with
// TZID, and the matching VTIMEZONE is built from Intl (the transitions of the event's year), so a
// calendar shows 11:00 in Houston as 11:00 Houston time whatever the reader's own zone.
import { offsetMinutes } from "./zoned-time";

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");

/** 20261208T110000 — the wall-clock time of an instant in a zone. */
export function localStamp(instant: Date, timeZone: string) {
  const local = new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60000);
  return (
    `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`
  );
}

export function utcStamp(instant: Date) {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

const formatOffset = (minutes: number) =>
  `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

/** The instants in a year where the zone's offset changes (DST starts and ends). */
export function offsetTransitions(timeZone: string, year: number) {
  const found: { at: number; from: number; to: number }[] = [];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const step = 86400_000;
  let prev = offsetMinutes(start, timeZone);
  for (let t = start + step; t <= end; t += step) {
    const current = offsetMinutes(t, timeZone);
    if (current !== prev) {
      let lo = t - step;
      let hi = t;
      while (hi - lo > 60000) {
        const mid = lo + Math.floor((hi - lo) / 120000) * 60000;
        if (offsetMinutes(mid, timeZone) === prev) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, from: prev, to: current });
      prev = current;
    }
  }
  return found;
}

function vtimezone(timeZone: string, year: number): string[] {
  const transitions = offsetTransitions(timeZone, year);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  if (transitions.length === 0) {
    const offset = formatOffset(offsetMinutes(Date.UTC(year, 0, 1), timeZone));
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      "END:STANDARD",
    );
  }
  for (const t of transitions) {
    const kind = t.to > t.from ? "DAYLIGHT" : "STANDARD";
    // DTSTART of an observance is the local time just before the change, in the old offset.
    const localBefore = new Date(t.at + t.from * 60000);
    const stamp =
      `${localBefore.getUTCFullYear()}${pad(localBefore.getUTCMonth() + 1)}${pad(localBefore.getUTCDate())}` +
      `T${pad(localBefore.getUTCHours())}${pad(localBefore.getUTCMinutes())}00`;
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${stamp}`,
      `TZOFFSETFROM:${formatOffset(t.from)}`,
      `TZOFFSETTO:${formatOffset(t.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string) {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (§3.1). */
export function foldLine(line: string) {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export type IcsEvent = {
  uid: string;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  sequence?: number;
  stamp?: Date;
};

export function buildIcs(event: IcsEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Handover//Delivery events//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  // A delivery lasts hours: the start's year holds every offset the event can meet.
  lines.push(...vtimezone(event.timeZone, new Date(event.start).getUTCFullYear()));
  lines.push(
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stamp ?? new Date())}`,
    `DTSTART;TZID=${event.timeZone}:${localStamp(event.start, event.timeZone)}`,
    `DTEND;TZID=${event.timeZone}:${localStamp(event.end, event.timeZone)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  );
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(
    `STATUS:${event.status ?? "CONFIRMED"}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    "END:VEVENT",
    "END:VCALENDAR",
  );
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
