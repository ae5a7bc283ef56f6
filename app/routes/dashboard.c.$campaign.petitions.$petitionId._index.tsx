import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import MarkdownIt from "markdown-it";
import { LOCALES } from "#db/schema/states";
import { getPetitionForMember, PetitionRuleError } from "~/domain/petitions/petition-admin.server";
import { transitionPetition } from "~/domain/petitions/petition-status.server";
import { signatureStats } from "~/domain/petitions/signature-stats.server";
import { formatNumber } from "~/locales/common";
import { getMessages } from "~/locales";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { httpError, notFound, orHttp } from "~/http/errors.server";
import { displayGoal, progressPercent } from "~/lib/goal";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { formatInZone } from "~/lib/zoned-time";
import { BarChart, HBars } from "~/components/charts";

// Raw HTML off: the preview shows exactly what signers will see.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user, can } = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const found = await orHttp(getPetitionForMember({ actor, campaignId: campaign.id, petitionId }));
  if (!found) throw notFound("No such petition");
  const unit = new URL(request.url).searchParams.get("unit") === "hour" ? "hour" : "day";
  const stats = await signatureStats({ actor, petitionId, unit, timeZone: user.timeZone });
  const { petition } = found;
  return {
    petition: {
      id: petition.id,
      slug: petition.slug,
      status: petition.status,
      goal: petition.goal,
      goalReachedAt: petition.goalReachedAt,
      publishedAt: petition.publishedAt,
      closedAt: petition.closedAt,
      defaultLocale: petition.defaultLocale,
    },
    previews: LOCALES.map((locale) => {
      const text = found.texts.find((t) => t.locale === locale);
      return {
        locale,
        title: text?.title ?? null,
        summary: text?.summary ?? "",
        html: text ? markdown.render(text.body) : "",
      };
    }),
    targets: found.targets.map((t) => ({ name: t.name, title: t.title })),
    oldSlugs: found.oldSlugs,
    verifiedCount: found.verifiedCount,
    stats,
    canManage: can.managePetitions,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const petitionId = parseId(params.petitionId);
  const intent = String((await request.formData()).get("intent"));
  if (intent !== "publish" && intent !== "close" && intent !== "reopen")
    return { error: t.pdash.badTransition };
  try {
    await transitionPetition({ actor, campaignId: campaign.id, petitionId, transition: intent });
  } catch (error) {
    if (error instanceof PetitionRuleError)
      return { error: intent === "publish" ? t.pdash.cannotPublish : t.pdash.badTransition };
    return httpError(error);
  }
  return redirect(`/dashboard/c/${campaign.slug}/petitions/${petitionId}?saved=${intent}`);
}

