import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listCampaignPetitions } from "~/domain/petitions/petition-admin.server";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { PetitionsSection } from "~/components/petition-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, can } = await requireCampaignMember(request, params.campaign);
  const petitions = await orHttp(listCampaignPetitions({ actor, campaignId: campaign.id }));
  return {
    petitions,
    canManage: can.managePetitions,
    base: `/dashboard/c/${campaign.slug}`,
  };
}

export default function Petitions() {
  const { petitions, canManage, base } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PetitionsSection petitions={petitions} base={base} canManage={canManage} />
    </div>
  );
}
