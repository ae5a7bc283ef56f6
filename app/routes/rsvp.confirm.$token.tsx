// The link in the "confirm your RSVP" email. GET shows a button; POST confirms and gives the place
// (a mail scanner or link preview fetching the URL must not take a seat for anyone).
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { confirmRsvp, getRsvpToConfirm } from "~/domain/deliveries/rsvp.server";
import { resolveLocale, useT } from "~/lib/i18n";
import privacyMessages from "~/locales/privacy";
import { formatInZone } from "~/lib/zoned-time";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const meta: MetaFunction = () => [
  { title: "RSVP — Handover" },
  { name: "robots", content: "noindex" },
];

// The token is in the URL: never send it on to another site.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getRsvpToConfirm(params.token ?? "");
  const locale = resolveLocale(request, found?.locale ?? "en");
  if (!found || found.status !== "unconfirmed") return { locale, found: null };
  return {
    locale,
    found: {
      officeName: found.officeName,
      when: formatInZone(found.startsAt, found.timeZone, locale),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmRsvp({ token: params.token ?? "" });
  const locale = resolveLocale(request);
  if (result.status === "going" || result.status === "waitlisted")
    return redirect(`/events/${result.eventId}?lang=${locale}&rsvp=${result.status}#rsvp`);
  return { status: result.status };
}

export default function ConfirmRsvp() {
  const { found } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT(privacyMessages);
  if (result?.status === "closed") {
    return (
      <section className="card stack">
        <h1>{t.confirmTitle}</h1>
        <p className="notice warn">{t.confirmClosed}</p>
      </section>
    );
  }
  if (!found || result?.status === "invalid") {
    return (
      <section className="card stack">
        <h1>{t.confirmTitle}</h1>
        <p className="notice warn">{t.confirmUnknown}</p>
      </section>
    );
  }
  return (
    <section className="card stack">
      <h1>{t.confirmTitle}</h1>
      <p>{t.confirmBody(found.officeName, found.when)}</p>
      <Form method="post">
        <button type="submit">{t.confirmButton}</button>
      </Form>
    </section>
  );
}
