// The confirmation link's page and its button, off the framework's per-request cost: a signer
// crowd confirms about as fast as it signs (issue: ≥ 1,500 pages/s, ≥ 1,000 confirmations/s).
// The page differs between signers only by the token in its form's address, so one render per
// petition, state and language is shared and the token is written into a copy of it. The render
// itself goes through the Remix route with the link's lookup already made (no token, nothing
// personal), so the route stays the one source of the markup. See ADR 012.
import zlib from "node:zlib";
import type { Express, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { confirmSignature, lookupConfirmation } from "~/domain/signing/confirm-signature.server";
import { confirmAnswerUrl } from "~/domain/signing/confirm-answer";
import { env } from "~/lib/env.server";
import { explicitLocale, isLocale, langCookie } from "~/lib/i18n";
import { SESSION_COOKIE } from "./session.server";
import { createSharedRenderCache } from "./shared-render.server";
import { formBodyGuard } from "./http-guard.server";
import { expressAsFetchRequest } from "./express-request.server";

// Tokens are randomToken() output; anything else is left to the route (it answers "invalid").
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
// Stands in for the signer's token in the shared render; it matches TOKEN so the route accepts it.
const PLACEHOLDER = "sharedRenderTokenPlaceholder0000";

export function registerConfirmPage(app: Express, build: ServerBuild) {
  const handle = createRequestHandler(build, "production");
  const render = (key: string) => {
    const [, petitionId, state, done, locale, signatureLocale] = key.split("|");
    const query = new URLSearchParams({ lang: locale! });
    if (done === "1") query.set("done", "1");
    return handle(new Request(`${env().APP_URL}/confirm/${PLACEHOLDER}?${query}`), {
      clientIp: "shared-render",
      confirmLookup: {
        state,
        petitionId: petitionId === "0" ? null : Number(petitionId),
        signatureLocale: isLocale(signatureLocale) ? signatureLocale : null,
      },
    });
  };
  const pages = createSharedRenderCache({ render });
  // "Thank you — you are one of N": never older than a second, so a signer on a quiet petition
  // sees a count that includes them (a crowd shares one render a second).
  const answers = createSharedRenderCache({ render, freshMs: 1_000, staleMs: 1_000 });

  app.get("/confirm/:token", async (req, res, next) => {
    const token = req.params.token!;
    if (!TOKEN.test(token) || (req.get("cookie") ?? "").includes(`${SESSION_COOKIE}=`))
      return next();
    try {
      const found = await lookupConfirmation({ token });
      const chosen = explicitLocale(expressAsFetchRequest(req));
      const locale = chosen ?? found.signatureLocale ?? "en";
      const done = req.query.done === "1" && found.state === "verified" ? "1" : "0";
      const page = await (done === "1" ? answers : pages).get(
        [
          "confirm",
          found.petitionId ?? 0,
          found.state,
          done,
          locale,
          found.signatureLocale ?? "-",
        ].join("|"),
      );
      if (!page) return next();
      const body = Buffer.from(page.body.toString("utf8").replaceAll(PLACEHOLDER, token));
      sendPrivate(req, res, { body, contentType: page.contentType, csp: page.csp });
    } catch (error) {
      next(error);
    }
  });

  // The button: a plain form post (its page's <Form reloadDocument>), answered with a redirect to
  // the page, which then says "thank you" with the count. Cross-site posts were refused earlier
  // (server.mjs); a page with JavaScript off posts exactly the same.
  app.post("/confirm/:token", formBodyGuard, async (req, res, next) => {
    const token = req.params.token!;
    if (!TOKEN.test(token)) return next();
    try {
      const checked = (req as ExpressRequest & { checkedBody?: Buffer }).checkedBody;
      const lang = urlencodedField(req, checked, "lang");
      const result = await confirmSignature({ token });
      res.set("Cache-Control", "private, no-store");
      res.set("Referrer-Policy", "no-referrer");
      res.redirect(303, confirmAnswerUrl({ token, result, lang }));
    } catch (error) {
      next(error);
    }
  });
}

function urlencodedField(req: ExpressRequest, body: Buffer | undefined, name: string) {
  if (!body || !/^application\/x-www-form-urlencoded/i.test(req.get("content-type") ?? ""))
    return null;
  return new URLSearchParams(body.toString("utf8")).get(name);
}

/** A page with a signer's token in it: never stored, never sent on as a referrer. */
function sendPrivate(
  req: ExpressRequest,
  res: ExpressResponse,
  page: { body: Buffer; contentType: string; csp: string | null },
) {
  const lang = req.query.lang;
  // An explicit ?lang= is remembered, as the root loader does.
  if (isLocale(lang) && !new RegExp(`(?:^|;\\s*)lang=${lang}(?:;|$)`).test(req.get("cookie") ?? ""))
    res.append("Set-Cookie", langCookie(lang));
  res.status(200);
  res.set("Content-Type", page.contentType);
  if (page.csp) res.set("Content-Security-Policy", page.csp);
  res.set("Cache-Control", "private, no-store");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Vary", "Accept-Encoding, Cookie");
  const gzip = /\bgzip\b/.test(req.get("accept-encoding") ?? "") && page.body.length > 1024;
  if (!gzip) return void res.end(page.body);
  res.set("Content-Encoding", "gzip");
  res.end(zlib.gzipSync(page.body, { level: 4 }));
}
