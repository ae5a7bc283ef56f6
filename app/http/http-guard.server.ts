// The HTTP edge in front of Remix (server.mjs installs these): request ids, security headers,
// the proxy trust setting, and plain 4xx answers for malformed requests before any route runs.
// docs/decisions/014-request-edge.md explains the choices.
import crypto from "node:crypto";
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request as ExpressRequest,
  type RequestHandler,
  type Response as ExpressResponse,
} from "express";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import type { ServerBuild } from "@remix-run/node";
import { isStorableText } from "~/lib/text";
import { logError } from "~/lib/log.server";
import { noteDatabaseError } from "#db/client";

/** Form bodies (every page's forms, petitions' long texts included) stay far below this. */
export const FORM_BODY_LIMIT = 512 * 1024;
/** File uploads (the office import's CSV is capped at 2 MB by its own route). */
export const MULTIPART_BODY_LIMIT = 3 * 1024 * 1024;
/** One path segment longer than this is not an id, slug or token of ours. */
export const MAX_SEGMENT_LENGTH = 256;

const EMBED_PATH = /^\/p\/[^/]+\/embed\/?$/;

type Guarded = ExpressRequest & { requestId?: string };

export function requestIdOf(req: ExpressRequest) {
  return (req as Guarded).requestId ?? "-";
}

/**
 * TRUST_PROXY: how many proxies in front of Handover may be believed about the client's address
 * (a hop count), or which ones (a comma-separated list of addresses/subnets, or Express's names
 * `loopback`, `linklocal`, `uniquelocal`). Empty or 0: no proxy; X-Forwarded-For is ignored.
 * `true` is refused: it would believe any address a client writes in the header.
 */
export function trustProxySetting(value: string | undefined): number | string | false {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v.toLowerCase() === "false") return false;
  if (/^\d+$/.test(v)) return Math.min(Number(v), 10);
  if (v.toLowerCase() === "true")
    throw new Error(
      "TRUST_PROXY: give the number of proxies in front of Handover (e.g. 1) or their addresses, not true",
    );
  return v;
}

/** A short random id per request, echoed as X-Request-Id and written beside every logged error. */
export const requestId: RequestHandler = (req, res, next) => {
  const id = crypto.randomBytes(6).toString("base64url");
  (req as Guarded).requestId = id;
  res.setHeader("X-Request-Id", id);
  next();
};

/** Headers for every answer. Documents get their nonce-based CSP from entry.server. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  // Non-document answers (text, JSON, CSV, PDFs): nothing may run or frame them.
  res.setHeader(
    "Content-Security-Policy",
    EMBED_PATH.test(req.path)
      ? "default-src 'none'; frame-ancestors *"
      : req.path === "/sw.js"
        ? // The service worker's own policy governs its fetches: our origin only (ADR 018).
          "default-src 'none'; connect-src 'self'; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  if (!EMBED_PATH.test(req.path)) res.setHeader("X-Frame-Options", "DENY");
  if (req.path.startsWith("/dashboard") || req.path.startsWith("/dev/mail"))
    res.setHeader("Cache-Control", "private, no-store");
  next();
};

function plain(res: ExpressResponse, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

// Messages in both languages: these answers come before the app knows the visitor's language.
const MESSAGES = {
  badPath:
    "This address contains characters that are not allowed.\nEsta dirección contiene caracteres no permitidos.",
  longPath: "This address is too long.\nEsta dirección es demasiado larga.",
  contentType:
    "Send this form from Handover's page (as a web form).\nEnvíe este formulario desde la página de Handover.",
  badBody:
    "The form could not be read. Nothing was saved; please try again.\nNo se pudo leer el formulario. No se guardó nada; inténtelo de nuevo.",
  unstorable:
    "The form contains a character that cannot be saved (such as a NUL byte). Nothing was saved; retype the field and try again.\nEl formulario contiene un carácter que no se puede guardar. No se guardó nada; vuelva a escribir el campo e inténtelo de nuevo.",
  tooLarge:
    "The form is too large. Nothing was saved.\nEl formulario es demasiado grande. No se guardó nada.",
  unavailable:
    "Handover cannot reach its database for a moment. Please try again in a few seconds.\nHandover no puede conectar con su base de datos por un momento. Inténtelo de nuevo en unos segundos.",
  server:
    "Something went wrong on our side. Please try again.\nAlgo salió mal de nuestro lado. Inténtelo de nuevo.",
};

/** 400 for paths with NUL or control bytes, invalid UTF-8, or absurdly long segments (ids, slugs, tokens). */
export const pathGuard: RequestHandler = (req, res, next) => {
  const raw = req.originalUrl.split("?")[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return plain(res, 400, MESSAGES.badPath);
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded) || !isStorableText(decoded))
    return plain(res, 400, MESSAGES.badPath);
  if (raw.split("/").some((segment) => segment.length > MAX_SEGMENT_LENGTH))
    return plain(res, 414, MESSAGES.longPath);
  // Query strings: refuse what no page of ours produces and Postgres could not store.
  const query = req.originalUrl.slice(raw.length + 1);
  if (query) {
    const params = new URLSearchParams(query);
    for (const [k, v] of params)
      if (!isStorableText(k) || !isStorableText(v)) return plain(res, 400, MESSAGES.badPath);
  }
  next();
};

function hasUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !isStorableText(value);
  if (depth > 4 || value === null || typeof value !== "object") return false;
  const entries = Array.isArray(value) ? value : Object.entries(value).flat();
  return entries.some((v) => hasUnstorable(v, depth + 1));
}

/** For JSON endpoints: a flat object of text/number/boolean fields, nothing Postgres cannot store. */
export function jsonFieldsGuard(limit = "8kb"): RequestHandler[] {
  return [
    express.json({ limit, strict: true }),
    (req, res, next) => {
      const body: unknown = req.body;
      if (req.is("application/json")) {
        const flat =
          body !== null &&
          typeof body === "object" &&
          !Array.isArray(body) &&
          Object.values(body).every(
            (v) => v === null || ["string", "number", "boolean"].includes(typeof v),
          );
        if (!flat) return plain(res, 400, MESSAGES.badBody);
      }
      if (hasUnstorable(body)) return plain(res, 400, MESSAGES.unstorable);
      next();
    },
  ];
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Bodies sent to Remix actions: only web forms (URL-encoded or multipart with a boundary), within
 * a size limit, parseable, and free of characters Postgres cannot store — else a plain 4xx here
 * instead of a 500 inside a route. The checked body is kept on the request for the handler.
 */
export const formBodyGuard: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const type = (req.get("content-type") ?? "").toLowerCase();
  const mediaType = type.split(";")[0]!.trim();
  const length = Number(req.get("content-length") ?? "0");
  if (!FORM_TYPES.includes(mediaType)) {
    // A bodiless POST (e.g. a bare `curl -X POST`) is read as an empty form.
    if (!type && length === 0 && !req.get("transfer-encoding")) {
      (req as Guarded & { checkedBody?: Buffer }).checkedBody = Buffer.alloc(0);
      req.headers["content-type"] = "application/x-www-form-urlencoded";
      return next();
    }
    return plain(res, 415, MESSAGES.contentType);
  }
  const charset = /charset=([^;]+)/.exec(type)?.[1]?.trim().replace(/"/g, "");
  if (charset && !["utf-8", "utf8"].includes(charset)) return plain(res, 415, MESSAGES.contentType);
  const multipart = mediaType === "multipart/form-data";
  if (multipart && !/boundary=[^;]+/.test(type)) return plain(res, 400, MESSAGES.badBody);
  express.raw({ type: () => true, limit: multipart ? MULTIPART_BODY_LIMIT : FORM_BODY_LIMIT })(
    req,
    res,
    async (error?: unknown) => {
      if (error) return next(error);
      const body = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
      try {
        const form = await new Response(new Uint8Array(body), {
          headers: { "Content-Type": req.get("content-type")! },
        }).formData();
        for (const [key, value] of form.entries()) {
          if (!isStorableText(key) || (typeof value === "string" && !isStorableText(value)))
            return plain(res, 400, MESSAGES.unstorable);
        }
      } catch {
        return plain(res, 400, MESSAGES.badBody);
      }
      (req as Guarded & { checkedBody?: Buffer }).checkedBody = body;
      next();
    },
  );
};

/** Remix, fed the body formBodyGuard checked (the request stream is already read). */
export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest) => Record<string, unknown>;
}): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const host = req.get("host") ?? "localhost";
      const url = new URL(`${req.protocol}://${req.hostname}${portOf(host)}${req.originalUrl}`);
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const headers = new Headers();
      // Our own no-referrer pages post with "Origin: null" (the browser vouches Sec-Fetch-Site:
      // same-origin, checked in server.mjs); Remix would refuse the null Origin with a 500.
      const sameOriginNull =
        req.get("origin") === "null" && req.get("sec-fetch-site") === "same-origin";
      for (const [key, values] of Object.entries(req.headers)) {
        if (values === undefined || (sameOriginNull && key === "origin")) continue;
        for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
      }
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers,
        signal: controller.signal,
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const checked = (req as Guarded & { checkedBody?: Buffer }).checkedBody;
        if (checked) init.body = new Uint8Array(checked);
        else {
          init.body = createReadableStreamFromReadable(req);
          init.duplex = "half";
        }
      }
      const context = { ...getLoadContext(req), requestId: requestIdOf(req) };
      const response = await handle(new Request(url.href, init), context);
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) {
        // A route's own policy replaces the edge's default instead of adding a second one.
        if (REPLACED_HEADERS.has(key)) res.setHeader(key, value);
        else res.append(key, value);
      }
      if (response.body) {
        const reader = response.body.getReader();
        // One "drain" listener per response: compression hands listeners to its gzip stream but
        // cannot take a once() listener back, so one per full buffer would pile up on long pages.
        let resume: (() => void) | null = null;
        let listening = false;
        const drained = () =>
          new Promise<void>((r) => {
            resume = r;
            if (listening) return;
            listening = true;
            res.on("drain", () => {
              const go = resume;
              resume = null;
              go?.();
            });
          });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!res.write(value)) await drained();
        }
      }
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