export default function PetitionDashboard() {
  const { petition, previews, targets, oldSlugs, verifiedCount, stats, canManage } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const o = useT(organizerMessages);
  const p = o.pdash;
  const locale = useLocale();
  const saved = params.get("saved");
  const flash =
    saved === "publish"
      ? o.editor.published
      : saved === "close"
        ? o.editor.closed
        : saved === "reopen"
          ? o.editor.reopened
          : saved === "created"
            ? o.editor.created
            : saved
              ? p.saved
              : null;
  const count = (status: string) => stats.byStatus.find((s) => s.status === status)?.n ?? 0;
  const goal = displayGoal(verifiedCount, petition.goal);
  const peak = stats.series.reduce<{ bucket: string; n: number } | null>(
    (best, s) => (!best || s.n > best.n ? s : best),
    null,
  );
  return (
    <div className="stack">
      {flash ? (
        <p className="notice ok" role="status">
          {flash}
        </p>
      ) : null}
      {data?.error ? (
        <p className="notice error" role="alert">
          {data.error}
        </p>
      ) : null}

      <div className="stat-grid">
        <div className="stat">
          <div className="value" data-testid="verified-count">
            {formatNumber(verifiedCount, locale)}
          </div>
          <div className="label">{p.verified}</div>
        </div>
        <div className="stat">
          <div className="value">{formatNumber(count("pending"), locale)}</div>
          <div className="label">{p.pending}</div>
        </div>
        <div className="stat">
          <div className="value">{formatNumber(count("invalidated"), locale)}</div>
          <div className="label">{p.invalidated}</div>
        </div>
        <div className="stat">
          <div className="value">{formatNumber(petition.goal, locale)}</div>
          <div className="label">{petition.goalReachedAt ? p.goalReached : p.goal}</div>
        </div>
      </div>
      <div
        className="progress"
        role="img"
        aria-label={`${formatNumber(verifiedCount, locale)} / ${formatNumber(goal, locale)}`}
      >
        <span style={{ width: `${progressPercent(verifiedCount, goal)}%` }} />
      </div>

      {canManage ? (
        <section className="card" aria-labelledby="state-heading">
          <h3 id="state-heading">
            {p.state}: {o.states[petition.status]}
          </h3>
          <Form method="post" className="page-actions">
            {petition.status === "draft" ? (
              <>
                <button type="submit" name="intent" value="publish">
                  {o.editor.publish}
                </button>
                <span className="small muted">{p.publishHint}</span>
              </>
            ) : null}
            {petition.status === "published" ? (
              <>
                <button type="submit" name="intent" value="close" className="secondary">
                  {o.editor.close}
                </button>
                <span className="small muted">{p.closeHint}</span>
              </>
            ) : null}
            {petition.status === "closed" ? (
              <button type="submit" name="intent" value="reopen">
                {o.editor.reopen}
              </button>
            ) : null}
            {petition.status !== "draft" ? (
              <a href={`/p/${petition.slug}`} className="button secondary">
                {o.editor.publicPage}
              </a>
            ) : null}
          </Form>
          {oldSlugs.length ? (
            <p className="small">
              {p.oldSlugs}: {oldSlugs.map((s) => `/p/${s}`).join(", ")}
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="chart-heading">
        <div className="section-head">
          <h3 id="chart-heading">{p.overTime}</h3>
          <p className="page-actions" style={{ margin: 0 }}>
            <Link
              to="?unit=day"
              aria-current={stats.unit === "day" ? "true" : undefined}
              preventScrollReset
            >
              {p.byDay}
            </Link>
            <Link
              to="?unit=hour"
              aria-current={stats.unit === "hour" ? "true" : undefined}
              preventScrollReset
            >
              {p.byHour}
            </Link>
          </p>
        </div>
        <p className="small muted">{stats.unit === "hour" ? p.perHour : p.perDay}</p>
        <p className="small muted" suppressHydrationWarning>
          {p.asOf(
            formatInZone(stats.asOf, stats.timeZone, locale, {
              weekday: undefined,
              month: undefined,
              day: undefined,
            }),
          )}
        </p>
        {stats.series.length ? (
          <>
            <BarChart
              series={stats.series}
              unit={stats.unit}
              locale={locale}
              label={p.chartLabel(
                stats.series.length,
                stats.series[0]!.bucket.replace("T", " "),
                stats.series[stats.series.length - 1]!.bucket.replace("T", " "),
              )}
            />
            {peak ? (
              <p className="small">
                {p.peak(formatNumber(peak.n, locale), peak.bucket.replace("T", " "))}
              </p>
            ) : null}
          </>
        ) : (
          <p>{p.noData}</p>
        )}
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="city-heading">
          <h3 id="city-heading">{p.byCity}</h3>
          {stats.byCity.length ? (
            <HBars items={stats.byCity} locale={locale} label={p.byCity} />
          ) : (
            <p>{p.noData}</p>
          )}
        </section>
        <section className="card" aria-labelledby="region-heading">
          <h3 id="region-heading">{p.byRegion}</h3>
          {stats.byRegion.length ? (
            <HBars items={stats.byRegion} locale={locale} label={p.byRegion} />
          ) : (
            <p>{p.noData}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="preview-heading">
        <h3 id="preview-heading">{p.preview}</h3>
        <div className="preview-langs">
          {previews.map((pv) => (
            <article key={pv.locale} className="preview" lang={pv.locale}>
              <p className="small muted">
                {pv.locale === "en" ? o.editor.english : o.editor.spanish}
              </p>
              {pv.title ? (
                <>
                  <h4>{pv.title}</h4>
                  {targets.length ? (
                    <p className="small">
                      {targets.map((t) => (t.title ? `${t.name}, ${t.title}` : t.name)).join("; ")}
                    </p>
                  ) : null}
                  {pv.summary ? <p>{pv.summary}</p> : null}
                  <div className="prose" dangerouslySetInnerHTML={{ __html: pv.html }} />
                </>
              ) : (
                <p className="muted">{p.noText}</p>
              )}
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
