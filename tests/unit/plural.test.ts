import { describe, expect, it } from "vitest";
import { plural } from "~/lib/i18n";

const signatures = { one: "# signature", other: "# signatures" };
const firmas = { one: "# firma", other: "# firmas" };

describe("plural", () => {
  it("picks one/other by the language's rules and formats the number", () => {
    expect(plural("en", 1, signatures)).toBe("1 signature");
    expect(plural("en", 0, signatures)).toBe("0 signatures");
    expect(plural("en", 2, signatures)).toBe("2 signatures");
    expect(plural("en", 1200, signatures)).toBe("1,200 signatures");
    expect(plural("es", 1, firmas)).toBe("1 firma");
    expect(plural("es", 0, firmas)).toBe("0 firmas");
    // es-US groups thousands with a comma, like the rest of the Spanish pages.
    expect(plural("es", 12000, firmas)).toMatch(/^12.000 firmas$/);
  });

  it("uses the zero form only when given", () => {
    expect(plural("en", 0, { ...signatures, zero: "no signatures yet" })).toBe("no signatures yet");
    expect(plural("en", 1, { ...signatures, zero: "no signatures yet" })).toBe("1 signature");
  });
});