const REPLACED_HEADERS = new Set([
  "content-security-policy",
  "x-frame-options",
  "cache-control",
  "referrer-policy",
  "x-content-type-options",
]);

function portOf(host: string) {
  const port = /:(\d+)$/.exec(host)?.[1];
  return port ? `:${port}` : "";
}

const BODY_ERRORS: Record<string, [number, string]> = {
  "entity.too.large": [413, MESSAGES.tooLarge],
  "entity.parse.failed": [400, MESSAGES.badBody],
  "encoding.unsupported": [415, MESSAGES.contentType],
  "charset.unsupported": [415, MESSAGES.contentType],
  "request.aborted": [400, MESSAGES.badBody],
  "request.size.invalid": [400, MESSAGES.badBody],
  "stream.encoding.set": [400, MESSAGES.badBody],
};

/** Last in the chain: client mistakes become plain 4xx; anything else is logged (id and kind only) as a 500. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next: NextFunction) => {
  const type = (error as { type?: string } | null)?.type;
  const known = type ? BODY_ERRORS[type] : undefined;
  if (res.headersSent) {
    logError(requestIdOf(req), error, `${req.method} ${routeShape(req.path)} (mid-response)`);
    res.destroy();
    return;
  }
  if (known) {
    if (known[0] === 413) {
      // Let the client finish sending (discarded) so it reads the answer instead of a reset.
      res.setHeader("Connection", "close");
      const send = () => {
        if (!res.headersSent) plain(res, known[0], known[1]);
      };
      req.once("end", send);
      setTimeout(send, 2000).unref();
      req.resume();
      return;
    }
    return plain(res, known[0], known[1]);
  }
  // The database away (a fast route's query failed): "try again shortly", never a 500.
  if (noteDatabaseError(error)) {
    console.error(`database unavailable: ${routeShape(req.path)}`);
    res.setHeader("Retry-After", "5");
    res.setHeader("Cache-Control", "no-store");
    return plain(res, 503, `${MESSAGES.unavailable}\n(${requestIdOf(req)})`);
  }
  logError(requestIdOf(req), error, `${req.method} ${routeShape(req.path)}`);
  plain(res, 500, `${MESSAGES.server}\n(${requestIdOf(req)})`);
};

/** Only the path's first segment, for logs: the rest holds ids and tokens (/confirm/… → /confirm/…). */
export function routeShape(path: string) {
  const first = path.split("/")[1] ?? "";
  return `/${/^[a-z.-]{1,30}$/.test(first) ? first : "?"}${path.split("/").length > 2 ? "/…" : ""}`;
}

/** Installs the edge: request id, headers, path checks, body checks for Remix actions. */
export function installEdge(app: Express) {
  app.use(requestId, securityHeaders, pathGuard);
}
