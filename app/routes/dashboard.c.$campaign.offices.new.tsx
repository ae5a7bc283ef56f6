import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { OfficeForm } from "~/components/office-form";
import { officeSchema } from "~/domain/offices/office";
import { createOffice } from "~/domain/offices/office.server";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireCampaignMember(request, params.campaign!, {
    permission: "office.manage",
  });
  return { locale: resolveLocale(request, user.locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign!, {
    permission: "office.manage",
  });
  const submission = parseWithZod(await request.formData(), { schema: officeSchema });
  if (submission.status !== "success") return submission.reply();
  await orHttp(createOffice({ actor, campaignId: campaign.id, input: submission.value }));
  return redirect(`/dashboard/c/${campaign.slug}/offices?saved=1`);
}

export default function NewOffice() {
  const lastResult = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  return (
    <div className="stack">
      <h2>{t.newOffice}</h2>
      <OfficeForm lastResult={lastResult} defaultValue={{ country: "US", kind: "party_office" }} />
    </div>
  );
}
