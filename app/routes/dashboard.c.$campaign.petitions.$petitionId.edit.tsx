import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertCampaignPermission } from "~/domain/team/authorization.server";
import { formatTargets, petitionFormSchema } from "~/domain/petitions/petition";
import { getPetitionForMember, PetitionRuleError, updatePetition } from "~/domain/petitions/petition-admin.server";
import { getMessages } from "~/locales";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { httpError, notFound, orHttp } from "~/http/errors.server";
import { localDate } from "~/lib/zoned-time";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { PetitionEditor } from "~/components/petition-editor";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user } = await requireCampaignMember(request, params.campaign);
  await orHttp(
    assertCampaignPermission({ actor, campaignId: campaign.id, permission: "petition.manage" }),
  );
  const found = await getPetitionForMember({
    actor,
    campaignId: campaign.id,
    petitionId: parseId(params.petitionId),
  });
  if (!found) throw notFound("No such petition");
  const { petition, texts } = found;
  const en = texts.find((t) => t.locale === "en");
  const es = texts.find((t) => t.locale === "es");
  return {
    published: !!petition.publishedAt,
    defaultValue: {
      slug: petition.slug,
      defaultLocale: petition.defaultLocale,
      goal: String(petition.goal),
      endsOn: petition.endsAt ? localDate(petition.endsAt, user.timeZone) : "",
      imageUrl: petition.imageUrl ?? "",
      targets: formatTargets(found.targets),
      titleEn: en?.title ?? "",
      summaryEn: en?.summary ?? "",
      bodyEn: en?.body ?? "",
      titleEs: es?.title ?? "",
      summaryEs: es?.summary ?? "",
      bodyEs: es?.body ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const petitionId = parseId(params.petitionId);
  const submission = parseWithZod(await request.formData(), { schema: petitionFormSchema(t.v) });
  if (submission.status !== "success") return submission.reply();
  try {
    await updatePetition({ actor, campaignId: campaign.id, petitionId, input: submission.value });
  } catch (error) {
    if (error instanceof PetitionRuleError && error.code === "slug_taken")
      return submission.reply({ fieldErrors: { slug: [t.v.slugTaken] } });
    if (error instanceof PetitionRuleError && error.code === "slug_confirm")
      return submission.reply({ fieldErrors: { confirmSlugChange: [t.v.slugConfirm] } });
    return httpError(error);
  }
  return redirect(`/dashboard/c/${campaign.slug}/petitions/${petitionId}?saved=saved`);
}

export default function EditPetition() {
  const { defaultValue, published } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const e = useT(organizerMessages).editor;
  return (
    <div className="stack">
      <h3>{e.editTitle}</h3>
      <PetitionEditor
        lastResult={lastResult}
        defaultValue={defaultValue}
        published={published}
        submitLabel={e.saveChanges}
      />
    </div>
  );
}
