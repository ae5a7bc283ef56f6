// Public check of a delivery packet: count, fingerprint, snapshot time, petition and office.
// Never a signer's name. Works without JavaScript (the fingerprint check is a GET form).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatNumber } from "~/locales/common";
import strings from "~/locales/packet";
import { verifyPacket } from "~/domain/packets/verify-packet.server";
import packetStyles from "~/styles/packet.css";
import { resolveLocale, useT } from "~/lib/i18n";
import { formatInZone } from "~/lib/zoned-time";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links = () => [{ rel: "stylesheet", href: packetStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const given = url.searchParams.get("fingerprint");
  const preliminary = resolveLocale(request, "en");
  const found = await verifyPacket({
    packetId: params.packetId ?? "",
    fingerprint: given,
    locale: preliminary,
  });
  const locale = found ? resolveLocale(request, found.petitionLocale) : preliminary;
  const title = `${strings[locale].verifyTitle} — Handover`;
  if (!found) throw new Response(strings[locale].verifyNotFound, { status: 404 });
  return {
    locale,
    title,
    given: given ?? "",
    packet: {
      ...found,
      snapshotLabel: found.snapshotAt
        ? formatInZone(found.snapshotAt, found.timeZone, locale, {
            weekday: undefined,
            year: "numeric",
            month: "long",
            second: "2-digit",
          })
        : null,
    },
  };
}

export default function VerifyPacket() {
  const { packet, given, locale } = useLoaderData<typeof loader>();
  const t = useT(strings);
  return (
    <div className="container narrow stack verify-page">
      <h1>{t.verifyTitle}</h1>
      <p>{t.verifyIntro}</p>
      {!packet.ready ? (
        <p className="notice info" role="status">
          {t.verifyNotReady}
        </p>
      ) : (
        <>
          <dl className="packet-facts verify-facts card">
            <div>
              <dt>{t.packetId}</dt>
              <dd>
                <code>{packet.packetId}</code>
              </dd>
            </div>
            <div>
              <dt>{t.verifyPetition}</dt>
              <dd>{packet.petitionTitle}</dd>
            </div>
            <div>
              <dt>{t.verifyOffice}</dt>
              <dd>
                {packet.officeName}, {packet.officeCity}
              </dd>
            </div>
            <div>
              <dt>{t.verifyCount}</dt>
              <dd>
                <span className="count" data-testid="verify-count">
                  {formatNumber(packet.total, locale)}
                </span>{" "}
                <span className="small muted">
                  ({t.verifyCountDetail(packet.signatureCount, packet.paperCount)})
                </span>
              </dd>
            </div>
            <div>
              <dt>{t.snapshotAt}</dt>
              <dd>{packet.snapshotLabel}</dd>
            </div>
            <div>
              <dt>{t.pages}</dt>
              <dd>{formatNumber(packet.pageCount ?? 0, locale)}</dd>
            </div>
            <div className="wide">
              <dt>{t.fingerprint}</dt>
              <dd>
                <code className="fingerprint" data-testid="verify-fingerprint">
                  {packet.fingerprint}
                </code>
              </dd>
            </div>
          </dl>
          {packet.superseded ? <p className="notice info">{t.verifySuperseded}</p> : null}
          {packet.listErased ? (
            <p className="notice info" data-testid="verify-list-erased">
              {t.verifyListErased}
            </p>
          ) : null}
          <form method="get" className="card verify-check">
            <h2>{t.verifyCheck}</h2>
            <div className="field">
              <label htmlFor="fingerprint">{t.verifyCheckLabel}</label>
              <input
                type="text"
                id="fingerprint"
                name="fingerprint"
                defaultValue={given}
                autoComplete="off"
                spellCheck={false}
                className="mono"
              />
            </div>
            <button type="submit">{t.verifyCheckButton}</button>
          </form>
          {packet.checked ? (
            <p
              className={`notice ${packet.checked.matches ? "ok" : "error"}`}
              role="status"
              data-testid="verify-result"
            >
              {packet.checked.matches ? t.verifyMatch : t.verifyMismatch}
            </p>
          ) : null}
        </>
      )}
      <p className="small muted">{t.verifyNoNames}</p>
    </div>
  );
}
