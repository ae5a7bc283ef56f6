// Handover's HTTP server: Express serving the Remix build, plus start-up checks.
// `npm start` builds and runs this; PORT, DATABASE_URL, SMTP_URL … are read at boot.
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { exitAfterShutdownTimeout, surviveDatabaseOutages } from "./process-guards.mjs";

const buildDir = process.env.BUILD_DIR || "build";

function originHost(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
// Per request: whether its own work met the database away. Its 5xx answer is then a 503 even if
// the database came back (and the global mark was cleared) before the answer was written.
const requestState = new AsyncLocalStorage();
const loadedBuild = await import(pathToFileURL(path.resolve(buildDir, "index.js")).href);
const entry = loadedBuild.entry.module;
// Remix reports a loader's or action's error here before it answers. One that means "the database
// is away" is remembered (entry.noteRequestError) so the answer becomes 503 + Retry-After below, and
// logged as one line; any other error is logged as Remix would.
const build = {
  ...loadedBuild,
  entry: {
    ...loadedBuild.entry,
    module: {
      ...entry,
      handleError(error, args) {
        if (args?.request?.signal?.aborted) return;
        if (entry.noteRequestError?.(error)) {
          const state = requestState.getStore();
          if (state) state.databaseError = true;
          console.error(
            `database unavailable: ${error?.cause?.code ?? error?.code ?? "connection"}`,
          );
          return;
        }
        if (entry.handleError) entry.handleError(error, args);
        else console.error(error);
      },
    },
  },
};

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
    setTimeout(() => process.exit(0), 30_000).unref();
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
  // Idle memory: one full GC after a few quiet seconds (docs/decisions/029-national-scale-organizers.md).
  entry.installIdleMemoryRelease?.(app);

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

  // Faults (docs/decisions/017-faults.md): while the database is away a failed request is answered
  // 503 with Retry-After — the client may try again — never a bare 500, and never a false success.
  // While shutting down, every answer closes its connection so clients move to another node.
  let draining = false;
  app.use((_req, res, next) => {
    const state = { databaseError: false };
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      if (
        status >= 500 &&
        (status === 503 || state.databaseError || !entry.databaseAvailable?.())
      ) {
        status = 503;
        if (!res.getHeader("Retry-After")) res.setHeader("Retry-After", "5");
        res.setHeader("Cache-Control", "no-store");
      }
      if (draining) res.setHeader("Connection", "close");
      return writeHead.call(this, status, ...rest);
    };
    requestState.run(state, next);
  });

  // The lean handlers (sign API, one-click unsubscribe) answer small JSON/text: mounted before
  // compression and the static file lookups so the hot path skips both.
  // Their JSON bodies: flat text fields only, nothing Postgres cannot store.
  app.use("/api/sign", entry.jsonFieldsGuard());
  entry.registerFastRoutes?.(app, { build });
  // The delivery board's live feed (polled every 2.5 s by each open board): also before Remix.
  entry.registerBoardLive?.(app);
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
      // The client address for per-IP limits (stored only as a keyed hash); see app/http/client-ip.server.ts.
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
        // The no-JS sign form's outcome when its fast door already signed (or refused).
        signFormOutcome: entry.signFormOutcomeOf?.(req),
      }),
    }),
  );
  app.use(entry.errorHandler);

  const port = Number(process.env.PORT || 3000);
  const server = app.listen(port, () => {
    if (!process.env.HANDOVER_WORKER || process.env.HANDOVER_WORKER === "0")
      console.log(`Handover is running at http://localhost:${port}`);
  });

  // Keep-alive connections outlive the load balancer's (60 s is common): the side that closes an
  // idle connection first can race a request being sent on it, and that should be the balancer.
  server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS || 65_000);
  server.headersTimeout = server.keepAliveTimeout + 1_000;

  surviveDatabaseOutages(entry);

  // Graceful shutdown (SIGTERM): the health check turns "not ready", then the port stops accepting,
  // requests under way are answered (their sign batches commit first), the job runner finishes its
  // pass, then the pool closes. SHUTDOWN_TIMEOUT_MS (25 s) bounds it all.
  let closing = false;
  async function close() {
    if (closing) return;
    closing = true;
    draining = true;
    entry.beginShutdown?.();
    exitAfterShutdownTimeout();
    // A grace period first (SHUTDOWN_GRACE_MS, 1 s): the load balancer sees /healthz fail, and
    // every answer meanwhile closes its keep-alive connection — closing an idle one from this side
    // could race a request the client is just sending on it.
    await new Promise((resolve) =>
      setTimeout(resolve, Number(process.env.SHUTDOWN_GRACE_MS ?? 1000)),
    );
    await new Promise((resolve) => server.close(resolve));
    await entry.shutdown().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
}
