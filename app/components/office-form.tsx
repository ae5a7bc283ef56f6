// The office form (new and edit), validated by the same zod schema in the browser and on the server.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { OFFICE_KINDS } from "#db/schema/states";
import { officeSchema } from "~/domain/offices/office";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { FieldShell } from "./delivery-field";

const TEXT_FIELDS = [
  "name",
  "decisionMaker",
  "decisionMakerTitle",
  "addressLine1",
  "addressLine2",
  "city",
  "region",
  "postalCode",
  "country",
  "timeZone",
  "phone",
  "email",
] as const;

export function OfficeForm({
  lastResult,
  defaultValue,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
}) {
  const t = useT(deliveryMessages);
  const [form, fields] = useForm({
    id: "office",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: officeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const text = (name: (typeof TEXT_FIELDS)[number]) => {
    const field = fields[name];
    return (
      <FieldShell key={name} id={field.id} label={t.officeFields[name]} errors={field.errors}>
        {(d, inv) => (
          <input
            {...getInputProps(field, {
              type: name === "email" ? "email" : name === "phone" ? "tel" : "text",
            })}
            key={field.key}
            list={name === "timeZone" ? "tz-list" : undefined}
            aria-describedby={d}
            aria-invalid={inv || undefined}
          />
        )}
      </FieldShell>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      {text("name")}
      <FieldShell id={fields.kind.id} label={t.officeFields.kind} errors={fields.kind.errors}>
        {(d, inv) => (
          <select
            {...getSelectProps(fields.kind)}
            key={fields.kind.key}
            defaultValue={fields.kind.initialValue ?? "other"}
            aria-describedby={d}
            aria-invalid={inv || undefined}
          >
            {OFFICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.officeKinds[k]}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      {TEXT_FIELDS.filter((n) => n !== "name").map(text)}
      <datalist id="tz-list">
        {[
          "America/New_York",
          "America/Chicago",
          "America/Denver",
          "America/Phoenix",
          "America/Los_Angeles",
          "America/Anchorage",
          "Pacific/Honolulu",
          "America/Puerto_Rico",
        ].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <FieldShell id={fields.notes.id} label={t.officeFields.notes} errors={fields.notes.errors}>
        {(d, inv) => (
          <textarea
            {...getTextareaProps(fields.notes)}
            key={fields.notes.key}
            aria-describedby={d}
            aria-invalid={inv || undefined}
          />
        )}
      </FieldShell>
      <FieldShell
        id={fields.localRegions.id}
        label={t.officeFields.localRegions}
        hint={t.localHint}
        errors={fields.localRegions.errors}
      >
        {(d, inv) => (
          <input
            {...getInputProps(fields.localRegions, { type: "text" })}
            key={fields.localRegions.key}
            aria-describedby={d}
            aria-invalid={inv || undefined}
          />
        )}
      </FieldShell>
      <FieldShell
        id={fields.localPostalPrefixes.id}
        label={t.officeFields.localPostalPrefixes}
        errors={fields.localPostalPrefixes.errors}
      >
        {(d, inv) => (
          <input
            {...getInputProps(fields.localPostalPrefixes, { type: "text" })}
            key={fields.localPostalPrefixes.key}
            aria-describedby={d}
            aria-invalid={inv || undefined}
          />
        )}
      </FieldShell>
      <button type="submit">{t.save}</button>
    </Form>
  );
}
