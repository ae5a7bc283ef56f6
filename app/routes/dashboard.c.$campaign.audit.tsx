import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAuditLog } from "~/domain/team/campaign.server";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { int4Id } from "~/lib/params";
import { dateTimeFormat, localeTag } from "~/lib/intl-format";

const PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign);
  const before = int4Id(new URL(request.url).searchParams.get("before")) ?? undefined;
  const entries = await orHttp(
    listAuditLog({ actor, campaignId: campaign.id, before, limit: PAGE }),
  );
  return { entries, older: entries.length === PAGE ? entries[entries.length - 1]!.id : null };
}

export default function Audit() {
  const { entries, older } = useLoaderData<typeof loader>();
  const t = useT(organizerMessages).audit;
  const locale = useLocale();
  const when = (d: string | Date) =>
    dateTimeFormat(localeTag(locale), { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(d),
    );
  return (
    <div className="stack">
      <h2>{t.title}</h2>
      {entries.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.what}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.details}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.createdAt)}</td>
                  <td>{e.actorName ?? "—"}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.subjectType ? `${e.subjectType} ${e.subjectId ?? ""}` : ""}</td>
                  <td className="audit-details">
                    {Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {older ? <Link to={`?before=${older}`}>{t.older}</Link> : null}
    </div>
  );
}
