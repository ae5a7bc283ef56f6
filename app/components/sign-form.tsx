// The sign form: the same zod schema validates in the browser (conform) and on the server.
// Works as a plain HTML form without JavaScript (the Remix action); with JavaScript it sends to the
// lean /api/sign/<slug> (same schema, same signPetition, same messages next to the fields) and then
// opens the thanks page. What the signer typed survives a failed submit either way.
// The form-start token is this signer's own: an HttpOnly cookie set by a 1×1 image the form loads
// from /p/<slug>/start.gif (with or without JavaScript) — never in the shared page.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Locale } from "../../db/schema/states";
import {
  createSignSchema,
  DISPLAY_CHOICES,
  SIGN_COUNTRIES,
  SIGN_LIMITS,
} from "~/domain/signing/signature";
import { useT } from "~/lib/i18n";
import signerMessages from "~/locales/signer";
// ~2 KB gzipped: the same table the server fills the city from, so the box fills in as they type.
import { lookupUsZip } from "~/data/us-zip";

type LeanAnswer = {
  status?: string;
  thanksUrl?: string;
  fieldErrors?: Record<string, string[]>;
  message?: string;
};

export function SignForm({
  locale,
  slug,
  defaultCountry,
  lastResult,
  action,
  compact = false,
  source,
}: {
  locale: Locale;
  slug: string;
  defaultCountry: string;
  lastResult?: SubmissionResult<string[]> | null;
  action?: string;
  compact?: boolean;
  /** The share link's `?source=` code, recorded with the signature. */
  source?: string | null;
}) {
  const t = useT(signerMessages, locale);
  const schema = useMemo(() => createSignSchema(locale), [locale]);
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [leanResult, setLeanResult] = useState<SubmissionResult<string[]> | null>(null);
  const [sending, setSending] = useState(false);
  async function sendLean(
    formData: FormData,
    reply: (options: {
      fieldErrors?: Record<string, string[]>;
      formErrors?: string[];
    }) => SubmissionResult<string[]>,
  ) {
    setSending(true);
    try {
      const body = new URLSearchParams();
      for (const [key, value] of formData) if (typeof value === "string") body.append(key, value);
      const res = await fetch(`/api/sign/${slug}`, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
      });
      const answer = (await res.json().catch(() => ({}))) as LeanAnswer;
      if (answer.thanksUrl) return navigate(answer.thanksUrl);
      setLeanResult(
        answer.fieldErrors
          ? reply({ fieldErrors: answer.fieldErrors })
          : reply({ formErrors: [answer.message ?? t.errors.unavailable] }),
      );
    } catch {
      setLeanResult(reply({ formErrors: [t.errors.unavailable] }));
    } finally {
      setSending(false);
    }
  }

  const [form, fields] = useForm({
    id: "sign",
    lastResult: leanResult ?? lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      country: (SIGN_COUNTRIES as readonly string[]).includes(defaultCountry)
        ? defaultCountry
        : "US",
      display: "city",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    onSubmit: (event, { formData, submission }) => {
      if (!submission) return;
      event.preventDefault();
      void sendLean(formData, (options) => submission.reply(options));
    },
  });
  const country = fields.country.value ?? fields.country.initialValue ?? "US";
  const display = (fields.display.value ?? fields.display.initialValue ?? "city") as string;
  const busy = navigation.state === "submitting" || sending;
  // The city we filled in from the ZIP: a later ZIP may replace it, but never a city they typed.
  const filledCity = useRef<string | null>(null);
  const fillCityFromZip = (zip: string, cityNow: string) => {
    if (country !== "US") return;
    const city = lookupUsZip(zip)?.city;
    if (!city || city === cityNow) return;
    if (cityNow.trim() && cityNow !== filledCity.current) return;
    filledCity.current = city;
    form.update({ name: fields.city.name, value: city });
  };

  const error = (field: { errorId: string; errors?: string[] }) =>
    field.errors?.length ? (
      <p id={field.errorId} className="field-error">
        {field.errors[0]}
      </p>
    ) : null;

  return (
    <Form
      method="post"
      action={action}
      {...getFormProps(form)}
      className="sign-form"
      data-testid="sign-form"
      // What the petition page's script (app/islands/sign-form.ts) needs to take the form over.
      data-sign-form=""
      data-slug={slug}
      data-unavailable={t.errors.unavailable}
    >
      <input type="hidden" name="lang" value={locale} />
      {/* Loads with the page (before its load event), with or without JavaScript: sets this
          signer's own start-token cookie, so the shared page itself carries none. */}
      <img className="start-pixel" src={`/p/${slug}/start.gif`} alt="" width={1} height={1} />
      <SourceField source={source} />
      {form.errors?.length ? (
        <div id={form.errorId} className="notice warn" role="alert">
          {form.errors[0]}
        </div>
      ) : null}
      <div className="form-row two">
        <div className="field">
          <label htmlFor={fields.firstName.id}>{t.firstName}</label>
          <input
            {...getInputProps(fields.firstName, { type: "text" })}
            autoComplete="given-name"
            maxLength={SIGN_LIMITS.firstName}
            key={fields.firstName.key}
          />
          {error(fields.firstName)}
        </div>
        <div className="field">
          <label htmlFor={fields.lastName.id}>{t.lastName}</label>
          <input
            {...getInputProps(fields.lastName, { type: "text" })}
            autoComplete="family-name"
            maxLength={SIGN_LIMITS.lastName}
            key={fields.lastName.key}
          />
          {error(fields.lastName)}
        </div>
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>{t.email}</label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          autoComplete="email"
          inputMode="email"
          maxLength={SIGN_LIMITS.email}
          aria-describedby={[
            `${fields.email.id}-hint`,
            fields.email.errors?.length ? fields.email.errorId : "",
          ]
            .filter(Boolean)
            .join(" ")}
          key={fields.email.key}
        />
        <span id={`${fields.email.id}-hint`} className="hint">
          {t.emailHint}
        </span>
        {error(fields.email)}
      </div>
      <div className="form-row two">
        <div className="field">
          <label htmlFor={fields.country.id}>{t.country}</label>
          <select
            {...getSelectProps(fields.country)}
            autoComplete="country"
            key={fields.country.key}
          >
            {SIGN_COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t.countries[c]}
              </option>
            ))}
          </select>
          {error(fields.country)}
        </div>
        <div className="field">
          <label
            htmlFor={fields.postalCode.id}
            data-us={t.postalCode}
            data-other={t.postalCodeOther}
          >
            {country === "US" ? t.postalCode : t.postalCodeOther}
          </label>
          <input
            {...getInputProps(fields.postalCode, { type: "text" })}
            autoComplete="postal-code"
            inputMode={country === "US" ? "numeric" : "text"}
            maxLength={SIGN_LIMITS.postalCode}
            key={fields.postalCode.key}
            onChange={(e) => {
              const city = e.currentTarget.form?.elements.namedItem(fields.city.name);
              fillCityFromZip(
                e.currentTarget.value,
                city instanceof HTMLInputElement ? city.value : "",
              );
            }}
          />
          {error(fields.postalCode)}
        </div>
      </div>
      <div className="field">
        <label htmlFor={fields.city.id}>{t.city}</label>
        <input
          {...getInputProps(fields.city, { type: "text" })}
          autoComplete="address-level2"
          maxLength={SIGN_LIMITS.city}
          aria-describedby={[
            `${fields.city.id}-hint`,
            fields.city.errors?.length ? fields.city.errorId : "",
          ]
            .filter(Boolean)
            .join(" ")}
          key={fields.city.key}
        />
        <span id={`${fields.city.id}-hint`} className="hint">
          {t.cityHint}
        </span>
        {error(fields.city)}
      </div>
      {compact ? null : (
        <div className="field">
          <label htmlFor={fields.comment.id}>{t.comment}</label>
          <textarea
            {...getTextareaProps(fields.comment)}
            maxLength={SIGN_LIMITS.comment}
            rows={3}
            key={fields.comment.key}
          />
          {error(fields.comment)}
        </div>
      )}
      <fieldset className="field display-choice">
        <legend>{t.displayLegend}</legend>
        {DISPLAY_CHOICES.map((choice) => (
          <label key={choice} className="checkbox">
            <input
              type="radio"
              name={fields.display.name}
              value={choice}
              defaultChecked={display === choice}
            />
            <span>
              {choice === "name"
                ? t.displayName
                : choice === "city"
                  ? t.displayCity
                  : t.displayNone}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="checkbox">
        <input
          {...getInputProps(fields.printName, { type: "checkbox" })}
          aria-describedby={`${fields.printName.id}-hint`}
          key={fields.printName.key}
        />
        <label htmlFor={fields.printName.id}>
          {t.printName}
          <span id={`${fields.printName.id}-hint`} className="hint block">
            {t.printNameHint}
          </span>
        </label>
      </div>
      <div className="checkbox">
        <input
          {...getInputProps(fields.keepUpdated, { type: "checkbox" })}
          aria-describedby={`${fields.keepUpdated.id}-hint`}
          key={fields.keepUpdated.key}
        />
        <label htmlFor={fields.keepUpdated.id}>
          {t.keepUpdated}
          <span id={`${fields.keepUpdated.id}-hint`} className="hint block">
            {t.keepUpdatedConsent}
          </span>
        </label>
      </div>
      <div className="hp-field">
        <label htmlFor="sign-website">{t.honeypot}</label>
        <input
          id="sign-website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>
      <button type="submit" className="sign-submit" disabled={busy}>
        {t.submit}
      </button>
      <p className="small muted">{t.privacyNote}</p>
    </Form>
  );
}

/**
 * The share link's source code. A private render knows it from the loader; the shared page (one
 * render for everyone) cannot, so the browser copies `?source=` from its own address.
 */
function SourceField({ source }: { source?: string | null }) {
  const [value, setValue] = useState(source ?? "");
  useEffect(() => {
    if (source) return;
    const fromUrl = new URLSearchParams(window.location.search).get("source");
    if (fromUrl) setValue(fromUrl.slice(0, 64));
  }, [source]);
  return value ? <input type="hidden" name="source" value={value} /> : null;
}
