import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { deleteCampaign, updateCampaign } from "~/domain/team/campaign.server";
import { campaignFormSchema } from "~/domain/team/campaign-forms";
import { getMessages } from "~/locales";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { CampaignFields } from "~/components/campaign-fields";
import { UpdateIntervalForm } from "~/components/update-interval-form";
import { updateIntervalSchema } from "~/domain/offices/office-forms";
import { setUpdateInterval } from "~/domain/petitions/petition-update.server";
import { retentionSchema, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS } from "~/domain/privacy/retention";
import { getRetention, setRetention } from "~/domain/privacy/retention.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, can } = await requireCampaignMember(request, params.campaign);
  // Owners and organizers see the retention schedule; everything else here is the owner's.
  const retention = await orHttp(getRetention({ actor, campaignId: campaign.id }));
  return {
    retention: { months: retention.months, canChange: retention.canChange },
    canUpdate: can.updateCampaign,
    campaign: {
      name: campaign.name,
      description: campaign.description,
      defaultLocale: campaign.defaultLocale,
    },
    updateIntervalHours: campaign.updateIntervalHours,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    if (String(form.get("confirmName") ?? "").trim() !== campaign.name)
      return { deleteError: t.settings.nameMismatch, saved: false };
    await orHttp(deleteCampaign({ actor, campaignId: campaign.id }));
    return redirect("/dashboard");
  }
  if (form.get("intent") === "retention") {
    const parsed = retentionSchema.safeParse({ retentionMonths: form.get("retentionMonths") });
    if (!parsed.success) return { retentionError: true, saved: false };
    await orHttp(
      setRetention({ actor, campaignId: campaign.id, months: parsed.data.retentionMonths }),
    );
    return { retentionSaved: true, saved: false };
  }
  if (form.get("intent") === "updates") {
    const parsed = updateIntervalSchema.safeParse({
      updateIntervalHours: form.get("updateIntervalHours"),
    });
    if (!parsed.success) return { intervalError: "interval", saved: false };
    await orHttp(setUpdateInterval({ actor, campaignId: campaign.id, input: parsed.data }));
    return { saved: true };
  }
  const submission = parseWithZod(form, { schema: campaignFormSchema(t.v) });
  if (submission.status !== "success") return { result: submission.reply(), saved: false };
  await orHttp(
    updateCampaign({
      actor,
      campaignId: campaign.id,
      ...submission.value,
      description: submission.value.description ?? "",
    }),
  );
  return { result: submission.reply(), saved: true };
}

export default function Settings() {
  const { campaign, updateIntervalHours, retention, canUpdate } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const o = useT(organizerMessages);
  const [form, fields] = useForm({
    lastResult: data && "result" in data ? data.result : undefined,
    defaultValue: campaign,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignFormSchema(o.v) }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <h2>{o.settings.title}</h2>
      {data?.saved ? (
        <p className="notice ok" role="status">
          {o.dash.saved}
        </p>
      ) : null}
      {data && "retentionSaved" in data ? (
        <p className="notice ok" role="status">
          {o.settings.retentionSaved}
        </p>
      ) : null}
      {canUpdate ? (
        <Form method="post" className="card" {...getFormProps(form)}>
          <CampaignFields fields={fields} />
          <button type="submit">{o.dash.save}</button>
        </Form>
      ) : null}
      <RetentionCard
        months={retention.months}
        canChange={retention.canChange}
        error={!!(data && "retentionError" in data)}
      />
      {canUpdate ? (
        <UpdateIntervalForm
          hours={updateIntervalHours}
          error={data && "intervalError" in data ? data.intervalError : null}
        />
      ) : null}
      {canUpdate ? (
        <DeleteCampaign error={data && "deleteError" in data ? (data.deleteError ?? null) : null} />
      ) : null}
    </div>
  );
}

function RetentionCard({
  months,
  canChange,
  error,
}: {
  months: number;
  canChange: boolean;
  error: boolean;
}) {
  const o = useT(organizerMessages).settings;
  const described = ["retention-hint", error ? "retention-error" : null].filter(Boolean).join(" ");
  return (
    <section className="card stack" aria-labelledby="retention-heading" data-testid="retention">
      <h3 id="retention-heading">{o.retentionHeading}</h3>
      <p>{o.retentionCurrent(months)}</p>
      {canChange ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="retention" />
          <div className="field">
            <label htmlFor="retention-months">{o.retentionLabel}</label>
            <span className="hint" id="retention-hint">
              {o.retentionHint}
            </span>
            <input
              id="retention-months"
              name="retentionMonths"
              type="number"
              inputMode="numeric"
              min={RETENTION_MIN_MONTHS}
              max={RETENTION_MAX_MONTHS}
              step={1}
              defaultValue={months}
              aria-describedby={described}
              aria-invalid={error || undefined}
            />
            {error ? (
              <p className="field-error" id="retention-error">
                {o.retentionError}
              </p>
            ) : null}
          </div>
          <button type="submit">{o.retentionSave}</button>
        </Form>
      ) : (
        <>
          <p className="small muted">{o.retentionHint}</p>
          <p className="small muted">{o.retentionOwnerOnly}</p>
        </>
      )}
    </section>
  );
}

function DeleteCampaign({ error }: { error: string | null }) {
  const o = useT(organizerMessages);
  return (
    <Form method="post" className="card">
      <h3>{o.settings.danger}</h3>
      <p className="small">{o.settings.deleteHint}</p>
      <input type="hidden" name="intent" value="delete" />
      <div className="field">
        <label htmlFor="confirmName">{o.settings.confirmName}</label>
        <input
          id="confirmName"
          name="confirmName"
          type="text"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "delete-error" : undefined}
        />
        {error ? (
          <p className="field-error" id="delete-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="danger">
        {o.settings.deleteButton}
      </button>
    </Form>
  );
}
