// Delivering an event's packet to the office by email (owners and organizers).
// URL: /dashboard/c/<slug>/deliveries/events/<eventId>/email
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge } from "~/components/delivery-status-badge";
import { issuesToErrors, OfficeField } from "~/components/office-field";
import { IllegalTransitionError } from "~/domain/deliveries/delivery-event.server";
import { getEmailDeliveryContext, NoReadyPacketError, sendPacketByEmail } from "~/domain/deliveries/office-delivery.server";
import { sendByEmailSchema } from "~/domain/offices/office-forms";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { httpError, notFound, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import deliveryMessages from "~/locales/delivery";
import { formatInZone } from "~/lib/zoned-time";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.title} — ${d.office.name} — Handover` : "Handover" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const eventId = parseId(params.eventId);
  const ctx = await orHttp(getEmailDeliveryContext({ actor, eventId }));
  if (!ctx || ctx.campaignId !== campaign.id) throw notFound("No such event in this campaign");
  const when = (d: Date) => formatInZone(d, ctx.event.timeZone, locale, { weekday: undefined });
  return {
    locale,
    title: locale === "es" ? "Entregar por correo" : "Deliver by email",
    base: `/dashboard/c/${campaign.slug}/deliveries/events/${eventId}`,
    status: ctx.event.status,
    office: { name: ctx.office.name, city: ctx.office.city, email: ctx.office.email },
    defaultLocale: ctx.defaultLocale,
    packet: ctx.packet ? { id: ctx.packet.id, total: ctx.packet.total } : null,
    sent: ctx.sent
      ? {
          toAddress: ctx.sent.toAddress,
          sentAt: when(ctx.sent.sentAt),
          ackUsedAt: ctx.sent.ackUsedAt ? when(ctx.sent.ackUsedAt) : null,
          ackExpiresAt: when(ctx.sent.ackExpiresAt),
        }
      : null,
    canSend: ctx.canSend,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign);
  const eventId = parseId(params.eventId);
  const form = await request.formData();
  const values = {
    to: String(form.get("to") ?? ""),
    locale: String(form.get("locale") ?? "en"),
    note: String(form.get("note") ?? ""),
  };
  const parsed = sendByEmailSchema.safeParse(values);
  if (!parsed.success)
    return data(
      { errors: issuesToErrors(parsed.error.issues), values, failure: null },
      { status: 400 },
    );
  try {
    await sendPacketByEmail({ actor, eventId, input: parsed.data });
  } catch (error) {
    if (error instanceof NoReadyPacketError || error instanceof IllegalTransitionError)
      return data({ errors: {}, values, failure: "state" as const }, { status: 409 });
    return httpError(error);
  }
  return redirect(`/dashboard/c/${campaign.slug}/deliveries/events/${eventId}/email?sent=1`);
}

export default function DeliverByEmail() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT(officeMessages);
  const status = useT(deliveryMessages).status;
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <p className="small">
        <Link to={d.base}>← {t.emailBack}</Link>
      </p>
      <h2>
        {t.emailTitle}: {d.office.city}, {d.office.name}
      </h2>
      <p>
        <StatusBadge status={d.status} />
      </p>
      {d.sent ? (
        <section className="card stack" aria-labelledby="sent-heading">
          <h3 id="sent-heading">{t.emailTitle}</h3>
          <p role="status" className="notice ok">
            {t.emailSent(d.sent.toAddress, d.sent.sentAt)}
          </p>
          <p>
            {d.sent.ackUsedAt
              ? t.emailAcked(d.sent.ackUsedAt)
              : t.emailAckOpen(d.sent.ackExpiresAt)}
          </p>
        </section>
      ) : (
        <section className="card stack" aria-labelledby="send-heading">
          <h3 id="send-heading">{t.emailNav}</h3>
          <p>{t.emailIntro(d.office.name)}</p>
          {d.packet ? (
            <p>{t.emailPacket(d.packet.id, d.packet.total)}</p>
          ) : (
            <p className="notice warn">{t.emailNoPacket}</p>
          )}
          {d.packet && d.status !== "packet_ready" ? (
            <p className="notice warn">{t.emailWrongState(status[d.status])}</p>
          ) : null}
          {result?.failure === "state" ? (
            <p className="notice error" role="alert">
              {d.packet ? t.emailWrongState(status[d.status]) : t.emailNoPacket}
            </p>
          ) : null}
          {d.canSend ? (
            <Form method="post" className="stack" noValidate>
              <OfficeField id="email-to" label={t.emailTo} errors={errors?.to}>
                {(describedBy, invalid) => (
                  <input
                    id="email-to"
                    name="to"
                    type="email"
                    autoComplete="off"
                    defaultValue={result?.values.to ?? d.office.email}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                  />
                )}
              </OfficeField>
              <OfficeField id="email-locale" label={t.emailLocale} errors={errors?.locale}>
                {(describedBy) => (
                  <select
                    id="email-locale"
                    name="locale"
                    defaultValue={result?.values.locale ?? d.defaultLocale}
                    aria-describedby={describedBy}
                  >
                    <option value="en">{t.english}</option>
                    <option value="es">{t.spanish}</option>
                  </select>
                )}
              </OfficeField>
              <OfficeField id="email-note" label={t.emailNote} errors={errors?.note}>
                {(describedBy, invalid) => (
                  <textarea
                    id="email-note"
                    name="note"
                    rows={3}
                    maxLength={2000}
                    defaultValue={result?.values.note ?? ""}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                  />
                )}
              </OfficeField>
              <p>
                <button type="submit" disabled={busy}>
                  {t.emailSend}
                </button>
              </p>
            </Form>
          ) : null}
        </section>
      )}
    </div>
  );
}
