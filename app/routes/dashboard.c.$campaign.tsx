import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { CampaignNav } from "~/components/campaign-nav";
import { requireCampaignMember } from "~/http/auth.server";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.campaign.name} — Handover` : "Handover" },
];

// The campaign shell: checks membership once, then renders the campaign's navigation.
// Child routes still authorize their own actions in the domain functions they call.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireCampaignMember(request, params.campaign!);
  return {
    campaign: { id: found.campaign.id, slug: found.campaign.slug, name: found.campaign.name },
    role: found.role,
    can: found.can,
    // Set by the invitation's accept step: say where the person landed and as what.
    joined: new URL(request.url).searchParams.get("joined") === "1",
  };
}

export default function CampaignLayout() {
  const { campaign, role, can, joined } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const t = o.nav;
  return (
    <div className="campaign-shell">
      <div className="campaign-head">
        <p className="small muted">
          <a href="/dashboard">{t.campaigns}</a> /
        </p>
        <h1 className="campaign-name">{campaign.name}</h1>
        <CampaignNav slug={campaign.slug} can={can} />
        {joined ? (
          <p className="notice ok" role="status">
            {o.auth.joinedAs(campaign.name, o.roles[role].toLowerCase())}
          </p>
        ) : null}
      </div>
      <Outlet />
    </div>
  );
}
