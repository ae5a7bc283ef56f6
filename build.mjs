// `npm run build`: the Remix build, then the islands — small plain scripts for pages that ship
// without React (the petition page, ADR 032). BUILD_DIR picks the folder, as in remix.config.js.
// Each island lands in public/<BUILD_DIR>/islands/<name>-<hash>.js with a manifest.json naming it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const buildDir = process.env.BUILD_DIR || "build";
const ISLANDS = ["petition-page", "share-panel"];

if (!process.argv.includes("--islands-only")) {
  const remix = spawnSync(path.resolve("node_modules/.bin/remix"), ["build"], { stdio: "inherit" });
  if (remix.status !== 0) process.exit(remix.status ?? 1);
}

const outdir = path.resolve("public", buildDir, "islands");
fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(ISLANDS.map((name) => [name, `app/islands/${name}.ts`])),
  outdir,
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: ["es2019", "safari13"],
  tsconfig: "tsconfig.json",
  metafile: true,
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
});

const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const name = output.entryPoint && path.basename(output.entryPoint, ".ts");
  if (name) manifest[name] = `/${buildDir}/islands/${path.basename(file)}`;
}
fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest, null, 2));
console.log(`[info] islands: ${Object.values(manifest).join(", ")}`);
