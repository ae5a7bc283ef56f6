// Print-ready HTML of one packet volume: the same rows as the PDF (read from the stored list), with
// print CSS for US Letter and A4 that repeats the table header and never splits a row.
// (`packet_` in the file name: this page is not rendered inside the packet page.)
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import packetLocale from "~/locales/packet";
import { formatNumber } from "~/locales/common";
import { getPrintView, letterDate, snapshotTime } from "~/domain/packets/packet.server";
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
  const o = view.office;
  const letterLocales = p.bilingual ? (["en", "es"] as const) : [p.locale];
  return {
    locale,
    packetLocale: p.locale,
    bilingual: p.bilingual,
    packetId: p.id,
    base: `/dashboard/c/${view.campaign.slug}/deliveries/events/${p.eventId}/packet`,
    paper,
    volume: view.volume,
    volumeCount: view.volumeCount,
    officeName: o.name,
    recipient: [
      o.decisionMaker || o.name,
      o.decisionMakerTitle,
      o.name,
      o.addressLine1,
      o.addressLine2,
      [o.city, [o.region, o.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", "),
    ].filter(Boolean),
    dearName: o.decisionMaker || o.name,
    campaignName: view.campaign.name,
    titles: view.titles,
    // Dated the delivery day (as the PDF), each language's page in its own words.
    date: letterLocales.map((l) => letterDate(view.deliveryAt, view.timeZone, l)),
    snapshot: letterLocales.map((l) => snapshotTime(p.snapshotAt!, view.timeZone, l)),
    counts: {
      online: p.signatureCount ?? 0,
      paper: p.paperCount ?? 0,
      local: p.localCount ?? 0,
      totalVerified: p.totalVerified ?? 0,
      paperAll: view.paperAll,
    },
    fingerprint: p.fingerprint ?? "",
    verifyUrl: view.verifyUrl,
    rows: view.rows,
    firstOnlineNumber: view.firstOnlineNumber,
    comments: view.comments,
  };
}

const cssString = (s: string) =>
  `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;

function paragraphs(md: string) {
  return md
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((p) =>
      p
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__|\*|_|`)/g, "")
        .replace(/^#{1,6}\s*/gm, "")
        .trim(),
    )
    .filter(Boolean);
}

export default function PrintView() {
  const d = useLoaderData<typeof loader>();
  const t = useT("packet");
  const strings = d.bilingual
    ? [packetLocale.en.pdf, packetLocale.es.pdf]
    : [packetLocale[d.packetLocale].pdf];
  const s = strings[0]!;
  const both = (pick: (x: typeof s) => string) => [...new Set(strings.map(pick))].join(" / ");
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
    both((x) =>
      r.kind === "online"
        ? r.group === "local"
          ? x.localHeading(d.officeName)
          : x.otherHeading
        : r.group === "local"
          ? x.paperLocalHeading(d.officeName)
          : x.paperOtherHeading,
    );
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

      {d.volume === 1
        ? strings.map((x, i) => {
            const text = d.titles[i] ?? d.titles[0]!;
            return (
              <section
                className="print-letter print-page"
                key={i}
                lang={d.bilingual ? (i === 0 ? "en" : "es") : d.packetLocale}
              >
                <p>{d.date[i] ?? d.date[0]}</p>
                <address>
                  {d.recipient.map((line, j) => (
                    <span key={j} className={j === 0 ? "strong" : undefined}>
                      {line}
                      <br />
                    </span>
                  ))}
                </address>
                <p>{x.letterDear(d.dearName)}</p>
                <p>
                  {x.letterBody({
                    title: text.title,
                    total: d.counts.totalVerified + d.counts.paperAll,
                    online: d.counts.totalVerified,
                    paper: d.counts.paperAll,
                    local: d.counts.local,
                    office: d.officeName,
                  })}
                </p>
                <p>{x.letterInPacket(d.counts.online + d.counts.paper)}</p>
                <p>{x.letterPrivacy}</p>
                <p>{x.letterAsk}</p>
                <p>
                  {x.letterClosing}
                  <br />
                  <strong>{d.campaignName}</strong>
                </p>
                <h3>{x.petitionHeading}</h3>
                <h4>{text.title}</h4>
                {text.summary ? <p>{text.summary}</p> : null}
                {paragraphs(text.body).map((p, k) => (
                  <p key={k} className="pre-line">
                    {p}
                  </p>
                ))}
              </section>
            );
          })
        : null}

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
            {strings.map((x, i) => (
              <div key={i} className="stack">
                <h3>{x.verifyHeading}</h3>
                <p className="strong">{x.verifyTotal(d.counts.online + d.counts.paper)}</p>
                <p>{x.verifySplit(d.counts.online, d.counts.paper, d.counts.local)}</p>
                <p>{x.verifyVolumes(d.volumeCount)}</p>
                <p>{x.verifySnapshot(d.snapshot[i] ?? d.snapshot[0]!)}</p>
                <p className="strong">{x.verifyFingerprint}</p>
                <p>
                  <code className="fingerprint">{d.fingerprint}</code>
                </p>
                <p className="strong">{x.verifyUrl(d.verifyUrl)}</p>
                <p className="small">{x.verifyHow}</p>
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
