// A petition's updates to signers and its decision makers' responses (organizers write; every
// member reads). URL: /dashboard/c/<slug>/petitions/<id>/updates
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { issuesToErrors, OfficeField } from "~/components/office-field";
import { listAnswerableEvents, listResponsesForMember, recordResponse } from "~/domain/petitions/decision-response.server";
import { responseSchema, updateSchema } from "~/domain/offices/office-forms";
import { listUpdatesForMember, nextUpdateAllowedAt, postUpdate, sendTestUpdate, UpdateTooSoonError } from "~/domain/petitions/petition-update.server";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import { formatInZone, localDate } from "~/lib/zoned-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user, locale, can } = await requireCampaignMember(
    request,
    params.campaign,
  );
  const petitionId = parseId(params.petitionId);
  const [updates, responses, events] = await Promise.all([
    orHttp(listUpdatesForMember({ actor, petitionId })),
    orHttp(listResponsesForMember({ actor, petitionId })),
    orHttp(listAnswerableEvents({ actor, petitionId })),
  ]);
  const next = await nextUpdateAllowedAt({ petitionId });
  const when = (d: Date) => formatInZone(d, user.timeZone, locale);
  return {
    locale,
    canManage: can.managePetitions,
    intervalHours: campaign.updateIntervalHours,
    nextAllowed: next ? when(next) : null,
    today: localDate(new Date(), user.timeZone),
    updates: updates.map((u) => ({
      id: u.id,
      title: locale === "es" ? u.titleEs : u.titleEn,
      postedAt: when(u.postedAt),
    })),
    responses: responses.map((r) => ({
      id: r.id,
      who: [r.authorName, r.authorTitle].filter(Boolean).join(", "),
      office: r.officeName ? `${r.officeName}, ${r.city}` : "",
      body: r.body,
      source: r.source,
      respondedAt: formatInZone(r.respondedAt, user.timeZone, locale, {
        weekday: undefined,
        hour: undefined,
        minute: undefined,
        timeZoneName: undefined,
      }),
    })),
    events: events.map((e) => ({
      id: e.id,
      label: `${e.city}: ${e.officeName}`,
      decisionMaker: [e.decisionMaker, e.decisionMakerTitle].filter(Boolean).join(", "),
    })),
  };
}

type Values = Record<string, string>;
const read = (form: FormData, keys: string[]): Values =>
  Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, user, locale } = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const base = `/dashboard/c/${campaign.slug}/petitions/${petitionId}/updates`;
  if (intent === "response") {
    const values = read(form, ["eventId", "authorName", "authorTitle", "body", "respondedOn"]);
    const parsed = responseSchema.safeParse(values);
    if (!parsed.success)
      return data(
        {
          intent,
          errors: issuesToErrors(parsed.error.issues),
          values,
          notice: null,
          preview: null,
        },
        { status: 400 },
      );
    await orHttp(recordResponse({ actor, petitionId, input: parsed.data }));
    return redirect(`${base}?recorded=1#responses-admin`);
  }
  const values = read(form, ["titleEn", "bodyEn", "titleEs", "bodyEs"]);
  const parsed = updateSchema.safeParse(values);
  if (!parsed.success)
    return data(
      { intent, errors: issuesToErrors(parsed.error.issues), values, notice: null, preview: null },
      { status: 400 },
    );
  if (intent === "preview")
    return { intent, errors: {}, values, notice: null, preview: parsed.data };
  if (intent === "test") {
    const { to } = await orHttp(sendTestUpdate({ actor, petitionId, input: parsed.data }));
    return {
      intent,
      errors: {},
      values,
      notice: { kind: "test" as const, to },
      preview: parsed.data,
    };
  }
  try {
    await postUpdate({ actor, petitionId, input: parsed.data });
  } catch (error) {
    if (error instanceof UpdateTooSoonError) {
      const when = (d: Date) => formatInZone(d, user.timeZone, locale);
      return data(
        {
          intent,
          errors: {},
          values,
          preview: null,
          notice: {
            kind: "tooSoon" as const,
            last: when(error.lastPostedAt),
            next: when(error.nextAllowedAt),
            hours: error.intervalHours,
          },
        },
        { status: 429 },
      );
    }
    return httpError(error);
  }
  return redirect(`${base}?posted=1`);
}

