// To the campaign team when a coordinator reports a delivery.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type DeliveryReportedProps = {
  officeName: string;
  city: string;
  deliveredAt: string;
  timeZone: string;
  receivedBy: string;
  signatures: number | null;
  attendees: number | null;
  howItWent: string;
  reportedBy: string;
  eventUrl: string;
};

const copy = {
  en: {
    subject: (p: DeliveryReportedProps) => `Delivered in ${p.city}: ${p.officeName}`,
    lead: (p: DeliveryReportedProps, when: string) =>
      `${p.reportedBy} reported the delivery to ${p.officeName} on ${when}.`,
    receivedBy: "Received by",
    signatures: "Signatures handed over",
    attendees: "People there",
    howItWent: "How it went",
    view: "Open the event",
  },
  es: {
    subject: (p: DeliveryReportedProps) => `Entregada en ${p.city}: ${p.officeName}`,
    lead: (p: DeliveryReportedProps, when: string) =>
      `${p.reportedBy} informó la entrega en ${p.officeName} el ${when}.`,
    receivedBy: "Recibida por",
    signatures: "Firmas entregadas",
    attendees: "Personas presentes",
    howItWent: "Cómo fue",
    view: "Abrir el evento",
  },
};

export default defineEmail<DeliveryReportedProps>({
  name: "delivery-reported",
  sample: {
    officeName: "Harris County Democratic Party",
    city: "Houston",
    deliveredAt: "2026-12-08T17:20:00.000Z",
    timeZone: "America/Chicago",
    receivedBy: "Jordan Lee, chief of staff",
    signatures: 412,
    attendees: 9,
    howItWent: "Warm welcome, photos taken.",
    reportedBy: "Héctor",
    eventUrl: "http://localhost:3000/dashboard/c/x/deliveries/events/1",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.lead(p, formatDateTimeWords(p.deliveredAt, p.timeZone, locale))];
    if (p.receivedBy) paragraphs.push(`${t.receivedBy}: ${p.receivedBy}`);
    if (p.signatures != null) paragraphs.push(`${t.signatures}: ${p.signatures}`);
    if (p.attendees != null) paragraphs.push(`${t.attendees}: ${p.attendees}`);
    if (p.howItWent) paragraphs.push(`${t.howItWent}: ${p.howItWent}`);
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: t.subject(p),
      paragraphs,
      action: { label: t.view, href: p.eventUrl },
    });
  },
});
