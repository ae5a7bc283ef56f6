// The coordinator's report of a delivery (made for a phone), and the acknowledgement that follows.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ACKNOWLEDGEMENT_KINDS } from "#db/schema/states";
import { FieldShell } from "~/components/delivery-field";
import { acknowledgementSchema, reportSchema } from "~/domain/deliveries/delivery-forms";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { formatInZone } from "~/lib/zoned-time";

type LastResult = SubmissionResult<string[]> | undefined;

export function ReportDeliveryForm({
  lastResult,
  nowLocal,
  askOffDay,
  event,
  officeTimeZone,
  locale,
  busy,
}: {
  lastResult: LastResult;
  /** The office's local time now, as the datetime-local default. */
  nowLocal: string;
  /** The reported time fell on another day than the scheduled one: ask to confirm. */
  askOffDay: boolean;
  event: { startsAt: string | Date; timeZone: string };
  officeTimeZone: string;
  locale: "en" | "es";
  busy: boolean;
}) {
  const t = useT(deliveryMessages);
  const [reportForm, reportFields] = useForm({
    id: "report",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    shouldValidate: "onBlur",
    defaultValue: { deliveredAt: nowLocal },
  });
  return (
    <section className="card report-form" aria-labelledby="report-heading">
      <h3 id="report-heading">{t.reportTitle}</h3>
      <Form method="post" {...getFormProps(reportForm)}>
        <input type="hidden" name="intent" value="report" />
        <FieldShell
          id={reportFields.deliveredAt.id}
          label={t.deliveredAt}
          hint={officeTimeZone}
          errors={reportFields.deliveredAt.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(reportFields.deliveredAt, { type: "datetime-local" })}
              key={reportFields.deliveredAt.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        {askOffDay ? (
          <div className="notice warn">
            <p>
              {t.offDayWarning(
                formatInZone(event.startsAt, event.timeZone, locale, {
                  weekday: "long",
                  month: "long",
                  hour: undefined,
                  minute: undefined,
                  timeZoneName: undefined,
                }),
              )}
            </p>
            <label>
              <input type="checkbox" name="confirmOffDay" value="1" /> {t.offDayConfirm}
            </label>
          </div>
        ) : null}
        <FieldShell
          id={reportFields.receivedByName.id}
          label={t.receivedByName}
          errors={reportFields.receivedByName.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(reportFields.receivedByName, { type: "text" })}
              key={reportFields.receivedByName.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell
          id={reportFields.receivedByTitle.id}
          label={t.receivedByTitle}
          errors={reportFields.receivedByTitle.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(reportFields.receivedByTitle, { type: "text" })}
              key={reportFields.receivedByTitle.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell
          id={reportFields.signaturesHandedOver.id}
          label={t.signaturesHandedOver}
          errors={reportFields.signaturesHandedOver.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(reportFields.signaturesHandedOver, { type: "text" })}
              inputMode="numeric"
              key={reportFields.signaturesHandedOver.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell
          id={reportFields.attendeesCount.id}
          label={t.attendeesCount}
          errors={reportFields.attendeesCount.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(reportFields.attendeesCount, { type: "text" })}
              inputMode="numeric"
              key={reportFields.attendeesCount.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell
          id={reportFields.howItWent.id}
          label={t.howItWent}
          errors={reportFields.howItWent.errors}
        >
          {(d, inv) => (
            <textarea
              {...getTextareaProps(reportFields.howItWent)}
              key={reportFields.howItWent.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell
          id={reportFields.officeResponse.id}
          label={t.officeResponse}
          errors={reportFields.officeResponse.errors}
        >
          {(d, inv) => (
            <textarea
              {...getTextareaProps(reportFields.officeResponse)}
              key={reportFields.officeResponse.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell id={reportFields.links.id} label={t.links} errors={reportFields.links.errors}>
          {(d, inv) => (
            <textarea
              {...getTextareaProps(reportFields.links)}
              key={reportFields.links.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <button type="submit" disabled={busy}>
          {t.reportButton}
        </button>
      </Form>
    </section>
  );
}

export function AcknowledgementForm({
  lastResult,
  busy,
}: {
  lastResult: LastResult;
  busy: boolean;
}) {
  const t = useT(deliveryMessages);
  const [ackForm, ackFields] = useForm({
    id: "ack",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acknowledgementSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section className="card" aria-labelledby="ack-heading">
      <h3 id="ack-heading">{t.ackTitle}</h3>
      <Form method="post" {...getFormProps(ackForm)}>
        <input type="hidden" name="intent" value="ack" />
        <FieldShell id={ackFields.kind.id} label={t.ackKind} errors={ackFields.kind.errors}>
          {(d, inv) => (
            <select
              name={ackFields.kind.name}
              id={ackFields.kind.id}
              defaultValue={ackFields.kind.initialValue ?? ""}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            >
              <option value="">—</option>
              {ACKNOWLEDGEMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t.ackKinds[k]}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell id={ackFields.note.id} label={t.ackNote} errors={ackFields.note.errors}>
          {(d, inv) => (
            <textarea
              {...getTextareaProps(ackFields.note)}
              key={ackFields.note.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <button type="submit" disabled={busy}>
          {t.ackButton}
        </button>
      </Form>
    </section>
  );
}
