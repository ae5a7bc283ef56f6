// Moving a delivery event to another date, time or meeting point (local to the office).
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { FieldShell } from "~/components/delivery-field";
import { rescheduleSchema } from "~/domain/deliveries/delivery-forms";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

export function RescheduleForm({
  lastResult,
  startsLocal,
  event,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  startsLocal: { date: string; time: string };
  event: { startsAt: string | Date; endsAt: string | Date; timeZone: string; meetingPoint: string };
  busy: boolean;
}) {
  const t = useT(deliveryMessages);
  const [scheduleForm, scheduleFields] = useForm({
    id: "schedule",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rescheduleSchema }),
    shouldValidate: "onBlur",
    defaultValue: {
      date: startsLocal.date,
      time: startsLocal.time,
      durationMinutes: String(
        Math.round((new Date(event.endsAt).getTime() - new Date(event.startsAt).getTime()) / 60000),
      ),
      meetingPoint: event.meetingPoint,
    },
  });
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h3 id="schedule-heading">{t.reschedule}</h3>
      <Form method="post" {...getFormProps(scheduleForm)}>
        <input type="hidden" name="intent" value="schedule" />
        <div className="form-row">
          <FieldShell
            id={scheduleFields.date.id}
            label={t.date}
            errors={scheduleFields.date.errors}
          >
            {(d, inv) => (
              <input
                {...getInputProps(scheduleFields.date, { type: "date" })}
                key={scheduleFields.date.key}
                aria-describedby={d}
                aria-invalid={inv || undefined}
              />
            )}
          </FieldShell>
          <FieldShell
            id={scheduleFields.time.id}
            label={`${t.localTime} (${event.timeZone})`}
            errors={scheduleFields.time.errors}
          >
            {(d, inv) => (
              <input
                {...getInputProps(scheduleFields.time, { type: "time" })}
                key={scheduleFields.time.key}
                aria-describedby={d}
                aria-invalid={inv || undefined}
              />
            )}
          </FieldShell>
          <FieldShell
            id={scheduleFields.durationMinutes.id}
            label={t.duration}
            errors={scheduleFields.durationMinutes.errors}
          >
            {(d, inv) => (
              <input
                {...getInputProps(scheduleFields.durationMinutes, { type: "number" })}
                key={scheduleFields.durationMinutes.key}
                aria-describedby={d}
                aria-invalid={inv || undefined}
              />
            )}
          </FieldShell>
        </div>
        <FieldShell
          id={scheduleFields.meetingPoint.id}
          label={t.meetingPoint}
          errors={scheduleFields.meetingPoint.errors}
        >
          {(d, inv) => (
            <input
              {...getInputProps(scheduleFields.meetingPoint, { type: "text" })}
              key={scheduleFields.meetingPoint.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <FieldShell id={scheduleFields.note.id} label={t.note} errors={scheduleFields.note.errors}>
          {(d, inv) => (
            <input
              {...getInputProps(scheduleFields.note, { type: "text" })}
              key={scheduleFields.note.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            />
          )}
        </FieldShell>
        <button type="submit" className="secondary" disabled={busy}>
          {t.rescheduleButton}
        </button>
      </Form>
    </section>
  );
}
