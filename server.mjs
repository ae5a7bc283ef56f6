// Handover's HTTP server: Express serving the Remix build, plus start-up checks.
// `npm start` builds and runs this; PORT, DATABASE_URL, SMTP_URL … are read at boot.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

const buildDir = process.env.BUILD_DIR || "build";
const build = await import(pathToFileURL(path.resolve(buildDir, "index.js")).href);
const entry = build.entry.module;

try {
  await entry.boot();
} catch (error) {
  if (error && error.name === "BootError") {
    console.error(`Handover cannot start — ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");

// CSRF: state-changing requests must come from our own pages (Origin / Sec-Fetch-Site),
// on top of SameSite=Lax session cookies. See docs/decisions/006-csrf.md.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  const host = req.get("host");
  const crossSite = site === "cross-site" || (origin && origin !== "null" && new URL(origin).host !== host);
  // Mail clients' one-click unsubscribe (RFC 8058) POSTs from outside by design.
  if (crossSite && !req.path.startsWith("/unsubscribe")) {
    res.status(403).type("text/plain").send("This form must be sent from Handover's own page.");
    return;
  }
  next();
});

app.use(compression());
app.use(`/${buildDir}`, express.static(`public/${buildDir}`, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h", index: false }));
entry.registerFastRoutes?.(app);
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV === "development" ? "development" : "production" }));

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => console.log(`Handover is running at http://localhost:${port}`));

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
