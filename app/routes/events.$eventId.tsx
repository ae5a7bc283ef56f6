// The public page of one delivery event, with the RSVP form. Bilingual; works without JavaScript.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RSVP_ROLES } from "#db/schema/states";
import { StatusBadge } from "~/components/delivery-status-badge";
import { FieldShell, useErrorText } from "~/components/delivery-field";
import { rsvpSchema } from "~/domain/deliveries/delivery-forms";
import { getPublicDeliveryOutcome } from "~/domain/deliveries/delivery-outcome.server";
import { getPublicEvent } from "~/domain/deliveries/rsvp-event.server";
import { requestRsvp, RsvpClosedError } from "~/domain/deliveries/rsvp.server";
import { clientIp } from "~/http/client-ip.server";
import { notFound } from "~/http/errors.server";
import { plural, resolveLocale, useT, withLang } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import privacyMessages from "~/locales/privacy";
import { formatInZone } from "~/lib/zoned-time";
import styles from "~/styles/delivery.css";
import { int4Id } from "~/lib/params";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        {
          title: `${
            data.outcome
              ? data.locale === "es"
                ? "Entregada en"
                : "Delivered in"
              : data.locale === "es"
                ? "Entrega en"
                : "Delivery in"
          } ${data.event.office.city} — Handover`,
        },
      ]
    : [{ title: "Handover" }];

function eventIdFrom(params: { eventId?: string }) {
  const id = int4Id(params.eventId);
  if (id === null) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const event = await getPublicEvent({ eventId: eventIdFrom(params) });
  if (!event || event.status === "cancelled") throw notFound("No such delivery");
  const locale = resolveLocale(request, event.petition.defaultLocale);
  const outcome = new URL(request.url).searchParams.get("rsvp");
  return {
    locale,
    event,
    outcome: await getPublicDeliveryOutcome({ eventId: event.id }),
    rsvpOutcome:
      outcome === "going" || outcome === "waitlisted" || outcome === "check" ? outcome : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const eventId = eventIdFrom(params);
  const event = await getPublicEvent({ eventId });
  if (!event) throw notFound();
  const locale = resolveLocale(request, event.petition.defaultLocale);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: rsvpSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    // The same answer for a new and an already-registered address: "check your email".
    const result = await requestRsvp({
      eventId,
      input: submission.value,
      locale,
      ip: clientIp(context),
    });
    if (result.status === "limited") return submission.reply({ formErrors: ["limited"] });
    return redirect(`/events/${eventId}?lang=${locale}&rsvp=check#rsvp`);
  } catch (error) {
    if (error instanceof RsvpClosedError) return submission.reply({ formErrors: ["closed"] });
    throw error;
  }
}

