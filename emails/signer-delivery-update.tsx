// To a verified signer who asked for updates: their petition was delivered (and, later, how the
// office answered). In their language, with an unsubscribe link.
import { formatNumber } from "../app/utils/intl-format";
import { formatInZone } from "../app/utils/zoned-time";
import { renderEventDetailsEmail } from "./event-details";
import { defineEmail } from "./template";

export type SignerDeliveryUpdateProps = {
  firstName: string;
  petitionTitle: string;
  officeName: string;
  decisionMaker: string;
  city: string;
  deliveredAt: string;
  timeZone: string;
  attendees: number | null;
  signatures: number | null;
  phase: "delivered" | "acknowledged";
  acknowledgement: "letter" | "meeting_promised" | "refused" | "other" | null;
  acknowledgementNote: string;
  petitionUrl: string;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (p: SignerDeliveryUpdateProps) =>
      p.phase === "delivered"
        ? `Your petition was delivered in ${p.city}`
        : `${p.officeName} answered your petition`,
    hello: (p: SignerDeliveryUpdateProps) => `Hi ${p.firstName},`,
    delivered: (p: SignerDeliveryUpdateProps, when: string) =>
      `"${p.petitionTitle}" was handed to ${p.officeName}${p.decisionMaker ? ` (${p.decisionMaker})` : ""} in ${p.city} on ${when}` +
      (p.attendees ? `, by ${p.attendees} ${p.attendees === 1 ? "person" : "people"}` : "") +
      (p.signatures
        ? `, with ${formatNumber(p.signatures, "en")} signatures including yours.`
        : ", with your signature."),
    response: {
      letter: "The office answered with a letter.",
      meeting_promised: "The office promised a meeting.",
      refused: "The office refused to respond. We keep going.",
      other: "The office responded.",
    },
    note: "What they said",
    view: "See the petition",
    thanks: "Thank you for signing.",
  },
  es: {
    subject: (p: SignerDeliveryUpdateProps) =>
      p.phase === "delivered"
        ? `Tu petición fue entregada en ${p.city}`
        : `${p.officeName} respondió a tu petición`,
    hello: (p: SignerDeliveryUpdateProps) => `Hola, ${p.firstName}:`,
    delivered: (p: SignerDeliveryUpdateProps, when: string) =>
      `«${p.petitionTitle}» fue entregada a ${p.officeName}${p.decisionMaker ? ` (${p.decisionMaker})` : ""} en ${p.city} el ${when}` +
      (p.attendees ? `, por ${p.attendees} ${p.attendees === 1 ? "persona" : "personas"}` : "") +
      (p.signatures
        ? `, con ${formatNumber(p.signatures, "es")} firmas, entre ellas la tuya.`
        : ", con tu firma."),
    response: {
      letter: "La oficina respondió con una carta.",
      meeting_promised: "La oficina prometió una reunión.",
      refused: "La oficina se negó a responder. Seguimos adelante.",
      other: "La oficina respondió.",
    },
    note: "Lo que dijeron",
    view: "Ver la petición",
    thanks: "Gracias por firmar.",
  },
};

export default defineEmail<SignerDeliveryUpdateProps>({
  name: "signer-delivery-update",
  sample: {
    firstName: "Ana",
    petitionTitle: "Stop traffic stops from becoming deportations",
    officeName: "Harris County Democratic Party",
    decisionMaker: "Chair Maria Lopez",
    city: "Houston",
    deliveredAt: "2026-12-08T17:20:00.000Z",
    timeZone: "America/Chicago",
    attendees: 9,
    signatures: 412,
    phase: "delivered",
    acknowledgement: null,
    acknowledgementNote: "",
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/token",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [
      t.hello(p),
      t.delivered(p, formatInZone(p.deliveredAt, p.timeZone, locale)),
    ];
    if (p.phase === "acknowledged" && p.acknowledgement)
      paragraphs.push(t.response[p.acknowledgement]);
    if (p.phase === "acknowledged" && p.acknowledgementNote)
      paragraphs.push(`${t.note}: ${p.acknowledgementNote}`);
    paragraphs.push(t.thanks);
    return renderEventDetailsEmail({
      locale,
      subject: t.subject(p),
      paragraphs,
      action: { label: t.view, href: p.petitionUrl },
      unsubscribeUrl: p.unsubscribeUrl,
    });
  },
});
