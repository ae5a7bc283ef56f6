// Plain Express handlers mounted before Remix, for the few hot paths where the framework's
// per-request cost matters (docs/decisions/007-sign-path.md, 012-cached-petition-page.md).
import express, { type Express, type Request as ExpressRequest } from "express";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import signer from "~/locales/signer";
import { coerceSignFields, createSignSchema } from "~/domain/signing/signature";
import { SignUnavailableError } from "~/domain/signing/sign-batch.server";
import { signPetition } from "~/domain/signing/sign-petition.server";
import { unsubscribeSignature } from "~/domain/signing/unsubscribe.server";
import { answerSignature } from "~/domain/signing/duplicate-signature.server";
import {
  formStartFrom,
  freshFormStartCookie,
  issueFormStart,
} from "~/domain/signing/form-start.server";
import { env } from "~/lib/env.server";
import { isLocale, langCookie, requestedLocale } from "~/lib/i18n";
import { SESSION_COOKIE } from "./session.server";
import { createSharedRenderCache, type SharedPage } from "./shared-render.server";
import { registerApiRoutes } from "~/api/osdi-router.server";
import { errorKind } from "~/lib/log.server";
import { expressAsFetchRequest } from "./express-request.server";
import { registerConfirmPage } from "./confirm-page.server";
import { registerSignFormDoor } from "./sign-form-door.server";
import { liveCountAnswer } from "./live-count.server";

const STATUS_CODES: Record<string, number> = {
  signed: 201,
  ignored: 201,
  invalid: 400,
  too_fast: 400,
  expired_form: 400,
  rate_limited: 429,
  closed: 409,
  not_found: 404,
};

// Slugs are lower-case words and dashes; anything else (".data" requests, odd bytes) goes to Remix.
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

// A 1×1 transparent GIF: the <noscript> image that gives a signer without JavaScript a start token.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The sign path's answer when the database refused: a kind and nothing else in the log. */
function signFailed(error: unknown) {
  const kind = error instanceof SignUnavailableError ? error.kind : errorKind(error);
  if (!(error instanceof SignUnavailableError)) console.error(`sign: failed (${kind})`);
}

