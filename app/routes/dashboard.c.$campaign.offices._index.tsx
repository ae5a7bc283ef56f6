// The campaign's office directory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOffices } from "~/domain/offices/office.server";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import styles from "~/styles/delivery.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, locale, can } = await requireCampaignMember(request, params.campaign);
  const offices = await orHttp(listOffices({ actor, campaignId: campaign.id }));
  const url = new URL(request.url);
  return {
    locale,
    slug: campaign.slug,
    can,
    imported: Number(url.searchParams.get("imported")) || 0,
    saved: url.searchParams.has("saved"),
    offices: offices.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      city: o.city,
      region: o.region,
      timeZone: o.timeZone,
      decisionMaker: o.decisionMaker,
      local: [...o.localRegions, ...o.localPostalPrefixes].join(", "),
    })),
  };
}

export default function Offices() {
  const { offices, slug, can, imported, saved } = useLoaderData<typeof loader>();
  const t = useT(deliveryMessages);
  return (
    <div className="stack">
      <div
        style={{
          display: "flex",
          flexWrap: "wrap",
          gap: 12,
          justifyContent: "space-between",
          alignItems: "baseline",
        }}
      >
        <h2>{t.officesTitle}</h2>
        {can.manageOffices ? (
          <p style={{ display: "flex", gap: 8 }}>
            <Link className="button" to={`/dashboard/c/${slug}/offices/new`}>
              {t.newOffice}
            </Link>
            <Link className="button secondary" to={`/dashboard/c/${slug}/offices/import`}>
              {t.importOffices}
            </Link>
          </p>
        ) : null}
      </div>
      {imported ? (
        <p className="notice ok" role="status">
          {t.imported(imported)}
        </p>
      ) : null}
      {saved ? (
        <p className="notice ok" role="status">
          {t.officeSaved}
        </p>
      ) : null}
      {offices.length === 0 ? (
        <p>{t.noOffices}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.colCity}</th>
                <th scope="col">{t.officeFields.name}</th>
                <th scope="col">{t.officeFields.kind}</th>
                <th scope="col">{t.officeFields.decisionMaker}</th>
                <th scope="col">{t.officeFields.timeZone}</th>
                <th scope="col">{t.colLocalArea}</th>
              </tr>
            </thead>
            <tbody>
              {offices.map((o) => (
                <tr key={o.id}>
                  <td>
                    {o.city}
                    {o.region ? `, ${o.region}` : ""}
                  </td>
                  <td>
                    {can.manageOffices ? (
                      <Link to={`/dashboard/c/${slug}/offices/${o.id}`}>{o.name}</Link>
                    ) : (
                      o.name
                    )}
                  </td>
                  <td>{t.officeKinds[o.kind]}</td>
                  <td>{o.decisionMaker}</td>
                  <td>{o.timeZone}</td>
                  <td>{o.local}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
