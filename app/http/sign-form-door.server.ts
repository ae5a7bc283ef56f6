// The petition page's form without JavaScript (`POST /p/<slug>?index`), off the framework's
// per-request cost when it succeeds: the same schema and the same signPetition as the Remix
// action, answered with the action's own redirect and cookie. Anything that needs the form drawn
// again (a field error, a refusal, the database away) continues to the Remix action, which gets
// this door's outcome in its context instead of signing a second time. See ADR 007.
import type { Express, Request as ExpressRequest } from "express";
import type { AppLoadContext } from "@remix-run/node";
import signer from "~/locales/signer";
import { coerceSignFields, createSignSchema } from "~/domain/signing/signature";
import { signPetition, type SignResult } from "~/domain/signing/sign-petition.server";
import { answerSignature } from "~/domain/signing/duplicate-signature.server";
import { formStartFrom } from "~/domain/signing/form-start.server";
import { formBodyGuard } from "./http-guard.server";
import { isLocale, resolveLocale } from "~/lib/i18n";
import { expressAsFetchRequest } from "./express-request.server";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** What this door already decided for the request, read by the route's action (server.mjs passes it on). */
export type SignFormOutcome = { slug: string; result: SignResult };

export function signFormOutcomeOf(req: ExpressRequest): SignFormOutcome | undefined {
  return (req as ExpressRequest & { signFormOutcome?: SignFormOutcome }).signFormOutcome;
}

/** The outcome the door passed to the route's action for this petition, if any. */
export function signFormOutcomeFrom(context: AppLoadContext | undefined, slug: string) {
  const outcome = (context as { signFormOutcome?: SignFormOutcome } | undefined)?.signFormOutcome;
  return outcome && outcome.slug === slug ? outcome.result : undefined;
}

export function registerSignFormDoor(app: Express) {
  app.post("/p/:slug", formBodyGuard, async (req, res, next) => {
    const slug = req.params.slug!;
    const body = (req as ExpressRequest & { checkedBody?: Buffer }).checkedBody;
    // Only the page's own index form, sent URL-encoded; everything else is the route's to answer.
    if (
      !SLUG.test(slug) ||
      !("index" in req.query) ||
      Object.keys(req.query).length !== 1 ||
      !body ||
      !/^application\/x-www-form-urlencoded/i.test(req.get("content-type") ?? "")
    )
      return next();
    try {
      const form = new URLSearchParams(body.toString("utf8"));
      const raw: Record<string, unknown> = {};
      // A repeated field is the schema's to refuse, with its message: keep it as a list.
      for (const key of new Set(form.keys())) {
        const values = form.getAll(key);
        raw[key] = values.length === 1 ? values[0] : values;
      }
      const lang = raw.lang;
      const locale = isLocale(lang) ? lang : resolveLocale(expressAsFetchRequest(req));
      const fields = coerceSignFields(raw);
      fields.startedAt = formStartFrom(fields.startedAt, req.get("cookie"));
      const parsed = createSignSchema(locale).safeParse(fields);
      if (!parsed.success) return next();
      const result = await signPetition({
        slug,
        input: parsed.data,
        ip: req.ip ?? "unknown",
        locale,
        zipUnknownMessage: signer[locale].errors.zipUnknown,
      });
      if (result.status === "signed" || result.status === "duplicate") {
        const answer = answerSignature({ slug, locale, result, cookieHeader: req.get("cookie") });
        res.append("Set-Cookie", answer.setCookie);
        return res.redirect(302, answer.thanksUrl);
      }
      if (result.status === "ignored") return res.redirect(302, `/p/${slug}/thanks?lang=${locale}`);
      (req as ExpressRequest & { signFormOutcome?: SignFormOutcome }).signFormOutcome = {
        slug,
        result,
      };
      next();
    } catch {
      // The route's action tries once more and, if the database is still away, keeps what the
      // signer typed beside its message.
      next();
    }
  });
}
