import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertCampaignPermission } from "~/domain/team/authorization.server";
import { petitionFormSchema } from "~/domain/petitions/petition";
import { createPetition, PetitionRuleError } from "~/domain/petitions/petition-admin.server";
import { getMessages } from "~/locales";
import { requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { PetitionEditor } from "~/components/petition-editor";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign);
  await orHttp(
    assertCampaignPermission({ actor, campaignId: campaign.id, permission: "petition.manage" }),
  );
  return { defaultLocale: campaign.defaultLocale };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const submission = parseWithZod(await request.formData(), { schema: petitionFormSchema(t.v) });
  if (submission.status !== "success") return submission.reply();
  try {
    const petition = await createPetition({
      actor,
      campaignId: campaign.id,
      input: submission.value,
    });
    return redirect(`/dashboard/c/${campaign.slug}/petitions/${petition.id}?saved=created`);
  } catch (error) {
    if (error instanceof PetitionRuleError && error.code === "slug_taken")
      return submission.reply({ fieldErrors: { slug: [t.v.slugTaken] } });
    return httpError(error);
  }
}

export default function NewPetition() {
  const { defaultLocale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const e = useT(organizerMessages).editor;
  return (
    <div className="stack">
      <h2>{e.newTitle}</h2>
      <PetitionEditor
        lastResult={lastResult}
        defaultValue={{ defaultLocale, goal: "1000" }}
        published={false}
        submitLabel={e.save}
      />
    </div>
  );
}
