// What the coordinator reported about a delivery, read-only.
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { formatInZone } from "~/lib/zoned-time";

export type ReportFacts = {
  deliveredAt: string | Date;
  receivedByName: string | null;
  receivedByTitle: string | null;
  signaturesHandedOver: number | null;
  attendeesCount: number | null;
  howItWent: string | null;
  officeResponse: string | null;
  links: string[];
};

export function DeliveryReportView({
  report,
  timeZone,
  locale,
}: {
  report: ReportFacts;
  timeZone: string;
  locale: "en" | "es";
}) {
  const t = useT(deliveryMessages);
  return (
    <section className="card" aria-labelledby="report-view-heading">
      <h3 id="report-view-heading">{t.reportTitle}</h3>
      <dl className="event-facts">
        <dt>{t.deliveredAt}</dt>
        <dd>{formatInZone(report.deliveredAt, timeZone, locale)}</dd>
        {report.receivedByName ? (
          <>
            <dt>{t.receivedByName}</dt>
            <dd>{[report.receivedByName, report.receivedByTitle].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        {report.signaturesHandedOver != null ? (
          <>
            <dt>{t.signaturesHandedOver}</dt>
            <dd>{report.signaturesHandedOver}</dd>
          </>
        ) : null}
        {report.attendeesCount != null ? (
          <>
            <dt>{t.attendeesCount}</dt>
            <dd>{report.attendeesCount}</dd>
          </>
        ) : null}
        {report.howItWent ? (
          <>
            <dt>{t.howItWent}</dt>
            <dd>{report.howItWent}</dd>
          </>
        ) : null}
        {report.officeResponse ? (
          <>
            <dt>{t.officeResponse}</dt>
            <dd>{report.officeResponse}</dd>
          </>
        ) : null}
        {report.links.length ? (
          <>
            <dt>{t.links}</dt>
            <dd>
              {report.links.map((l) => (
                <a key={l} href={l} rel="noreferrer noopener" style={{ display: "block" }}>
                  {l}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
