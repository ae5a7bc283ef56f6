import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "~/domain/petitions/petition";
import { slugify, SLUG_MAX } from "~/lib/slug";

describe("slugify", () => {
  it("makes an address from a title, accents removed", () => {
    expect(slugify("Stop traffic-stop deportations")).toBe("stop-traffic-stop-deportations");
    expect(slugify("¡Alto a las redadas en Houston!")).toBe("alto-a-las-redadas-en-houston");
    expect(slugify("Niños, año y corazón: educación")).toBe("ninos-ano-y-corazon-educacion");
    expect(slugify("  Don't   stop — now  ")).toBe("dont-stop-now");
    expect(slugify("Straße & Ærø")).toBe("strasse-aero");
    expect(slugify("TPS 2026: ¿y ahora?")).toBe("tps-2026-y-ahora");
  });

  it("gives nothing for a title without letters or digits", () => {
    expect(slugify("¡¿…?!")).toBe("");
    expect(slugify("")).toBe("");
  });

  it("stays within the form's limit, cut at a word", () => {
    const long = slugify("Una petición muy larga ".repeat(10));
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(long.endsWith("-")).toBe(false);
    expect(long).toMatch(/(^|-)(una|peticion|muy|larga)$/);
  });

  it("always passes the server's address rule when it has 3+ characters", () => {
    for (const title of ["Éxito", "a -- b -- c", "Paro 100%", "Ça va? Oui!"]) {
      const slug = slugify(title);
      if (slug.length >= 3) expect(slug).toMatch(SLUG_PATTERN);
    }
  });
});