export default function EventPage() {
  const { event, locale, rsvpOutcome: outcome, outcome: done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  const p = useT(privacyMessages);
  const errorText = useErrorText();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rsvpSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const title = event.petition.titles[locale] ?? Object.values(event.petition.titles)[0] ?? "";
  const when = formatInZone(event.startsAt, event.timeZone, locale, {
    weekday: "long",
    month: "long",
    year: "numeric",
  });
  const until = formatInZone(event.endsAt, event.timeZone, locale, {
    weekday: undefined,
    month: undefined,
    day: undefined,
  });
  const description =
    locale === "es"
      ? event.descriptionEs || event.description
      : event.description || event.descriptionEs;
  const full = event.capacity != null && event.going >= event.capacity;
  const address = [
    event.office.addressLine1,
    event.office.addressLine2,
    `${event.office.city}${event.office.region ? `, ${event.office.region}` : ""} ${event.office.postalCode}`.trim(),
  ].filter(Boolean);

  if (done) return <DeliveredEvent event={event} outcome={done} title={title} />;

  return (
    <article className="stack event-page">
      <header>
        <p>
          <StatusBadge status={event.status} />
        </p>
        <h1>{t.eventTitle(event.office.city)}</h1>
        <p className="muted">{t.eventLead(event.office.name, title)}</p>
      </header>

      <section className="card">
        <dl className="event-facts">
          <dt>{t.when}</dt>
          <dd>
            {when} – {until}
            <span className="hint small muted" style={{ display: "block" }}>
              {t.localTimeNote(event.timeZone)}
            </span>
          </dd>
          <dt>{t.where}</dt>
          <dd>
            {event.office.name}
            {event.office.decisionMaker
              ? ` — ${event.office.decisionMaker}${event.office.decisionMakerTitle ? `, ${event.office.decisionMakerTitle}` : ""}`
              : ""}
            {address.map((line) => (
              <span key={line} style={{ display: "block" }}>
                {line}
              </span>
            ))}
          </dd>
          <dt>{t.meetingPoint}</dt>
          <dd>{event.meetingPoint ?? t.meetingPointPrivate}</dd>
        </dl>
        {description ? <p>{description}</p> : null}
        <p className="small">
          <a href={`/events/${event.id}/ics?lang=${locale}`} download>
            {t.addToCalendar}
          </a>{" "}
          · <Link to={withLang(`/p/${event.petition.slug}`, locale)}>{t.backToPetition}</Link>
        </p>
      </section>

      <section className="card" id="rsvp" aria-labelledby="rsvp-heading">
        <h2 id="rsvp-heading">{t.rsvpHeading}</h2>
        <p>{t.places(event.going, event.capacity)}</p>
        {outcome ? (
          <div className={`notice ${outcome === "going" ? "ok" : "info"}`} role="status">
            {outcome === "going"
              ? t.rsvpGoing
              : outcome === "waitlisted"
                ? t.rsvpWaitlisted
                : p.rsvpCheckEmail}
          </div>
        ) : null}
        {outcome ? null : !event.open ? (
          <p className="notice info">
            {event.status === "delivered" || event.status === "acknowledged"
              ? t.delivered(formatInZone(event.startsAt, event.timeZone, locale))
              : t.closed}
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} action={`/events/${event.id}?lang=${locale}`}>
            {full ? <p className="notice warn">{t.full}</p> : null}
            {form.errors?.length ? (
              <p className="notice error" id={form.errorId}>
                {errorText(form.errors)}
              </p>
            ) : null}
            <FieldShell id={fields.name.id} label={t.name} errors={fields.name.errors}>
              {(describedBy, invalid) => (
                <input
                  {...getInputProps(fields.name, { type: "text" })}
                  key={fields.name.key}
                  autoComplete="name"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                />
              )}
            </FieldShell>
            <FieldShell id={fields.email.id} label={t.email} errors={fields.email.errors}>
              {(describedBy, invalid) => (
                <input
                  {...getInputProps(fields.email, { type: "email" })}
                  key={fields.email.key}
                  autoComplete="email"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                />
              )}
            </FieldShell>
            <FieldShell
              id={fields.phone.id}
              label={t.phone}
              hint={p.phoneHint}
              errors={fields.phone.errors}
            >
              {(describedBy, invalid) => (
                <input
                  {...getInputProps(fields.phone, { type: "tel" })}
                  key={fields.phone.key}
                  autoComplete="tel"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                />
              )}
            </FieldShell>
            <div className="field">
              <label className="checkbox">
                <input
                  {...getInputProps(fields.shareContact, { type: "checkbox" })}
                  key={fields.shareContact.key}
                />
                {p.shareContact(event.office.city)}
              </label>
            </div>
            <FieldShell id={fields.role.id} label={t.role} errors={fields.role.errors}>
              {(describedBy, invalid) => (
                <select
                  {...getSelectProps(fields.role)}
                  key={fields.role.key}
                  defaultValue={fields.role.initialValue ?? "attend"}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                >
                  {RSVP_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t.roles[role]}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <p className="small muted">{p.rsvpWhoSees(event.office.city)}</p>
            <button type="submit">{t.rsvpButton}</button>
          </Form>
        )}
      </section>
    </article>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The page once the packet was handed over: past tense, the reported time, who, how many, what they said. */
function DeliveredEvent({
  event,
  outcome,
  title,
}: {
  event: LoaderData["event"];
  outcome: NonNullable<LoaderData["outcome"]>;
  title: string;
}) {
  const t = useT(deliveryMessages);
  const { locale } = useLoaderData<typeof loader>();
  const at = outcome.deliveredAt ?? event.startsAt;
  const receivedBy = [outcome.receivedByName, outcome.receivedByTitle].filter(Boolean).join(", ");
  return (
    <article className="stack event-page delivered">
      <header>
        <p>
          <StatusBadge status={event.status} />
        </p>
        <h1>{t.eventTitleDone(event.office.city)}</h1>
        <p className="muted">{t.eventLeadDone(event.office.name, title)}</p>
      </header>
      <section className="card">
        <dl className="event-facts">
          <dt>{t.deliveredWhen}</dt>
          <dd data-testid="delivered-at">
            {formatInZone(at, event.timeZone, locale, {
              weekday: "long",
              month: "long",
              year: "numeric",
            })}
            <span className="hint small muted" style={{ display: "block" }}>
              {t.localTimeNote(event.timeZone)}
            </span>
          </dd>
          <dt>{t.where}</dt>
          <dd>
            {event.office.name}
            {event.office.decisionMaker
              ? ` — ${event.office.decisionMaker}${event.office.decisionMakerTitle ? `, ${event.office.decisionMakerTitle}` : ""}`
              : ""}
            <span style={{ display: "block" }}>
              {event.office.city}
              {event.office.region ? `, ${event.office.region}` : ""}
            </span>
          </dd>
          {receivedBy ? (
            <>
              <dt>{t.receivedBy}</dt>
              <dd>{receivedBy}</dd>
            </>
          ) : null}
          {outcome.signaturesHandedOver != null ? (
            <>
              <dt>{t.handedOver}</dt>
              <dd data-testid="handed-over">
                {plural(locale, outcome.signaturesHandedOver, t.signatureCount)}
              </dd>
            </>
          ) : null}
        </dl>
        <p className="small">
          <Link to={withLang(`/p/${event.petition.slug}`, locale)}>{t.backToPetition}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="response-heading">
        <h2 id="response-heading">{t.officeResponseTitle}</h2>
        {outcome.acknowledgement ? (
          <>
            <p>
              <strong>{t.publicAckKinds[outcome.acknowledgement.kind]}</strong>
            </p>
            {outcome.acknowledgement.note ? <p>{outcome.acknowledgement.note}</p> : null}
          </>
        ) : (
          <p>{t.awaitingResponse}</p>
        )}
      </section>
      {outcome.links.length ? (
        <section className="card" aria-labelledby="photos-heading">
          <h2 id="photos-heading">{t.photos}</h2>
          <ul>
            {outcome.links.map((href, i) => (
              <li key={href}>
                <a href={href} rel="noopener noreferrer nofollow ugc">
                  {t.photoLink(i + 1)}: {hostOf(href)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

function hostOf(href: string) {
  try {
    return new URL(href).hostname;
  } catch {
    return href;
  }
}
