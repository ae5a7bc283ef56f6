// One delivery event on its own, at a local time in its office's zone.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldShell } from "~/components/delivery-field";
import { createDeliveryEvent, getPlanningOptions, PlanningError } from "~/domain/deliveries/delivery-day.server";
import { singleEventSchema } from "~/domain/deliveries/delivery-forms";
import { requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import styles from "~/styles/delivery.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, campaign } = await requireCampaignMember(request, params.campaign!);
  const options = await orHttp(getPlanningOptions({ actor, campaignId: campaign.id }));
  return { locale: resolveLocale(request, user.locale), options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign!);
  const submission = parseWithZod(await request.formData(), { schema: singleEventSchema });
  if (submission.status !== "success") return submission.reply();
  const { petitionId, date, ...stop } = submission.value;
  try {
    const event = await createDeliveryEvent({
      actor,
      campaignId: campaign.id,
      petitionId,
      date,
      stop,
    });
    return redirect(`/dashboard/c/${campaign.slug}/deliveries/events/${event.id}`);
  } catch (error) {
    if (error instanceof PlanningError)
      return submission.reply({ fieldErrors: { [error.field]: [error.message] } });
    return httpError(error);
  }
}

export default function NewEvent() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  const [form, fields] = useForm({
    id: "event",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: singleEventSchema }),
    shouldValidate: "onBlur",
    defaultValue: {
      time: "11:00",
      durationMinutes: "90",
      meetingPointPrivate: "on",
      petitionId: String(options.petitions[0]?.id ?? ""),
    },
  });
  const input = (
    name: "date" | "time" | "durationMinutes" | "capacity" | "meetingPoint",
    label: string,
    type: "date" | "time" | "number" | "text",
  ) => (
    <FieldShell id={fields[name].id} label={label} errors={fields[name].errors}>
      {(d, inv) => (
        <input
          {...getInputProps(fields[name], { type })}
          key={fields[name].key}
          aria-describedby={d}
          aria-invalid={inv || undefined}
        />
      )}
    </FieldShell>
  );
  return (
    <div className="stack">
      <h2>{t.newEvent}</h2>
      <Form method="post" {...getFormProps(form)} className="card">
        <FieldShell id={fields.petitionId.id} label={t.petition} errors={fields.petitionId.errors}>
          {(d) => (
            <select
              {...getSelectProps(fields.petitionId)}
              key={fields.petitionId.key}
              aria-describedby={d}
            >
              {options.petitions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell id={fields.officeId.id} label={t.colOffice} errors={fields.officeId.errors}>
          {(d, inv) => (
            <select
              {...getSelectProps(fields.officeId)}
              key={fields.officeId.key}
              aria-describedby={d}
              aria-invalid={inv || undefined}
            >
              <option value="">—</option>
              {options.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.city} · {o.name} ({o.timeZone})
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <div className="form-row">
          {input("date", t.date, "date")}
          {input("time", t.localTime, "time")}
          {input("durationMinutes", t.duration, "number")}
          {input("capacity", t.capacity, "number")}
        </div>
        {input("meetingPoint", t.meetingPoint, "text")}
        <div className="field">
          <label className="checkbox">
            <input
              {...getInputProps(fields.meetingPointPrivate, { type: "checkbox" })}
              key={fields.meetingPointPrivate.key}
            />{" "}
            {t.privateUntilRsvp}
          </label>
        </div>
        <FieldShell
          id={fields.coordinatorIds.id}
          label={t.coordinator}
          errors={fields.coordinatorIds.errors}
        >
          {(d) => (
            <select
              name={fields.coordinatorIds.name}
              id={fields.coordinatorIds.id}
              multiple
              aria-describedby={d}
              key={fields.coordinatorIds.key}
            >
              {options.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell
          id={fields.description.id}
          label={t.descriptionEn}
          errors={fields.description.errors}
        >
          {(d) => (
            <textarea
              {...getTextareaProps(fields.description)}
              key={fields.description.key}
              aria-describedby={d}
            />
          )}
        </FieldShell>
        <FieldShell
          id={fields.descriptionEs.id}
          label={t.descriptionEs}
          errors={fields.descriptionEs.errors}
        >
          {(d) => (
            <textarea
              {...getTextareaProps(fields.descriptionEs)}
              key={fields.descriptionEs.key}
              aria-describedby={d}
            />
          )}
        </FieldShell>
        <button type="submit">{t.createEvent}</button>
      </Form>
    </div>
  );
}
