// Plan a delivery day: a petition, a date, and the offices taking part, each at a local time in its
// own zone (shown beside the organizer's own zone once a time is entered).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getPlanningOptions, planDeliveryDay, PlanningError } from "~/domain/deliveries/delivery-day.server";
import { planDaySchema } from "~/domain/deliveries/delivery-forms";
import { useErrorText } from "~/components/delivery-field";
import { requireCampaignMember } from "~/http/auth.server";
import { FORBIDDEN_PAGE, httpError, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import styles from "~/styles/delivery.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const options = await orHttp(getPlanningOptions({ actor, campaignId: campaign.id }));
  return { locale, userZone: user.timeZone, options };
}

type Values = Record<string, string>;
type Errors = Record<string, string[]>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign!);
  const form = await request.formData();
  const values: Values = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  const officeIds = form.getAll("include").map(String);
  const raw = {
    petitionId: values.petitionId,
    date: values.date,
    title: values.title,
    stops: officeIds.map((id) => ({
      officeId: id,
      time: values[`time-${id}`] ?? "",
      durationMinutes: values[`duration-${id}`] || "90",
      capacity: values[`capacity-${id}`] ?? "",
      meetingPoint: values[`meeting-${id}`] ?? "",
      meetingPointPrivate: values[`private-${id}`] === "on",
      coordinatorIds: values[`coordinator-${id}`] ? [values[`coordinator-${id}`]] : [],
    })),
  };
  const parsed = planDaySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) {
      const [first, index, field] = issue.path;
      const key =
        first === "stops" && typeof index === "number"
          ? `${String(field ?? "stops")}-${officeIds[index]}`
          : String(first ?? "form");
      (errors[key] ??= []).push(issue.message);
    }
    return data({ values, included: officeIds, errors }, { status: 400 });
  }
  try {
    const { day } = await planDeliveryDay({ actor, campaignId: campaign.id, input: parsed.data });
    return redirect(`/dashboard/c/${campaign.slug}/deliveries?day=${day.id}`);
  } catch (error) {
    if (error instanceof PlanningError)
      return data(
        { values, included: officeIds, errors: { [error.field]: [error.message] } as Errors },
        { status: 400 },
      );
    return httpError(error, { forbidden: FORBIDDEN_PAGE });
  }
}

export default function PlanDay() {
  const { options, userZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT(deliveryMessages);
  const errorText = useErrorText();
  const v = result?.values ?? {};
  const e = result?.errors ?? {};
  const included = new Set(result?.included ?? options.offices.map((o) => String(o.id)));
  const err = (key: string) => errorText(e[key]);
  const described = (key: string) => (e[key] ? `${key}-error` : undefined);
  const fieldError = (key: string) =>
    err(key) ? (
      <p className="field-error" id={`${key}-error`}>
        {err(key)}
      </p>
    ) : null;

  return (
    <div className="stack">
      <h2>{t.planTitle}</h2>
      <p className="muted">
        {t.planLead} {t.organizerTime(userZone)}.
      </p>
      <Form method="post" className="card" noValidate>
        {err("form") || err("stops") ? (
          <p className="notice error" role="alert">
            {err("form") ?? err("stops")}
          </p>
        ) : null}
        <div className="form-row">
          <div className="field">
            <label htmlFor="petitionId">{t.petition}</label>
            <select
              id="petitionId"
              name="petitionId"
              defaultValue={v.petitionId ?? String(options.petitions[0]?.id ?? "")}
              aria-describedby={described("petitionId")}
            >
              {options.petitions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            {fieldError("petitionId")}
          </div>
          <div className="field">
            <label htmlFor="date">{t.date}</label>
            <input
              id="date"
              name="date"
              type="date"
              required
              defaultValue={v.date ?? ""}
              aria-invalid={e.date ? true : undefined}
              aria-describedby={described("date")}
            />
            {fieldError("date")}
          </div>
          <div className="field">
            <label htmlFor="title">{t.dayTitle}</label>
            <input id="title" name="title" type="text" defaultValue={v.title ?? ""} />
          </div>
        </div>
        <fieldset>
          <legend>{t.stops}</legend>
          <div className="table-wrap">
            <table className="data plan-stops">
              <thead>
                <tr>
                  <th scope="col">{t.include}</th>
                  <th scope="col">{t.colOffice}</th>
                  <th scope="col">{t.localTime}</th>
                  <th scope="col">{t.duration}</th>
                  <th scope="col">{t.capacity}</th>
                  <th scope="col">{t.meetingPoint}</th>
                  <th scope="col">{t.coordinator}</th>
                </tr>
              </thead>
              <tbody>
                {options.offices.map((o) => {
                  const id = String(o.id);
                  return (
                    <tr key={o.id} data-office={o.city}>
                      <td>
                        <input
                          type="checkbox"
                          name="include"
                          value={id}
                          id={`include-${id}`}
                          defaultChecked={included.has(id)}
                        />
                      </td>
                      <td>
                        <label htmlFor={`include-${id}`}>
                          <strong>{o.city}</strong> · {o.name}
                        </label>
                        <span className="small muted" style={{ display: "block" }}>
                          {o.timeZone}
                        </span>
                      </td>
                      <td>
                        <input
                          type="time"
                          name={`time-${id}`}
                          aria-label={`${t.localTime}, ${o.city} (${o.timeZone})`}
                          defaultValue={v[`time-${id}`] ?? "11:00"}
                          aria-invalid={e[`time-${id}`] ? true : undefined}
                          aria-describedby={described(`time-${id}`)}
                        />
                        {fieldError(`time-${id}`)}
                      </td>
                      <td>
                        <input
                          type="number"
                          name={`duration-${id}`}
                          aria-label={`${t.duration}, ${o.city}`}
                          min={15}
                          max={720}
                          defaultValue={v[`duration-${id}`] ?? "90"}
                          aria-describedby={described(`durationMinutes-${id}`)}
                        />
                        {fieldError(`durationMinutes-${id}`)}
                      </td>
                      <td>
                        <input
                          type="number"
                          name={`capacity-${id}`}
                          aria-label={`${t.capacity}, ${o.city}`}
                          min={1}
                          defaultValue={v[`capacity-${id}`] ?? "15"}
                          aria-describedby={described(`capacity-${id}`)}
                        />
                        {fieldError(`capacity-${id}`)}
                      </td>
                      <td>
                        <input
                          type="text"
                          name={`meeting-${id}`}
                          aria-label={`${t.meetingPoint}, ${o.city}`}
                          defaultValue={v[`meeting-${id}`] ?? ""}
                        />
                        <label
                          className="small"
                          style={{ display: "flex", gap: 6, alignItems: "center" }}
                        >
                          <input
                            type="checkbox"
                            name={`private-${id}`}
                            defaultChecked={result ? v[`private-${id}`] === "on" : true}
                          />
                          {t.privateUntilRsvp}
                        </label>
                      </td>
                      <td>
                        <select
                          name={`coordinator-${id}`}
                          aria-label={`${t.coordinator}, ${o.city}`}
                          defaultValue={v[`coordinator-${id}`] ?? ""}
                        >
                          <option value="">{t.none}</option>
                          {options.members.map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t.planButton}
        </button>
      </Form>
    </div>
  );
}