export function registerFastRoutes(app: Express, options: { build?: ServerBuild } = {}) {
  registerApiRoutes(app);
  // RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" from their own
  // servers, with no (or a foreign) Origin, which Remix's action guard would refuse. Our own page's
  // button (a same-origin form) continues to the Remix route, which shows the result.
  app.post("/unsubscribe/:token", (req, res, next) => {
    if (req.get("sec-fetch-site") === "same-origin") return next();
    express.urlencoded({ extended: false, limit: "1kb" })(req, res, async (error?: unknown) => {
      if (error) return next(error);
      try {
        const ok = await unsubscribeSignature({ token: req.params.token! });
        res
          .status(ok ? 200 : 404)
          .type("text/plain")
          .send(ok ? "Unsubscribed." : "Unknown unsubscribe link.");
      } catch (err) {
        next(err);
      }
    });
  });

  // The sign endpoint for the page's own form (with JavaScript), the embed widget, apps and the
  // benchmark: the same schema and the same signPetition as the Remix action, without rendering a
  // React document per request. Fresh and duplicate signatures get the same answer (ADR 011).
  app.post(
    "/api/sign/:slug",
    express.json({ limit: "8kb" }),
    express.urlencoded({ extended: false, limit: "8kb" }),
    async (req, res) => {
      try {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const locale = isLocale(body.lang) ? body.lang : "en";
        const m = signer[locale].errors;
        const fields = coerceSignFields(body);
        fields.startedAt = formStartFrom(fields.startedAt, req.get("cookie"));
        const parsed = createSignSchema(locale).safeParse(fields);
        if (!parsed.success) {
          const fieldErrors: Record<string, string[]> = {};
          for (const issue of parsed.error.issues)
            (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
          res.status(400).json({ status: "invalid", fieldErrors });
          return;
        }
        const slug = req.params.slug!;
        const result = await signPetition({
          slug,
          input: parsed.data,
          ip: req.ip ?? "unknown",
          locale,
          zipUnknownMessage: m.zipUnknown,
        });
        if (result.status === "signed" || result.status === "duplicate") {
          const answer = answerSignature({ slug, locale, result, cookieHeader: req.get("cookie") });
          res.append("Set-Cookie", answer.setCookie);
          res.status(201).json({ status: "signed", thanksUrl: answer.thanksUrl });
          return;
        }
        if (result.status === "expired_form") res.append("Set-Cookie", freshFormStartCookie());
        // No usable token at all (the pixel was blocked): start the clock now for the next press.
        if (result.status === "too_fast")
          res.append("Set-Cookie", issueFormStart(req.get("cookie")).setCookie);
        const message =
          result.status === "too_fast"
            ? m.tooFast
            : result.status === "expired_form"
              ? m.formExpired
              : result.status === "rate_limited"
                ? m.rateLimited
                : result.status === "closed"
                  ? m.closed
                  : undefined;
        res.status(STATUS_CODES[result.status] ?? 200).json({
          status: result.status,
          ...(result.status === "invalid" ? { fieldErrors: result.fieldErrors } : {}),
          ...(message ? { message } : {}),
          ...(result.status === "ignored" ? { thanksUrl: `/p/${slug}/thanks?lang=${locale}` } : {}),
        });
      } catch (error) {
        signFailed(error);
        const locale = isLocale((req.body as { lang?: unknown } | undefined)?.lang)
          ? (req.body as { lang: "en" | "es" }).lang
          : "en";
        res.status(503).json({ status: "error", message: signer[locale].errors.unavailable });
      }
    },
  );

  // The signer's own form-start token, outside the shared page: JSON for the form's script, or a
  // pixel inside <noscript>. Either way it also lands in an HttpOnly cookie that the sign doors read.
  app.get(["/p/:slug/start", "/p/:slug/start.gif"], (req, res) => {
    const { token, setCookie } = issueFormStart(req.get("cookie"));
    res.set("Cache-Control", "private, no-store");
    res.append("Set-Cookie", setCookie);
    if (req.path.endsWith(".gif")) res.type("image/gif").send(PIXEL);
    else res.json({ startedAt: token });
  });

  // The live counter's feed: one read per second per process however many pages poll it.
  app.get("/p/:slug/count", async (req, res, next) => {
    try {
      const live = await liveCountAnswer({ slug: req.params.slug!, lang: req.query.lang });
      if (!live) return next();
      res.set("Cache-Control", "public, max-age=1").json(live);
    } catch (error) {
      next(error);
    }
  });

  if (options.build) {
    registerSignFormDoor(app);
    registerSharedPages(app, options.build);
    registerConfirmPage(app, options.build);
  }
}

/**
 * The petition page and its thanks page, served from a one-second shared render for anyone
 * without a session (an organizer's header shows their name: those go to Remix, `private`).
 */
function registerSharedPages(app: Express, build: ServerBuild) {
  const handle = createRequestHandler(build, "production");
  const cache = createSharedRenderCache({
    render: (key) => {
      const [kind, slug, locale, already] = key.split("|");
      const query = new URLSearchParams();
      if (locale !== "auto") query.set("lang", locale!);
      if (already === "1") query.set("already", "1");
      const path = `/p/${slug}${kind === "thanks" ? "/thanks" : ""}`;
      const qs = query.toString();
      // No cookies, no session, no client address: the render can hold nothing personal.
      return handle(new Request(`${env().APP_URL}${path}${qs ? `?${qs}` : ""}`), {
        clientIp: "shared-render",
      });
    },
  });

  const serve =
    (kind: "page" | "thanks") =>
    async (req: ExpressRequest, res: express.Response, next: express.NextFunction) => {
      const slug = req.params.slug!;
      const cookies = req.get("cookie") ?? "";
      if (!SLUG.test(slug) || cookies.includes(`${SESSION_COOKIE}=`) || "_data" in req.query)
        return next();
      try {
        const asked = requestedLocale(expressAsFetchRequest(req));
        const already = kind === "thanks" && req.query.already === "1" ? "1" : "0";
        const page = await cache.get(`${kind}|${slug}|${asked ?? "auto"}|${already}`);
        if (!page) return next();
        sendShared(req, res, page);
      } catch (error) {
        next(error);
      }
    };
  app.get("/p/:slug", serve("page"));
  app.get("/p/:slug/thanks", serve("thanks"));
}

function sendShared(req: ExpressRequest, res: express.Response, page: SharedPage) {
  const lang = req.query.lang;
  // An explicit ?lang= is remembered (as the root loader does); that answer is this browser's own.
  const remember =
    isLocale(lang) && !new RegExp(`(?:^|;\\s*)lang=${lang}(?:;|$)`).test(req.get("cookie") ?? "");
  res.status(page.status);
  res.set("Content-Type", page.contentType);
  // The page's nonce is shared for as long as the render is (about a second). Stored content was
  // written before the render, so it cannot carry that nonce; see ADR 012.
  if (page.csp) res.set("Content-Security-Policy", page.csp);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set("Vary", "Accept-Encoding, Accept-Language, Cookie");
  if (remember) {
    res.append("Set-Cookie", langCookie(lang));
    res.set("Cache-Control", "private, no-store");
  } else {
    // A CDN may keep it a second and serve it a second longer while it refetches.
    res.set("Cache-Control", "public, max-age=0, s-maxage=1, stale-while-revalidate=1");
    res.set("ETag", page.etag);
    if (req.get("if-none-match") === page.etag) {
      res.status(304).end();
      return;
    }
  }
  const gzip = /\bgzip\b/.test(req.get("accept-encoding") ?? "");
  if (gzip) res.set("Content-Encoding", "gzip");
  res.end(gzip ? page.gzip : page.body);
}
