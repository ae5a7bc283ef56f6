import { describe, expect, it } from "vitest";
import {
  cachedFormatterCount,
  dateTimeFormat,
  formatNumber,
  numberFormat,
} from "~/lib/intl-format";
import { formatInZone, localDate, offsetMinutes } from "~/lib/zoned-time";

describe("cached Intl formatters", () => {
  it("hands back one formatter per locale + options, whatever the key order", () => {
    const a = dateTimeFormat("es-US", { timeZone: "America/Chicago", month: "short" });
    const b = dateTimeFormat("es-US", { month: "short", timeZone: "America/Chicago" });
    expect(b).toBe(a);
    expect(dateTimeFormat("es-US", { month: "short", timeZone: "America/New_York" })).not.toBe(a);
    expect(numberFormat("en-US")).toBe(numberFormat("en-US"));
  });

  it("formats exactly as a fresh formatter does", () => {
    const at = new Date("2026-03-08T08:30:00Z"); // Chicago springs forward this morning
    for (const zone of ["America/Chicago", "America/New_York", "Asia/Kolkata", "UTC"]) {
      const fresh = new Intl.DateTimeFormat("es-US", {
        timeZone: zone,
        // Spanish spells weekday and month out ("mar, 8 de dic" reads as "sea").
        weekday: "long",
        month: "long",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
      }).format(at);
      expect(formatInZone(at, zone, "es")).toBe(fresh);
    }
    expect(offsetMinutes(new Date("2026-03-08T07:30:00Z"), "America/Chicago")).toBe(-360);
    expect(offsetMinutes(at, "America/Chicago")).toBe(-300);
    expect(localDate("2026-03-08T03:00:00Z", "America/Los_Angeles")).toBe("2026-03-07");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1234567, "es")).toBe(new Intl.NumberFormat("es-US").format(1234567));
  });

  it("stays bounded: many distinct keys do not grow the cache past its cap", () => {
    for (let i = 0; i < 2000; i++)
      numberFormat("en-US", {
        minimumFractionDigits: i % 21,
        maximumFractionDigits: 20,
        minimumIntegerDigits: 1 + (i % 21),
      });
    const zones = Intl.supportedValuesOf("timeZone");
    for (const zone of zones) formatInZone(new Date(0), zone);
    expect(cachedFormatterCount()).toBeLessThanOrEqual(1024);
    // A board of many events in the same few zones reuses the same handful of formatters.
    const before = cachedFormatterCount();
    for (let i = 0; i < 5000; i++) formatInZone(new Date(i * 3600_000), "America/Chicago", "en");
    expect(cachedFormatterCount() - before).toBeLessThanOrEqual(1);
  });
});
