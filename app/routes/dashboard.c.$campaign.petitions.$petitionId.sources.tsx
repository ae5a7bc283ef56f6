// Where a petition's signatures come from: a table by source code and a small chart per source.
// URL: /dashboard/c/<slug>/petitions/<id>/sources
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { formatNumber } from "~/locales/common";
import { getPetitionForMember } from "~/domain/petitions/petition-admin.server";
import { sourceStats } from "~/domain/petitions/source-stats.server";
import { NO_SOURCE } from "~/lib/source-code";
import { env } from "~/lib/env.server";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { notFound, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import { localeTag, numberFormat } from "~/lib/intl-format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user, locale } = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const found = await orHttp(getPetitionForMember({ actor, campaignId: campaign.id, petitionId }));
  if (!found) throw notFound("No such petition");
  const stats = await orHttp(sourceStats({ actor, petitionId, timeZone: user.timeZone }));
  return {
    locale,
    stats,
    example: `${env().APP_URL}/p/${found.petition.slug}?source=whatsapp-houston`,
  };
}

export default function PetitionSources() {
  const { stats, locale, example } = useLoaderData<typeof loader>();
  const t = useT(officeMessages);
  const label = (s: string) => (s === NO_SOURCE ? t.noSource : s);
  const pct = (x: number) =>
    numberFormat(localeTag(locale), { style: "percent", maximumFractionDigits: 0 }).format(x);
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="sources-heading">
        <h3 id="sources-heading">{t.sourcesHeading}</h3>
        <p>{t.sourcesIntro(stats.days)}</p>
        <p className="small">
          {t.example}: <code>{example}</code>
        </p>
        {stats.totals.length ? (
          <div className="table-wrap">
            <table data-testid="sources-table">
              <thead>
                <tr>
                  <th scope="col">{t.colSource}</th>
                  <th scope="col">{t.colSigned}</th>
                  <th scope="col">{t.colVerified}</th>
                  <th scope="col">{t.colConversion}</th>
                  <th scope="col">{t.colRecent(stats.days)}</th>
                </tr>
              </thead>
              <tbody>
                {stats.totals.map((r) => (
                  <tr key={r.source} data-source={r.source}>
                    <th scope="row">{label(r.source)}</th>
                    <td>{formatNumber(r.signed, locale)}</td>
                    <td>{formatNumber(r.verified, locale)}</td>
                    <td>{pct(r.conversion)}</td>
                    <td>{formatNumber(r.recent, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t.noSources}</p>
        )}
      </section>
      {stats.series.some((s) => s.points.length) ? (
        <div className="grid grid-2">
          {stats.series
            .filter((s) => s.points.length)
            .map((s) => (
              <section key={s.source} className="card" aria-label={label(s.source)}>
                <h4>{label(s.source)}</h4>
                <BarChart
                  series={s.points}
                  unit="day"
                  locale={locale}
                  label={t.sourceChart(label(s.source), stats.days)}
                />
              </section>
            ))}
        </div>
      ) : null}
    </div>
  );
}
