// `npm run bench:bundle` — what a signer's phone downloads for the petition page, measured the way
// the phone gets it: starts the production build (run `npm run build` first; BUILD_DIR picks
// another build) on a fresh embedded database with the demo petition, asks for the page in Spanish
// with gzip, then for every script, module preload and stylesheet it names. Prints each file's
// bytes on the wire and uncompressed, and the totals; then looks for words only organizers,
// coordinators or offices read. The only failures: no build, or an organizer string in the page.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const SLUG = "stop-traffic-stop-deportations";

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

const buildDir = process.env.BUILD_DIR || "build";
if (!fs.existsSync(path.resolve(buildDir, "index.js"))) {
  console.error(`No production build in ${buildDir}/: run \`npm run build\` first.`);
  process.exit(1);
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

type Row = { kind: string; url: string; wire: number; raw: number; text: string };

async function fetchGzip(url: string, kind: string): Promise<Row> {
  const res = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  // fetch decodes gzip itself; the wire size is the body gzipped as the server sends it.
  const body = Buffer.from(await res.arrayBuffer());
  const encoded = res.headers.get("content-encoding") === "gzip";
  const wire = encoded ? zlib.gzipSync(body, { level: 6 }).length : body.length;
  return { kind, url: new URL(url).pathname, wire, raw: body.length, text: body.toString("utf8") };
}

async function main() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handover-bundle-"));
  const server = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      BUILD_DIR: buildDir,
      PGLITE_DIR: dataDir,
      DATABASE_URL: "",
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d));
  server.stderr.on("data", (d: Buffer) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 90_000;
    while (
      !(await fetch(`${base}/healthz`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const page = await fetchGzip(`${base}/p/${SLUG}?lang=es`, "html");
    const rows: Row[] = [page];
    const assets = [
      ...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
      ...page.text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => ({ href: m[1]!, kind: "js" }));
    for (const m of page.text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g))
      assets.push({ href: m[1]!, kind: "css" });
    for (const a of assets) rows.push(await fetchGzip(new URL(a.href, base).href, a.kind));

    const width = Math.max(...rows.map((r) => r.url.length));
    console.log(
      `The petition page as a phone loads it (/p/${SLUG}?lang=es, build in ${buildDir}/):\n`,
    );
    for (const r of rows)
      console.log(
        `  ${r.kind.padEnd(4)} ${r.url.padEnd(width)}  ${String(r.wire).padStart(7)} B gzip  ${String(r.raw).padStart(7)} B raw`,
      );
    const sum = (kind?: string) =>
      rows.filter((r) => !kind || r.kind === kind).reduce((n, r) => n + r.wire, 0);
    const js = rows.filter((r) => r.kind === "js");
    console.log(
      `\n  JavaScript: ${js.length} file(s), ${sum("js")} B gzip, ${js.reduce((n, r) => n + r.raw, 0)} B raw`,
    );
    console.log(
      `  Page, styles and scripts: ${sum()} B gzip (${(sum() / 1024).toFixed(1)} KiB); HTML ${sum("html")}, CSS ${sum("css")}`,
    );

    const found = rows.flatMap((r) =>
      ORGANIZER_ONLY.filter((s) => r.text.includes(s)).map((s) => `${s}  (in ${r.url})`),
    );
    if (found.length) {
      console.log(`\nOrganizer-only strings in the signer's page:\n  ${found.join("\n  ")}`);
      process.exitCode = 1;
    } else
      console.log(`\nNone of ${ORGANIZER_ONLY.length} organizer-only strings is in these files.`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
