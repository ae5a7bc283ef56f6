// The petition page's loader and sign action (app/routes/p.$slug._index.tsx re-exports them).
// Kept in one server module so the page's browser build holds one empty stand-in for it, instead
// of one small shared file, each a request on a signer's slow network, per server module it uses.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { getPublicPetition } from "~/domain/petitions/public-petition.server";
import { petitionNewsForPage } from "~/domain/petitions/petition-news.server";
import { answerSignature } from "~/domain/signing/duplicate-signature.server";
import {
  formStartFrom,
  freshFormStartCookie,
  issueFormStart,
} from "~/domain/signing/form-start.server";
import { createSignSchema } from "~/domain/signing/signature";
import { SignUnavailableError } from "~/domain/signing/sign-batch.server";
import { signPetition } from "~/domain/signing/sign-petition.server";
import { clientIp } from "~/http/client-ip.server";
import { islandSrc } from "~/http/islands.server";
import { signFormOutcomeFrom } from "~/http/sign-form-door.server";
import { env } from "~/lib/env.server";
import { isLocale, resolveLocale } from "~/lib/i18n";
import { errorKind } from "~/lib/log.server";
import { normalizeSource } from "~/lib/source-code";
import signer from "~/locales/signer";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug!;
  // ?lang= → cookie → Accept-Language → the petition's own default language.
  const found = await getPublicPetition({
    slug,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found) throw new Response("Not found", { status: 404 });
  if ("redirectTo" in found) {
    const url = new URL(request.url);
    throw redirect(`/p/${found.redirectTo}${url.search}`, 301);
  }
  // Nothing personal in the data (the form-start token comes from /p/<slug>/start), so the lean
  // handler can share this render; answered by Remix itself (a signed-in visitor) it stays private.
  return data(
    {
      ...found,
      canonicalUrl: `${env().APP_URL}/p/${found.petition.slug}`,
      // Set only on a private render; the shared render's form gets it in the browser (sign-form.tsx).
      source: normalizeSource(new URL(request.url).searchParams.get("source")),
      news: await petitionNewsForPage({ petitionId: found.petition.id, locale: found.locale }),
      // The page ships this script instead of React (ADR 032).
      script: islandSrc("petition-page"),
    },
    { headers: { "Cache-Control": "private, no-store", Vary: "Accept-Language, Cookie" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const locale = isLocale(lang) ? lang : resolveLocale(request);
  const m = signer[locale].errors;
  const cookieHeader = request.headers.get("Cookie");
  // Without JavaScript the start token arrives as a cookie (the page's <noscript> pixel).
  formData.set("startedAt", formStartFrom(formData.get("startedAt"), cookieHeader) ?? "");
  const submission = parseWithZod(formData, { schema: createSignSchema(locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const slug = params.slug!;
  // The fast door in front of Remix may have signed already (it passes on what it could not answer).
  const decided = signFormOutcomeFrom(context, slug);
  let result;
  try {
    result =
      decided ??
      (await signPetition({
        slug,
        input: submission.value,
        ip: clientIp(context),
        locale,
        zipUnknownMessage: m.zipUnknown,
      }));
  } catch (error) {
    // The log gets the kind only (never the batch); the signer keeps what they typed.
    if (!(error instanceof SignUnavailableError))
      console.error(`sign: failed (${errorKind(error)})`);
    return data({ result: submission.reply({ formErrors: [m.unavailable] }) }, { status: 503 });
  }
  switch (result.status) {
    case "signed":
    case "duplicate": {
      // The same redirect and the same Set-Cookie shape for a fresh and a duplicate signature.
      const answer = answerSignature({ slug, locale, result, cookieHeader });
      return redirect(answer.thanksUrl, { headers: { "Set-Cookie": answer.setCookie } });
    }
    case "ignored":
      return redirect(`/p/${slug}/thanks?lang=${locale}`);
    case "not_found":
      throw new Response("Not found", { status: 404 });
    case "invalid":
      return data(
        { result: submission.reply({ fieldErrors: result.fieldErrors }) },
        { status: 400 },
      );
    case "too_fast":
      // No usable token at all (the pixel was blocked): start the clock now for the next press.
      return data(
        { result: submission.reply({ formErrors: [m.tooFast] }) },
        { status: 400, headers: { "Set-Cookie": issueFormStart(cookieHeader).setCookie } },
      );
    case "expired_form":
      return data(
        { result: submission.reply({ formErrors: [m.formExpired] }) },
        { status: 400, headers: { "Set-Cookie": freshFormStartCookie() } },
      );
    case "rate_limited":
      return data({ result: submission.reply({ formErrors: [m.rateLimited] }) }, { status: 429 });
    case "closed":
      return data({ result: submission.reply({ formErrors: [m.closed] }) }, { status: 409 });
  }
}
