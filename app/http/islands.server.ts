// Where the browser finds an island (a page's plain script, built by build.mjs into
// public/<BUILD_DIR>/islands with a manifest). Read once per process. Without a manifest (a Remix
// build alone, as in `remix dev`) a page simply ships no script: it works without one.
import fs from "node:fs";
import path from "node:path";

let manifest: Record<string, string> | null = null;

export function islandSrc(name: string): string | null {
  if (!manifest) {
    const buildDir = process.env.BUILD_DIR || "build";
    const file = path.resolve("public", buildDir, "islands", "manifest.json");
    try {
      manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
    } catch {
      manifest = {};
    }
  }
  return manifest[name] ?? null;
}
