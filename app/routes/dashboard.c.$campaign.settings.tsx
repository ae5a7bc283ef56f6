import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assertCampaignPermission } from "~/models/authorization.server";
import { deleteCampaign, updateCampaign } from "~/models/campaign.server";
import { campaignFormSchema } from "~/models/petition";
import { orForbidden, organizerContext } from "~/utils/organizer.server";
import { useT } from "~/utils/i18n";
import { CampaignFields } from "~/components/campaign-fields";
import { UpdateIntervalForm } from "~/components/update-interval-form";
import { updateIntervalSchema } from "~/models/office-forms";
import { setUpdateInterval } from "~/models/petition-update.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign } = await organizerContext(request, params.campaign);
  await orForbidden(
    assertCampaignPermission({ actor, campaignId: campaign.id, permission: "campaign.update" }),
  );
  return {
    campaign: {
      name: campaign.name,
      description: campaign.description,
      defaultLocale: campaign.defaultLocale,
    },
    updateIntervalHours: campaign.updateIntervalHours,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, t } = await organizerContext(request, params.campaign);
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    if (String(form.get("confirmName") ?? "").trim() !== campaign.name)
      return { deleteError: t.settings.nameMismatch, saved: false };
    await orForbidden(deleteCampaign({ actor, campaignId: campaign.id }));
    return redirect("/dashboard");
  }
  if (form.get("intent") === "updates") {
    const parsed = updateIntervalSchema.safeParse({
      updateIntervalHours: form.get("updateIntervalHours"),
    });
    if (!parsed.success) return { intervalError: "interval", saved: false };
    await orForbidden(setUpdateInterval({ actor, campaignId: campaign.id, input: parsed.data }));
    return { saved: true };
  }
  const submission = parseWithZod(form, { schema: campaignFormSchema(t.v) });
  if (submission.status !== "success") return { result: submission.reply(), saved: false };
  await orForbidden(
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
  const { campaign, updateIntervalHours } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const o = useT("organizer");
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
      <Form method="post" className="card" {...getFormProps(form)}>
        <CampaignFields fields={fields} />
        <button type="submit">{o.dash.save}</button>
      </Form>
      <UpdateIntervalForm
        hours={updateIntervalHours}
        error={data && "intervalError" in data ? data.intervalError : null}
      />
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
            aria-invalid={data && "deleteError" in data ? true : undefined}
            aria-describedby={data && "deleteError" in data ? "delete-error" : undefined}
          />
          {data && "deleteError" in data ? (
            <p className="field-error" id="delete-error">
              {data.deleteError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="danger">
          {o.settings.deleteButton}
        </button>
      </Form>
    </div>
  );
}
