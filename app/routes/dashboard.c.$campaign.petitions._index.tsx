import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roleAllows, getCampaignRole } from "~/models/authorization.server";
import { listCampaignPetitions } from "~/models/petition-admin.server";
import { orForbidden, organizerContext } from "~/utils/organizer.server";
import { useT } from "~/utils/i18n";
import { PetitionTable } from "~/components/petition-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user } = await organizerContext(request, params.campaign);
  const petitions = await orForbidden(listCampaignPetitions({ actor, campaignId: campaign.id }));
  const role = await getCampaignRole({ userId: user.id, campaignId: campaign.id });
  return { petitions, canManage: roleAllows(role, "petition.manage"), base: `/dashboard/c/${campaign.slug}` };
}

export default function Petitions() {
  const { petitions, canManage, base } = useLoaderData<typeof loader>();
  const o = useT("organizer");
  return (
    <div className="stack">
      <div className="section-head">
        <h2>{o.dash.petitions}</h2>
        {canManage ? (
          <Link className="button" to={`${base}/petitions/new`}>
            {o.dash.newPetition}
          </Link>
        ) : null}
      </div>
      <PetitionTable petitions={petitions} base={base} />
    </div>
  );
}
