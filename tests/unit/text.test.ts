import { describe, expect, it } from "vitest";
import { isStorableText, withoutInvisibleControls } from "~/lib/text";

describe("isStorableText", () => {
  it("accepts ordinary text, accents and paired surrogates (emoji)", () => {
    expect(isStorableText("María José Núñez 😀")).toBe(true);
  });
  it("rejects NUL and lone surrogates", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\uD800b")).toBe(false);
    expect(isStorableText("a\uDC00")).toBe(false);
  });
});

describe("withoutInvisibleControls", () => {
  it("drops bidi overrides and zero-width characters", () => {
    expect(withoutInvisibleControls("ann\u202Eexe.gnp\u200B")).toBe("annexe.gnp");
  });
});
