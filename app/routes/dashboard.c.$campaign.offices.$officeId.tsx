import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OfficeForm } from "~/components/office-form";
import { officeSchema } from "~/domain/offices/office";
import { getOffice, updateOffice } from "~/domain/offices/office.server";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { notFound, orHttp } from "~/http/errors.server";
import { resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

async function load(request: Request, params: { campaign?: string; officeId?: string }) {
  const { user, actor, ...found } = await requireCampaignMember(request, params.campaign!, {
    permission: "office.manage",
  });
  const office = await getOffice({
    actor,
    campaignId: found.campaign.id,
    officeId: parseId(params.officeId),
  });
  if (!office) throw notFound("No such office");
  return { user, actor, campaign: found.campaign, office };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, office } = await load(request, params);
  const o = office;
  const defaultValue: Record<string, string> = {
    name: o.name,
    kind: o.kind,
    decisionMaker: o.decisionMaker,
    decisionMakerTitle: o.decisionMakerTitle,
    addressLine1: o.addressLine1,
    addressLine2: o.addressLine2,
    city: o.city,
    region: o.region,
    postalCode: o.postalCode,
    country: o.country,
    timeZone: o.timeZone,
    phone: o.phone,
    email: o.email,
    notes: o.notes,
    localRegions: o.localRegions.join(", "),
    localPostalPrefixes: o.localPostalPrefixes.join(", "),
  };
  return { locale: resolveLocale(request, user.locale), defaultValue };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, office } = await load(request, params);
  const submission = parseWithZod(await request.formData(), { schema: officeSchema });
  if (submission.status !== "success") return submission.reply();
  await orHttp(
    updateOffice({ actor, campaignId: campaign.id, officeId: office.id, input: submission.value }),
  );
  return redirect(`/dashboard/c/${campaign.slug}/offices?saved=1`);
}

export default function EditOffice() {
  const { defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  return (
    <div className="stack">
      <h2>
        {t.editOffice}: {defaultValue.name}
      </h2>
      <OfficeForm lastResult={lastResult} defaultValue={defaultValue} />
    </div>
  );
}
