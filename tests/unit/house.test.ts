// The layout a newcomer relies on (docs/map.md): leaves import no domain, the domain imports no
// request glue, domain files stay small, and the map names every route and only files that exist.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const MAX_DOMAIN_FILE_LINES = 400;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/** `~/…` and relative specifiers a file imports, resolved to paths under app/. */
function appImports(file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  return [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].flatMap(([, spec]) => {
    if (spec.startsWith("~/")) return [`app/${spec.slice(2)}`];
    if (spec.startsWith(".")) return [path.posix.join(path.posix.dirname(file), spec)];
    return [];
  });
}

function offenders(dir: string, forbidden: string[]) {
  return filesUnder(dir).flatMap((file) =>
    appImports(file)
      .filter((target) => forbidden.some((prefix) => target.startsWith(prefix)))
      .map((target) => `${file} → ${target}`),
  );
}

describe("the house", () => {
  it("keeps app/lib free of the domain and of request glue", () => {
    expect(offenders("app/lib", ["app/domain/", "app/http/", "app/routes/", "app/jobs/"])).toEqual([]);
  });

  it("keeps the domain free of request glue and routes", () => {
    expect(offenders("app/domain", ["app/http/", "app/routes/"])).toEqual([]);
  });

  it(`keeps every domain file under ${MAX_DOMAIN_FILE_LINES} lines`, () => {
    const long = filesUnder("app/domain")
      .map((file) => ({ file, lines: fs.readFileSync(path.join(root, file), "utf8").split("\n").length }))
      .filter(({ lines }) => lines > MAX_DOMAIN_FILE_LINES);
    expect(long).toEqual([]);
  });

  it("maps every route, and only files that exist", () => {
    const map = fs.readFileSync(path.join(root, "docs/map.md"), "utf8");
    const routes = fs.readdirSync(path.join(root, "app/routes"));
    expect(routes.filter((file) => !map.includes(file))).toEqual([]);
    const named = [...map.matchAll(/`((?:app|db|emails|tests|bench)\/[^`*\s]+\.(?:ts|tsx|mjs))`/g)].map(([, p]) => p);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((p) => !fs.existsSync(path.join(root, p)))).toEqual([]);
  });
});
