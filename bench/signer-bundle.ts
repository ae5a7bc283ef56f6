// `npm run bench:bundle` — the JavaScript a signer's phone downloads for the petition page, read from
// the current production build (run `npm run build` first; BUILD_DIR picks another build). Prints
// each file's raw and gzip bytes and their totals, then looks for words only organizers,
// coordinators or offices read: finding one means dashboard strings reached the signer's page.
// Prints figures; the only failure is a missing build or an organizer string in the signer's files.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const ROUTE = "routes/p.$slug._index";

// One or two distinctive lines from each namespace the petition page must not carry.
const ORGANIZER_ONLY = [
  "Type its name to confirm.", // organizer: campaign settings
  "Delete this campaign", // organizer
  "Back to planned", // delivery: the board's status moves
  "Volver a planificada", // delivery, in Spanish
  "Updates to signers", // office: the dashboard's updates page
  "Signatures from outside this office's area", // packet options
  "Read and write (record signatures and RSVPs)", // integrations: API token scopes
];

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function readManifest(assetsDir: string): Manifest {
  const name = fs.existsSync(assetsDir)
    ? fs.readdirSync(assetsDir).find((f) => /^manifest-.*\.js$/.test(f))
    : undefined;
  if (!name) {
    console.error(`No Remix manifest in ${assetsDir}: run \`npm run build\` first.`);
    process.exit(1);
  }
  // The manifest is a script assigning one JSON object (window.__remixManifest = {...}).
  const source = fs.readFileSync(path.join(assetsDir, name), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

const buildDir = process.env.BUILD_DIR || "build";
const manifest = readManifest(path.resolve("public", buildDir));
const route = manifest.routes[ROUTE];
if (!route) {
  console.error(`The build has no ${ROUTE} route.`);
  process.exit(1);
}

// What the browser loads for the page: the entry, the root route and the page's route, each with
// the shared chunks it imports (public paths such as /build/_shared/chunk-X.js).
const files = [
  ...new Set([
    manifest.entry.module,
    ...(manifest.entry.imports ?? []),
    manifest.routes.root!.module,
    ...(manifest.routes.root!.imports ?? []),
    route.module,
    ...(route.imports ?? []),
  ]),
];

let raw = 0;
let gzip = 0;
const found: string[] = [];
const rows = files.map((publicPath) => {
  const bytes = fs.readFileSync(path.join("public", publicPath));
  const zipped = zlib.gzipSync(bytes, { level: 6 }).length;
  raw += bytes.length;
  gzip += zipped;
  const text = bytes.toString("utf8");
  for (const s of ORGANIZER_ONLY) if (text.includes(s)) found.push(`${s}  (in ${publicPath})`);
  return { publicPath, raw: bytes.length, gzip: zipped };
});

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const width = Math.max(...rows.map((r) => r.publicPath.length));
console.log(`The petition page's JavaScript (${ROUTE}, build in public/${buildDir}):\n`);
for (const r of rows.sort((a, b) => b.raw - a.raw))
  console.log(
    `  ${r.publicPath.padEnd(width)}  ${String(r.raw).padStart(8)} raw  ${String(r.gzip).padStart(7)} gzip`,
  );
console.log(
  `\n  ${files.length} files: ${raw} bytes raw (${kb(raw)}), ${gzip} bytes gzip (${kb(gzip)})`,
);

if (found.length) {
  console.log(`\nOrganizer-only strings in the signer's JavaScript:\n  ${found.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nNone of ${ORGANIZER_ONLY.length} organizer-only strings is in these files.`);
