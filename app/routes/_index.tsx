import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicPetitions } from "~/domain/petitions/petition.server";
import { displayGoal, progressPercent } from "~/lib/goal";
import { resolveLocale, useT, withLang } from "~/lib/i18n";
import commonMessages from "~/locales/common";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.locale === "es" ? "Handover — Peticiones" : "Handover — Petitions" },
  { name: "description", content: "Sign petitions and see them delivered in person." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const petitions = await listPublicPetitions({ locale });
  return { locale, petitions };
}

export default function Home() {
  const { petitions, locale } = useLoaderData<typeof loader>();
  const t = useT(commonMessages);
  return (
    <div className="stack">
      <section>
        <h1>{t.homeTitle}</h1>
        <p className="muted">{t.homeIntro}</p>
      </section>
      {petitions.length === 0 ? (
        <p>{t.noPetitions}</p>
      ) : (
        <ul className="petition-list">
          {petitions.map((p) => {
            const goal = displayGoal(p.verifiedCount, p.goal);
            return (
              <li key={p.slug} className="card petition-card">
                <h2 lang={p.textLocale}>
                  <Link to={withLang(`/p/${p.slug}`, locale)}>{p.title}</Link>
                </h2>
                {p.targets.length > 0 ? (
                  <p className="meta">
                    {t.to}:{" "}
                    {p.targets
                      .map((tg) => (tg.title ? `${tg.name}, ${tg.title}` : tg.name))
                      .join("; ")}
                  </p>
                ) : null}
                {p.summary ? <p lang={p.textLocale}>{p.summary}</p> : null}
                <p className="count" data-testid="petition-count">
                  {t.verifiedSignatures(p.verifiedCount)}
                </p>
                <div
                  className="progress"
                  role="img"
                  aria-label={`${t.verifiedSignatures(p.verifiedCount)} ${t.goalOf(goal)}`}
                >
                  <span style={{ width: `${progressPercent(p.verifiedCount, goal)}%` }} />
                </div>
                <p className="small muted">{t.goalOf(goal)}</p>
                {p.status === "closed" ? (
                  <span className="badge">{t.closed}</span>
                ) : (
                  <Link className="button" to={withLang(`/p/${p.slug}`, locale)}>
                    {t.signThisPetition}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
