// Plain Express handlers mounted before Remix, for the few hot paths where the framework's
// per-request cost matters (docs/decisions/007-sign-path.md). Each takes the express app.
import express, { type Express } from "express";
import signer from "~/locales/signer";
import { coerceSignFields, createSignSchema } from "~/models/signature";
import { signPetition, unsubscribeSignature } from "~/models/signature.server";
import { answerDuplicate, signedHereCookie } from "~/models/duplicate-signature.server";
import { isLocale } from "./i18n";
import { registerApiRoutes } from "~/api/osdi-router.server";

const STATUS_CODES: Record<string, number> = {
  signed: 201,
  duplicate: 200,
  ignored: 201,
  invalid: 400,
  too_fast: 400,
  rate_limited: 429,
  closed: 409,
  not_found: 404,
};

export function registerFastRoutes(app: Express) {
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

  // The sign endpoint for the embed widget, apps and the benchmark: the same schema and the same
  // signPetition as the page's form, without rendering a React document per request.
  app.post(
    "/api/sign/:slug",
    express.json({ limit: "8kb" }),
    express.urlencoded({ extended: false, limit: "8kb" }),
    async (req, res) => {
      try {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const locale = isLocale(body.lang) ? body.lang : "en";
        const parsed = createSignSchema(locale).safeParse(coerceSignFields(body));
        if (!parsed.success) {
          const fieldErrors: Record<string, string[]> = {};
          for (const issue of parsed.error.issues)
            (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
          res.status(400).json({ status: "invalid", fieldErrors });
          return;
        }
        const result = await signPetition({
          slug: req.params.slug!,
          input: parsed.data,
          ip: req.ip ?? "unknown",
          locale,
          zipUnknownMessage: signer[locale].errors.zipUnknown,
        });
        const m = signer[locale].errors;
        const message =
          result.status === "too_fast"
            ? m.tooFast
            : result.status === "rate_limited"
              ? m.rateLimited
              : result.status === "closed"
                ? m.closed
                : undefined;
        let status: string = result.status;
        let thanksUrl: string | undefined;
        if (result.status === "signed") {
          res.append("Set-Cookie", signedHereCookie(req.params.slug!, result.ref));
          thanksUrl = `/p/${req.params.slug}/thanks?ref=${encodeURIComponent(result.ref)}&lang=${locale}`;
        } else if (result.status === "duplicate") {
          // Only the browser that signed learns "already signed"; anyone else gets the same answer
          // as a new signature, and the mailbox's owner is told by email.
          const { reveal } = await answerDuplicate({
            slug: req.params.slug!,
            ref: result.ref,
            cookieHeader: req.get("cookie"),
          });
          if (reveal)
            thanksUrl = `/p/${req.params.slug}/thanks?ref=${encodeURIComponent(result.ref)}&lang=${locale}&already=1`;
          else {
            status = "signed";
            thanksUrl = `/p/${req.params.slug}/thanks?lang=${locale}`;
          }
        }
        res.status(STATUS_CODES[status] ?? 200).json({
          status,
          ...(result.status === "invalid" ? { fieldErrors: result.fieldErrors } : {}),
          ...(message ? { message } : {}),
          ...(thanksUrl ? { thanksUrl } : {}),
        });
      } catch (error) {
        console.error("sign:", (error as Error).message);
        res.status(503).json({ status: "error" });
      }
    },
  );
}
