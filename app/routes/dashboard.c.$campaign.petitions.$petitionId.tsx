import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { getPetitionForMember } from "~/domain/petitions/petition-admin.server";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { notFound, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import organizerMessages from "~/locales/organizer";

// One petition: its title, state and sub-navigation; children render the dashboard, editor and table.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, can } = await requireCampaignMember(request, params.campaign);
  const found = await orHttp(
    getPetitionForMember({
      actor,
      campaignId: campaign.id,
      petitionId: parseId(params.petitionId),
    }),
  );
  if (!found) throw notFound("No such petition");
  const text = found.texts.find((t) => t.locale === found.petition.defaultLocale) ?? found.texts[0];
  return {
    base: `/dashboard/c/${campaign.slug}/petitions/${found.petition.id}`,
    title: text?.title ?? found.petition.slug,
    status: found.petition.status,
    slug: found.petition.slug,
    canManage: can.managePetitions,
  };
}

export default function PetitionLayout() {
  const { base, title, status, canManage } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const office = useT(officeMessages);
  return (
    <div>
      <h2>
        {title}{" "}
        <span
          className={`badge ${status === "published" ? "ok" : status === "draft" ? "warn" : ""}`}
        >
          {o.states[status]}
        </span>
      </h2>
      <nav aria-label={o.dash.petitionNav} className="petition-subnav">
        <ul>
          <li>
            <NavLink to={base} end>
              {o.dash.overview}
            </NavLink>
          </li>
          {canManage ? (
            <li>
              <NavLink to={`${base}/edit`}>{o.dash.edit}</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/signatures`}>{o.dash.signatures}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/paper`}>{o.dash.paper}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/updates`}>{office.updatesNav}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/sources`}>{office.sourcesNav}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
