import { describe, expect, it } from "vitest";
import { resolveLocale, withLang } from "~/lib/i18n";
import { displayGoal, progressPercent } from "~/lib/goal";

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("language choice", () => {
  it("prefers ?lang=, then the lang cookie, then Accept-Language, then the page default", () => {
    expect(resolveLocale(req("http://x/p/a?lang=es", { "Accept-Language": "en" }))).toBe("es");
    expect(
      resolveLocale(req("http://x/p/a", { Cookie: "a=1; lang=es", "Accept-Language": "en" })),
    ).toBe("es");
    expect(
      resolveLocale(req("http://x/p/a", { "Accept-Language": "fr-FR, es-MX;q=0.8, en;q=0.5" })),
    ).toBe("es");
    expect(resolveLocale(req("http://x/p/a", { "Accept-Language": "de, fr;q=0.5" }), "es")).toBe(
      "es",
    );
    expect(resolveLocale(req("http://x/p/a?lang=de"), "en")).toBe("en");
  });

  it("builds switch links that keep the path and query", () => {
    expect(withLang("/p/slug?ref=wa#sign", "es")).toBe("/p/slug?ref=wa&lang=es#sign");
    expect(withLang("/p/slug?lang=en", "es")).toBe("/p/slug?lang=es");
  });
});

describe("goals", () => {
  it("keeps the petition's goal until reached, then moves to the next step of the ladder", () => {
    expect(displayGoal(10, 1000)).toBe(1000);
    expect(displayGoal(1000, 1000)).toBe(5000);
    expect(displayGoal(5001, 1000)).toBe(10000);
    expect(displayGoal(26000, 5000)).toBe(50000);
    expect(displayGoal(1_200_000, 1000)).toBeGreaterThan(1_200_000);
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(500, 200)).toBe(100);
  });
});
