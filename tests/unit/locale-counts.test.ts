// Walks every locale file and calls each message that takes arguments with a count of 1 (and 2):
// no "1 signatures", "1 firmas", "one of 1 verified signers" may come out, in either language.
import { describe, expect, it } from "vitest";
import { messages } from "~/locales";

// A stand-in for an object argument ({ total, online, … }): every field reads as 1.
const objectOf = (n: number) =>
  new Proxy({}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => n : n) }) as never;

type Found = { path: string; text: string };

function walk(value: unknown, path: string, n: number, out: Found[]) {
  if (typeof value === "function") {
    const fn = value as (...args: unknown[]) => unknown;
    // Numbers first; a message taking an object ({ total, online, … }) gets one whose fields are n.
    for (const args of [Array(fn.length).fill(n), Array(fn.length).fill(objectOf(n))]) {
      let text: unknown;
      try {
        text = fn(...args);
      } catch {
        continue;
      }
      if (typeof text === "string" && !text.includes("[object")) {
        out.push({ path, text });
        break;
      }
    }
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) walk(v, `${path}.${key}`, n, out);
  }
}

const nouns =
  /(?<![\d.,])1 (?:\S+ )?(signatures|signers|people|names|pages|volumes|events|offices|cities|days|hours|minutes|characters|targets|rows|volunteers|places|tokens|members|petitions|firmas|personas|firmantes|nombres|páginas|volúmenes|eventos|oficinas|ciudades|días|horas|minutos|caracteres|destinatarios|filas|lugares|miembros|peticiones)\b/i;
const oneOfOne = /one of 1\b|una de (?:las )?1\b/i;

describe("counted strings in the locale files", () => {
  for (const [ns, byLocale] of Object.entries(messages)) {
    for (const [locale, strings] of Object.entries(byLocale as Record<string, unknown>)) {
      it(`${ns} (${locale}) reads right for a count of 1`, () => {
        const found: Found[] = [];
        walk(strings, `${ns}.${locale}`, 1, found);
        const wrong = new Set(
          found
            .filter((f) => nouns.test(f.text) || oneOfOne.test(f.text))
            .map((f) => `${f.path}: ${f.text}`),
        );
        expect([...wrong]).toEqual([]);
      });
    }
  }

  it("still says the plural for 2", () => {
    expect(messages.signer.en.verifiedCount(2)).toBe("2 verified signatures");
    expect(messages.signer.es.verifiedCount(1)).toBe("1 firma verificada");
    expect(messages.signer.en.confirmedBody(1)).toBe("You are the first verified signer.");
    expect(messages.signer.es.confirmedBody(1200)).toMatch(/^Eres una de las 1.200 personas/);
    expect(messages.common.es.verifiedSignatures(1)).toBe("1 firma verificada");
  });
});
