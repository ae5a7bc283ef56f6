import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listMembers } from "~/domain/team/member.server";
import { listCampaignPetitions } from "~/domain/petitions/petition-admin.server";
import { formatNumber } from "~/locales/common";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { PetitionsSection } from "~/components/petition-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, can } = await requireCampaignMember(request, params.campaign);
  const [petitions, members] = await Promise.all([
    orHttp(listCampaignPetitions({ actor, campaignId: campaign.id })),
    orHttp(listMembers({ actor, campaignId: campaign.id })),
  ]);
  return {
    base: `/dashboard/c/${campaign.slug}`,
    description: campaign.description,
    petitions,
    teamSize: members.length,
    canManage: can.managePetitions,
    totalVerified: petitions.reduce((sum, p) => sum + p.verifiedCount, 0),
  };
}

export default function CampaignOverview() {
  const { base, description, petitions, teamSize, canManage, totalVerified } =
    useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const locale = useLocale();
  return (
    <div className="stack">
      {description ? <p className="muted">{description}</p> : null}
      <div className="stat-grid">
        <div className="stat">
          <div className="value">{formatNumber(petitions.length, locale)}</div>
          <div className="label">{o.dash.petitions}</div>
        </div>
        <div className="stat">
          <div className="value">{formatNumber(totalVerified, locale)}</div>
          <div className="label">{o.dash.verified}</div>
        </div>
        <div className="stat">
          <div className="value">{formatNumber(teamSize, locale)}</div>
          <div className="label">{o.dash.team}</div>
        </div>
      </div>
      <PetitionsSection petitions={petitions} base={base} canManage={canManage} />
    </div>
  );
}