export default function PetitionUpdates() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT(officeMessages);
  const busy = useNavigation().state === "submitting";
  const isResponse = result?.intent === "response";
  const errors = (result?.errors ?? {}) as Record<string, string[]>;
  const v = (result?.values ?? {}) as Values;
  const notice = result?.notice;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="updates-heading">
        <h3 id="updates-heading">{t.updatesHeading}</h3>
        <p>{t.updatesIntro(d.intervalHours)}</p>
        {params.get("posted") ? (
          <p className="notice ok" role="status">
            {t.posted}
          </p>
        ) : null}
        {notice?.kind === "tooSoon" ? (
          <p className="notice error" role="alert">
            {t.tooSoon(notice.last, notice.next, notice.hours)}
          </p>
        ) : notice?.kind === "test" ? (
          <p className="notice ok" role="status">
            {t.testSent(notice.to)}
          </p>
        ) : null}
        {d.nextAllowed && notice?.kind !== "tooSoon" ? (
          <p className="small muted">{t.nextAllowed(d.nextAllowed)}</p>
        ) : null}
        {d.canManage ? (
          <Form method="post" className="stack" noValidate>
            <div className="grid grid-2">
              {(["En", "Es"] as const).map((l) => (
                <div key={l} className="stack" lang={l === "En" ? "en" : "es"}>
                  <OfficeField
                    id={`title${l}`}
                    label={l === "En" ? t.titleEn : t.titleEs}
                    errors={isResponse ? null : errors[`title${l}`]}
                  >
                    {(describedBy, invalid) => (
                      <input
                        id={`title${l}`}
                        name={`title${l}`}
                        maxLength={200}
                        defaultValue={isResponse ? "" : (v[`title${l}`] ?? "")}
                        aria-describedby={describedBy}
                        aria-invalid={invalid || undefined}
                      />
                    )}
                  </OfficeField>
                  <OfficeField
                    id={`body${l}`}
                    label={l === "En" ? t.bodyEn : t.bodyEs}
                    errors={isResponse ? null : errors[`body${l}`]}
                  >
                    {(describedBy, invalid) => (
                      <textarea
                        id={`body${l}`}
                        name={`body${l}`}
                        rows={6}
                        defaultValue={isResponse ? "" : (v[`body${l}`] ?? "")}
                        aria-describedby={describedBy}
                        aria-invalid={invalid || undefined}
                      />
                    )}
                  </OfficeField>
                </div>
              ))}
            </div>
            <p className="page-actions">
              <button
                type="submit"
                name="intent"
                value="preview"
                className="secondary"
                disabled={busy}
              >
                {t.preview}
              </button>
              <button
                type="submit"
                name="intent"
                value="test"
                className="secondary"
                disabled={busy}
              >
                {t.sendTest}
              </button>
              <button type="submit" name="intent" value="post" disabled={busy}>
                {t.post}
              </button>
            </p>
          </Form>
        ) : null}
        {result?.preview ? (
          <section aria-labelledby="update-preview" className="preview-langs">
            <h4 id="update-preview" className="visually-hidden">
              {t.previewHeading}
            </h4>
            <article className="preview" lang="en">
              <p className="small muted">{t.english}</p>
              <h4>{result.preview.titleEn}</h4>
              <p style={{ whiteSpace: "pre-line" }}>{result.preview.bodyEn}</p>
            </article>
            <article className="preview" lang="es">
              <p className="small muted">{t.spanish}</p>
              <h4>{result.preview.titleEs}</h4>
              <p style={{ whiteSpace: "pre-line" }}>{result.preview.bodyEs}</p>
            </article>
          </section>
        ) : null}
        <h4>{t.pastUpdates}</h4>
        {d.updates.length ? (
          <ul>
            {d.updates.map((u) => (
              <li key={u.id}>
                <strong>{u.title}</strong> — {u.postedAt}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.noUpdates}</p>
        )}
      </section>

      <section className="card stack" id="responses-admin" aria-labelledby="responses-heading">
        <h3 id="responses-heading">{t.responsesHeading}</h3>
        {params.get("recorded") ? (
          <p className="notice ok" role="status">
            {t.responseRecorded}
          </p>
        ) : null}
        {d.responses.length ? (
          <ul className="stack">
            {d.responses.map((r) => (
              <li key={r.id}>
                <strong>{r.who || r.office}</strong> ({r.respondedAt}
                {r.office ? `, ${r.office}` : ""},{" "}
                {r.source === "office" ? t.fromOffice : t.fromOrganizer}):{" "}
                <span style={{ whiteSpace: "pre-line" }}>{r.body}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.noResponses}</p>
        )}
        {d.canManage ? (
          d.events.length ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="response" />
              <p>{t.responsesIntro}</p>
              <OfficeField
                id="response-event"
                label={t.responseEvent}
                errors={isResponse ? errors.eventId : null}
              >
                {(describedBy) => (
                  <select
                    id="response-event"
                    name="eventId"
                    defaultValue={isResponse ? v.eventId : undefined}
                    aria-describedby={describedBy}
                  >
                    {d.events.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.label}
                      </option>
                    ))}
                  </select>
                )}
              </OfficeField>
              <div className="grid grid-2">
                <OfficeField
                  id="response-name"
                  label={t.authorName}
                  errors={isResponse ? errors.authorName : null}
                >
                  {(describedBy, invalid) => (
                    <input
                      id="response-name"
                      name="authorName"
                      maxLength={200}
                      defaultValue={isResponse ? v.authorName : ""}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                    />
                  )}
                </OfficeField>
                <OfficeField
                  id="response-title"
                  label={t.authorTitle}
                  errors={isResponse ? errors.authorTitle : null}
                >
                  {(describedBy, invalid) => (
                    <input
                      id="response-title"
                      name="authorTitle"
                      maxLength={200}
                      defaultValue={isResponse ? v.authorTitle : ""}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                    />
                  )}
                </OfficeField>
              </div>
              <OfficeField
                id="response-body"
                label={t.responseBody}
                errors={isResponse ? errors.body : null}
              >
                {(describedBy, invalid) => (
                  <textarea
                    id="response-body"
                    name="body"
                    rows={5}
                    defaultValue={isResponse ? v.body : ""}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                  />
                )}
              </OfficeField>
              <OfficeField
                id="response-date"
                label={t.respondedOnLabel}
                errors={isResponse ? errors.respondedOn : null}
              >
                {(describedBy, invalid) => (
                  <input
                    id="response-date"
                    name="respondedOn"
                    type="date"
                    defaultValue={isResponse ? v.respondedOn : d.today}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                  />
                )}
              </OfficeField>
              <p>
                <button type="submit" disabled={busy}>
                  {t.recordResponse}
                </button>
              </p>
            </Form>
          ) : (
            <p className="muted">{t.noDeliveries}</p>
          )
        ) : null}
      </section>
    </div>
  );
}
