// Wall-clock time in an IANA zone ↔ UTC instants, with no dependencies (Intl only).
// Safe in the browser. Formatters come from a shared cache (intl-format.ts): building one per
// call was the largest single cost of drawing a board with a thousand events.
import { dateTimeFormat, localeTag } from "./intl-format";

/** The zone's offset from UTC, in minutes, at an instant (-360 for Chicago in winter). */
export function offsetMinutes(instant: Date | number, timeZone: string) {
  const at = new Date(instant);
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return (asUtc - at.getTime()) / 60000;
}

/**
 * The UTC instant of a local date and time in `timeZone` ("2026-03-08", "11:00", "America/Chicago").
 * In a spring-forward gap the time is moved forward by the gap; in a fall-back overlap the
 * earlier of the two instants is chosen.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offsets a day either side bracket any change on this date. Each offset that maps
  // back to the same wall time is a real reading; the overlap has two (take the earlier), the gap none.
  const before = offsetMinutes(new Date(wall - 86400_000), timeZone);
  const after = offsetMinutes(new Date(wall + 86400_000), timeZone);
  const readings = [...new Set([before, after])]
    .map((offset) => wall - offset * 60000)
    .filter((instant) => instant + offsetMinutes(new Date(instant), timeZone) * 60000 === wall);
  if (readings.length) return new Date(Math.min(...readings));
  // In the gap: read the time with the offset in force before the change, which lands past it.
  return new Date(wall - before * 60000);
}

export function isValidTimeZone(timeZone: string) {
  try {
    dateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "Tue, Dec 8, 11:00 AM CST" / "martes, 8 de diciembre, 11:00 a.m. CST" in the given zone and
 * language. Spanish spells weekday and month out: "mar, 8 de dic" reads as "sea".
 */
export function formatInZone(
  instant: Date | string,
  timeZone: string,
  locale: "en" | "es" = "en",
  opts: Intl.DateTimeFormatOptions = {},
) {
  const words = locale === "es" ? "long" : "short";
  return dateTimeFormat(localeTag(locale), {
    timeZone,
    weekday: words,
    month: words,
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    ...opts,
  }).format(new Date(instant));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date | string, timeZone: string) {
  return dateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(instant));
}

/**
 * A date in full words for emails and letters, in the zone: "Tuesday, December 8" /
 * "martes, 8 de diciembre" (with `year`: "Tuesday, December 8, 2026" / "martes, 8 de diciembre de
 * 2026"). No abbreviations: "el mar, 8 de dic" reads as "the sea".
 */
export function formatDateWords(
  instant: Date | string,
  timeZone: string,
  locale: "en" | "es" = "en",
  { year = false, weekday = true }: { year?: boolean; weekday?: boolean } = {},
) {
  return dateTimeFormat(localeTag(locale), {
    timeZone,
    weekday: weekday ? "long" : undefined,
    month: "long",
    day: "numeric",
    year: year ? "numeric" : undefined,
  }).format(new Date(instant));
}

/** "11:00 AM CST" / "11:00 a.m. CST" in the zone. */
export function formatTimeOfDay(
  instant: Date | string,
  timeZone: string,
  locale: "en" | "es" = "en",
) {
  return dateTimeFormat(localeTag(locale), {
    timeZone,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(instant));
}

/**
 * Day and time in full words, for every email that shows a date: "Tuesday, December 8 at 11:00 AM
 * CST" / "martes, 8 de diciembre, a las 11:00 a.m. CST". Reads after "on" / "el".
 */
export function formatDateTimeWords(
  instant: Date | string,
  timeZone: string,
  locale: "en" | "es" = "en",
) {
  const day = formatDateWords(instant, timeZone, locale);
  const time = formatTimeOfDay(instant, timeZone, locale);
  return locale === "es" ? `${day}, a las ${time}` : `${day} at ${time}`;
}
