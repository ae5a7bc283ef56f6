// The petition page's responses from decision makers and updates from the organizers.
// Plain text, paragraphs kept: nobody's words are rendered as HTML.
import type { Locale } from "#db/schema/states";
import type { PetitionNewsForPage } from "~/domain/petitions/petition-news.server";
import { useT } from "~/lib/i18n";
import petitionNewsMessages from "~/locales/petition-news";

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="pre-line">
            {p}
          </p>
        ))}
    </>
  );
}

export function PetitionNews({ news, locale }: { news: PetitionNewsForPage; locale: Locale }) {
  const t = useT(petitionNewsMessages, locale);
  if (!news.responses.length && !news.updates.length) return null;
  return (
    <>
      {news.responses.length ? (
        <section className="card responses" id="responses" aria-labelledby="responses-title">
          <h2 id="responses-title">{t.responsesTitle}</h2>
          {news.responses.map((r) => (
            <article key={r.id} className="response" data-testid="response">
              <blockquote>
                <Paragraphs text={r.body} />
              </blockquote>
              <p className="small">
                <strong>{r.who || r.officeName}</strong>
                {r.officeName && r.who ? ` · ${r.officeName}` : ""} · {t.respondedOn(r.when)}
              </p>
              {r.officeName && r.city ? (
                <p className="small muted">
                  {t.answers(r.officeName, r.city)}
                  {r.viaOffice ? ` · ${t.viaOffice}` : ""}
                </p>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}
      {news.updates.length ? (
        <section className="card updates" id="updates" aria-labelledby="updates-title">
          <h2 id="updates-title">{t.updatesTitle}</h2>
          {news.updates.map((u) => (
            <article key={u.id} className="update" data-testid="update">
              <h3>{u.title}</h3>
              <p className="small muted">{t.postedOn(u.when)}</p>
              <Paragraphs text={u.body} />
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
