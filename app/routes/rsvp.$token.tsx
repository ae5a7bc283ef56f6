// The cancel link from the RSVP emails. GET shows what will be cancelled; POST cancels
// (a link preview or a mail scanner fetching the URL must not cancel anyone).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { cancelRsvp, getRsvpByToken } from "~/domain/deliveries/rsvp-cancel.server";
import { resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { formatInZone } from "~/lib/zoned-time";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const meta: MetaFunction = () => [
  { title: "RSVP — Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getRsvpByToken(params.token ?? "");
  const locale = resolveLocale(request, found?.rsvp.locale ?? "en");
  if (!found) return { locale, found: null };
  return {
    locale,
    found: {
      officeName: found.officeName,
      when: formatInZone(found.startsAt, found.timeZone, locale),
      cancelled: found.rsvp.status === "cancelled",
      eventId: found.rsvp.eventId,
    },
  };
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await cancelRsvp({ token: params.token ?? "" });
  return { done: true, cancelled: result.cancelled };
}

export default function CancelRsvp() {
  const { found, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  if (!found) {
    return (
      <section className="card stack">
        <h1>{t.cancelTitle}</h1>
        <p className="notice warn">{t.cancelUnknown}</p>
      </section>
    );
  }
  if (result?.done || found.cancelled) {
    return (
      <section className="card stack">
        <h1>{t.cancelledTitle}</h1>
        <p role="status">{t.cancelledBody}</p>
        <p>
          <a href={`/events/${found.eventId}?lang=${locale}`}>{found.officeName}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="card stack">
      <h1>{t.cancelTitle}</h1>
      <p>{t.cancelBody(found.officeName, found.when)}</p>
      <Form method="post">
        <button type="submit" className="danger">
          {t.cancelButton}
        </button>
      </Form>
    </section>
  );
}
