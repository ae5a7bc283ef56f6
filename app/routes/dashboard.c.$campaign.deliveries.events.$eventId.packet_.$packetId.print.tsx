// Print-ready HTML of one packet volume: the same rows as the PDF (read from the stored list), with
// print CSS for US Letter and A4 that repeats the table header and never splits a row.
// (`packet_` in the file name: this page is not rendered inside the packet page.)
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber } from "~/locales/common";
import packetLocale from "~/locales/packet";
import { getPrintView } from "~/domain/packets/print-view.server";
import { groupHeading, inEveryLanguage, printStrings } from "~/domain/packets/print-wording";
import { PrintButton } from "~/components/print-button";
import packetStyles from "~/styles/packet.css";
import { useT } from "~/lib/i18n";
import { parseId, userContext } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { int4Id } from "~/lib/params";

export const links = () => [{ rel: "stylesheet", href: packetStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.packetId} — ${data.officeName} — Handover` : "Handover" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const url = new URL(request.url);
  const volume = int4Id(url.searchParams.get("volume") ?? "1") ?? 1;
  const view = await orHttp(
    getPrintView({
      actor,
      packetId: params.packetId!,
      volume,
      eventId: parseId(params.eventId),
    }),
  );
  const paper =
    url.searchParams.get("paper") === "a4" ||
    (!url.searchParams.get("paper") && view.packet.paperSize === "a4")
      ? "a4"
      : "letter";
  const p = view.packet;
  return {
    locale,
    packetLocale: p.locale,
    bilingual: p.bilingual,
    packetId: p.id,
    base: `/dashboard/c/${view.campaign.slug}/deliveries/events/${p.eventId}/packet`,
    paper,
    volume: view.volume,
    volumeCount: view.volumeCount,
    officeName: view.office.name,
    titles: view.titles,
    coverLetter: view.coverLetter,
    verification: view.verification,
    rows: view.rows,
    firstOnlineNumber: view.firstOnlineNumber,
    comments: view.comments,
  };
}

const cssString = (s: string) =>
  `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;

export default function PrintView() {
  const d = useLoaderData<typeof loader>();
  const t = useT(packetLocale);
  const strings = printStrings({ locale: d.packetLocale, bilingual: d.bilingual });
  const s = strings[0]!;
  const both = (pick: (x: typeof s) => string) => inEveryLanguage(strings, pick);
  const title = [...new Set(d.titles.map((x) => x.title))].join(" / ");
  const pageWord = d.bilingual
    ? ["Page ", " of ", " · Página ", " de "]
    : d.packetLocale === "es"
      ? ["Página ", " de "]
      : ["Page ", " of "];
  const pageContent = d.bilingual
    ? `${cssString(pageWord[0]!)} counter(page) ${cssString(pageWord[1]!)} counter(pages) ${cssString(pageWord[2]!)} counter(page) ${cssString(pageWord[3]!)} counter(pages)`
    : `${cssString(pageWord[0]!)} counter(page) ${cssString(pageWord[1]!)} counter(pages)`;
  const idLine = [s.packet(d.packetId), d.volumeCount > 1 ? s.volume(d.volume, d.volumeCount) : ""]
    .filter(Boolean)
    .join(" · ");
  const pageCss = `@page { size: ${d.paper === "a4" ? "A4" : "letter"}; margin: 18mm 14mm 14mm;
    @top-left { content: ${cssString(`${title} — ${d.officeName}`)}; font: 600 8pt system-ui, sans-serif; }
    @top-right { content: ${pageContent}; font: 600 8pt system-ui, sans-serif; }
    @bottom-right { content: ${cssString(idLine)}; font: 8pt system-ui, sans-serif; } }`;
  let online = d.firstOnlineNumber - 1;
  let lastHeading = "";
  const heading = (r: (typeof d.rows)[number]) =>
    groupHeading({ strings, group: r.group, kind: r.kind, officeName: d.officeName });
  const other = d.paper === "a4" ? "letter" : "a4";
  return (
    <div className={`print-view paper-${d.paper}`} lang={d.packetLocale}>
      {/* Raw CSS: as a text child React would HTML-escape the quotes, which <style> does not decode. */}
      <style dangerouslySetInnerHTML={{ __html: pageCss.replace(/</g, "\\3c ") }} />
      <div className="print-controls no-print card">
        <p className="small">
          <Link to={d.base}>← {t.packetTitle}</Link>
        </p>
        <h2>
          {t.printTitle}: {d.officeName}{" "}
          {d.volumeCount > 1 ? `· ${t.printVolume(d.volume, d.volumeCount)}` : ""}
        </h2>
        <PrintButton />
        <p className="small">
          {t.printPaperSize}: <strong>{d.paper === "a4" ? t.paperA4 : t.paperLetter}</strong> ·{" "}
          <a href={`?volume=${d.volume}&paper=${other}`}>
            {other === "a4" ? t.paperA4 : t.paperLetter}
          </a>
          {d.volumeCount > 1 ? (
            <>
              {" "}
              · {t.printOtherVolumes}:{" "}
              {Array.from({ length: d.volumeCount }, (_, i) => i + 1).map((v) =>
                v === d.volume ? (
                  <strong key={v}> {v} </strong>
                ) : (
                  <a key={v} href={`?volume=${v}&paper=${d.paper}`}>
                    {" "}
                    {v}{" "}
                  </a>
                ),
              )}
            </>
          ) : null}
        </p>
      </div>

      {/* The cover letter: volume 1 only, the same words as the PDF's (cover-letter.ts). */}
      {d.coverLetter.map((letter, i) => (
        <section className="print-letter print-page" key={i} lang={letter.locale}>
          <p>{letter.date}</p>
          <address>
            {letter.recipient.map((line, j) => (
              <span key={j} className={j === 0 ? "strong" : undefined}>
                {line}
                <br />
              </span>
            ))}
          </address>
          <p>{letter.salutation}</p>
          <p>{letter.body}</p>
          <p>{letter.inPacket}</p>
          <p>{letter.privacy}</p>
          <p>{letter.ask}</p>
          <p>
            {letter.closing}
            <br />
            <strong>{letter.signedBy}</strong>
          </p>
          <h3>{letter.petitionHeading}</h3>
          <h4>{letter.petitionTitle}</h4>
          {letter.petitionSummary ? <p>{letter.petitionSummary}</p> : null}
          {letter.petitionParagraphs.map((p, k) => (
            <p key={k} className="pre-line">
              {p}
            </p>
          ))}
        </section>
      ))}

      <table className="sig-list">
        <thead>
          <tr>
            <th scope="col">{s.colNumber}</th>
            <th scope="col">{both((x) => x.colName)}</th>
            <th scope="col">{both((x) => x.colCity)}</th>
            <th scope="col">{both((x) => x.colRegion)}</th>
            <th scope="col">{both((x) => x.colDate)}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.flatMap((r, i) => {
            const out = [];
            const h = heading(r);
            if (h !== lastHeading) {
              lastHeading = h;
              out.push(
                <tr key={`h${i}`} className="group-row">
                  <th colSpan={5} scope="rowgroup">
                    {h}
                  </th>
                </tr>,
              );
            }
            if (r.kind === "online") online++;
            const unnamed = r.kind === "paper" && r.name === null;
            out.push(
              <tr key={i} className={r.kind === "paper" ? "paper-row" : undefined}>
                <td>
                  {r.kind === "paper" ? (
                    <span className="paper-label">{s.paperLabel}</span>
                  ) : (
                    online
                  )}
                </td>
                {unnamed ? (
                  <td colSpan={2}>{s.paperUnnamed(r.count)}</td>
                ) : (
                  // The stored list names unnamed signers in the packet's first language.
                  <td>
                    {r.name === null || r.name === s.anonymous ? both((x) => x.anonymous) : r.name}
                  </td>
                )}
                {unnamed ? null : <td>{r.city}</td>}
                <td>{r.region}</td>
                <td>{r.date}</td>
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>

      {d.volume === d.volumeCount ? (
        <>
          {d.comments.length ? (
            <section className="print-comments print-page">
              <h3>{both((x) => x.commentsHeading)}</h3>
              <p className="small">{both((x) => x.commentsIntro)}</p>
              {d.comments.map((c, i) => (
                <blockquote key={i}>
                  <p>“{c.comment}”</p>
                  <footer>{s.commentBy(c.name ?? both((x) => x.anonymous), c.city)}</footer>
                </blockquote>
              ))}
            </section>
          ) : null}
          <section className="print-final print-page">
            {/* The same words as the PDF's last page (verification-page.ts). */}
            {d.verification.map((x, i) => (
              <div key={i} className="stack">
                <h3>{x.heading}</h3>
                <p className="strong">{x.total}</p>
                <p>{x.split}</p>
                <p>{x.volumes}</p>
                <p>{x.snapshot}</p>
                <p className="strong">{x.fingerprintLabel}</p>
                <p>
                  <code className="fingerprint">{x.fingerprint}</code>
                </p>
                <p className="strong">{x.verifyAt}</p>
                <p className="small">{x.how}</p>
              </div>
            ))}
          </section>
        </>
      ) : null}
      <p className="no-print small muted">
        {formatNumber(d.rows.length, d.locale)} · <code>{d.packetId}</code>
      </p>
    </div>
  );
}
