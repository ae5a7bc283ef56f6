// Handover's HTTP server: Express serving the Remix build, plus start-up checks.
// `npm start` builds and runs this; PORT, DATABASE_URL, SMTP_URL … are read at boot.
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";

const buildDir = process.env.BUILD_DIR || "build";

function originHost(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
const build = await import(pathToFileURL(path.resolve(buildDir, "index.js")).href);
const entry = build.entry.module;

async function bootOrExit() {
  try {
    await entry.boot();
  } catch (error) {
    if (error && error.name === "BootError") {
      console.error(`Handover cannot start — ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

// WEB_CONCURRENCY=N runs N worker processes sharing the port (docs/decisions/007-sign-path.md).
// Only with DATABASE_URL: the embedded PGlite lives inside one process. The primary migrates and
// seeds once, then forks; only the first worker runs the job runner (claims are SKIP LOCKED, so
// more would be safe, but one keeps the sign path's CPU for signing).
const concurrency = Number(process.env.WEB_CONCURRENCY || 1);
if (concurrency > 1 && process.env.DATABASE_URL && cluster.isPrimary) {
  const jobsInline = process.env.JOBS_INLINE || "true";
  process.env.JOBS_INLINE = "false";
  await bootOrExit();
  await entry.shutdown().catch(() => {});
  let stopping = false;
  const fork = (index) => {
    const worker = cluster.fork({
      SEED_ON_START: "false",
      JOBS_INLINE: index === 0 ? jobsInline : "false",
      HANDOVER_WORKER: String(index),
    });
    worker.on("exit", (code) => {
      if (!stopping) {
        console.error(`worker ${index} exited (${code}); starting another`);
        setTimeout(() => fork(index), 500);
      }
    });
  };
  for (let i = 0; i < concurrency; i++) fork(i);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 100);
    setTimeout(() => process.exit(0), 8000).unref();
    check.unref?.();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  await bootOrExit();

  const app = express();
  app.disable("x-powered-by");
  // TRUST_PROXY: a hop count or the proxies' addresses, never "anyone" (docs/decisions/014-request-edge.md).
  app.set("trust proxy", entry.trustProxySetting(process.env.TRUST_PROXY));
  // Request ids, security headers, and a 400 for paths no route of ours could use (NUL, bad UTF-8).
  entry.installEdge(app);

  // CSRF: state-changing requests must come from our own pages (Origin / Sec-Fetch-Site),
  // on top of SameSite=Lax session cookies. See docs/decisions/006-csrf.md.
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const host = req.get("host");
    // "Origin: null" comes from sandboxed frames and data: pages — and from our own no-referrer
    // pages (confirm, unsubscribe), where the browser also says Sec-Fetch-Site: same-origin.
    const crossSite =
      site === "cross-site" ||
      (origin === "null" && site !== "same-origin") ||
      (origin && origin !== "null" && originHost(origin) !== host);
    if (crossSite) {
      res.status(403).type("text/plain").send("This form must be sent from Handover's own page.");
      return;
    }
    next();
  });

  // The lean handlers (sign API, one-click unsubscribe) answer small JSON/text: mounted before
  // compression and the static file lookups so the hot path skips both.
  // Their JSON bodies: flat text fields only, nothing Postgres cannot store.
  app.use("/api", entry.jsonFieldsGuard());
  entry.registerFastRoutes?.(app);
  app.use(compression());
  app.use(`/${buildDir}`, express.static(`public/${buildDir}`, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h", index: false }));
  // Browsers ask for /favicon.ico on non-HTML responses (PDFs, CSV); point them at the SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.all(
    "*",
    // Actions get web forms only, size-limited and parseable, or a plain 4xx.
    entry.formBodyGuard,
    entry.remixHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      // The client address for per-IP limits (stored only as a keyed hash); see app/utils/client-ip.server.ts.
      // The socket's own peer and whether any forwarding header came along: /dev/mail trusts only those.
      getLoadContext: (req) => ({
        clientIp: req.ip,
        socketIp: req.socket.remoteAddress ?? "",
        forwarded: Boolean(
          req.get("x-forwarded-for") ||
          req.get("forwarded") ||
          req.get("x-forwarded-host") ||
          req.get("x-real-ip"),
        ),
        rawHost: req.get("host") ?? "",
      }),
    }),
  );
  app.use(entry.errorHandler);

  const port = Number(process.env.PORT || 3000);
  const server = app.listen(port, () => {
    if (!process.env.HANDOVER_WORKER || process.env.HANDOVER_WORKER === "0")
      console.log(`Handover is running at http://localhost:${port}`);
  });

  let closing = false;
  async function close() {
    if (closing) return;
    closing = true;
    server.close();
    await entry.shutdown().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
}
