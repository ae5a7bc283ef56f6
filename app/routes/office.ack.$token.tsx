// The office's acknowledgement page, opened from the delivery email. No account: the link's
// random token is the only key, it does one thing, works once and expires. GET shows the form
// (a mail scanner following the link confirms nothing); POST confirms receipt.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { issuesToErrors, OfficeField } from "~/components/office-field";
import { officeAckSchema } from "~/domain/offices/office-forms";
import {
  AckLinkError,
  acknowledgeAsOffice,
  describeAcknowledgement,
} from "~/domain/deliveries/office-ack.server";
import { explicitLocale, isLocale, useT, withLang } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import { formatInZone } from "~/lib/zoned-time";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d?.locale === "es" ? "Confirmar recepción — Handover" : "Confirm receipt — Handover" },
  { name: "robots", content: "noindex" },
  // The token is in the URL: never hand it to another site as a Referer.
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await describeAcknowledgement({
    token: params.token ?? "",
    locale: (officeLocale) => explicitLocale(request) ?? officeLocale,
  });
  const { locale } = found;
  const headers = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
  if (found.state === "unknown")
    return data({ found: null, locale, state: found.state }, { headers });
  return data(
    {
      locale,
      state: found.state,
      found: {
        officeName: found.officeName,
        city: found.city,
        petitionTitle: found.petitionTitle,
        petitionSlug: found.petitionSlug,
        total: found.total,
        packetId: found.packetId,
        sentOn: formatInZone(found.sentAt, found.timeZone, locale, { weekday: undefined }),
      },
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const locale = isLocale(lang) ? lang : "en";
  const parsed = officeAckSchema.safeParse({
    response: form.get("response") ?? "",
    name: form.get("name") ?? "",
    title: form.get("title") ?? "",
  });
  const values = {
    response: String(form.get("response") ?? ""),
    name: String(form.get("name") ?? ""),
    title: String(form.get("title") ?? ""),
  };
  if (!parsed.success)
    return data(
      { done: false, errors: issuesToErrors(parsed.error.issues), values, state: null, locale },
      { status: 400 },
    );
  try {
    await acknowledgeAsOffice({ token: params.token ?? "", input: parsed.data });
  } catch (error) {
    if (error instanceof AckLinkError)
      return data(
        { done: false, errors: {}, values, state: error.state, locale },
        { status: error.state === "unknown" ? 404 : 410 },
      );
    throw error;
  }
  return { done: true, errors: {}, values, state: null, locale };
}

export default function OfficeAcknowledgement() {
  const { found, locale, state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT(officeMessages);
  const busy = useNavigation().state === "submitting";
  const finalState = result?.state ?? state;
  const petitionLink = found ? (
    <p>
      <a href={withLang(`/p/${found.petitionSlug}`, locale)}>{t.ackSeePetition}</a>
    </p>
  ) : null;
  if (result?.done)
    return (
      <main className="container narrow stack office-ack">
        <h1>{t.ackDoneTitle}</h1>
        <p className="notice ok" role="status">
          {t.ackDone}
        </p>
        {petitionLink}
      </main>
    );
  if (!found || finalState !== "open")
    return (
      <main className="container narrow stack office-ack">
        <h1>{t.ackTitle}</h1>
        <p className="notice warn" role="alert">
          {finalState === "used"
            ? t.ackUsed
            : finalState === "expired"
              ? t.ackExpired
              : t.ackUnknown}
        </p>
        {petitionLink}
      </main>
    );
  const errors = result?.errors as Record<string, string[]> | undefined;
  const values = result?.values;
  return (
    <main className="container narrow stack office-ack">
      <h1>{t.ackTitle}</h1>
      <div className="card stack">
        <p>{t.ackIntro(found.officeName, found.petitionTitle, found.total, found.sentOn)}</p>
        <p className="small">
          {t.ackPacket(found.packetId)} ·{" "}
          <a href={withLang(`/verify/${found.packetId}`, locale)}>{t.ackVerify}</a>
        </p>
        <p>{t.ackWhat}</p>
      </div>
      <Form method="post" className="card stack" noValidate>
        <input type="hidden" name="lang" value={locale} />
        <OfficeField
          id="ack-response"
          label={t.ackResponse}
          hint={t.ackResponseHint}
          errors={errors?.response}
        >
          {(describedBy, invalid) => (
            <textarea
              id="ack-response"
              name="response"
              rows={6}
              maxLength={5000}
              defaultValue={values?.response ?? ""}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </OfficeField>
        <div className="form-row two">
          <OfficeField id="ack-name" label={t.ackName} errors={errors?.name}>
            {(describedBy, invalid) => (
              <input
                id="ack-name"
                name="name"
                autoComplete="name"
                maxLength={200}
                defaultValue={values?.name ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </OfficeField>
          <OfficeField id="ack-title" label={t.ackTitleLabel} errors={errors?.title}>
            {(describedBy, invalid) => (
              <input
                id="ack-title"
                name="title"
                autoComplete="organization-title"
                maxLength={200}
                defaultValue={values?.title ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </OfficeField>
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {t.ackButton}
          </button>
        </p>
        <p className="small muted">{t.ackPrivacy}</p>
      </Form>
    </main>
  );
}
