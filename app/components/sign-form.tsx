// The sign form: the same zod schema validates in the browser (conform) and on the server.
// Works as a plain HTML form without JavaScript; what the signer typed survives a failed submit.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import type { Locale } from "../../db/schema/states";
import { createSignSchema, DISPLAY_CHOICES, SIGN_COUNTRIES, SIGN_LIMITS } from "~/models/signature";
import { useT } from "~/utils/i18n";

export function SignForm({
  locale,
  defaultCountry,
  startedAt,
  lastResult,
  action,
  compact = false,
  source,
}: {
  locale: Locale;
  defaultCountry: string;
  startedAt: string;
  lastResult?: SubmissionResult<string[]> | null;
  action?: string;
  compact?: boolean;
  /** The share link's `?source=` code, recorded with the signature. */
  source?: string | null;
}) {
  const t = useT("signer", locale);
  const schema = useMemo(() => createSignSchema(locale), [locale]);
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign",
    lastResult,
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
  });
  const country = fields.country.value ?? fields.country.initialValue ?? "US";
  const display = (fields.display.value ?? fields.display.initialValue ?? "city") as string;
  const busy = navigation.state === "submitting";

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
    >
      <input type="hidden" name="lang" value={locale} />
      <input
        type="hidden"
        name="startedAt"
        value={(fields.startedAt.initialValue as string | undefined) ?? startedAt}
      />
      {source ? <input type="hidden" name="source" value={source} /> : null}
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
          <label htmlFor={fields.postalCode.id}>
            {country === "US" ? t.postalCode : t.postalCodeOther}
          </label>
          <input
            {...getInputProps(fields.postalCode, { type: "text" })}
            autoComplete="postal-code"
            inputMode={country === "US" ? "numeric" : "text"}
            maxLength={SIGN_LIMITS.postalCode}
            key={fields.postalCode.key}
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
