// To a verified signer who asked for updates: at most one email per delivery day — where and when
// their own city's delivery happened first, then the other cities one line each — and at most one
// later follow-up gathering the offices' answers. In their language, with an unsubscribe link.
import { plural } from "../app/lib/plural";
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type DeliveryLine = {
  officeName: string;
  decisionMaker: string;
  city: string;
  deliveredAt: string;
  timeZone: string;
  attendees: number | null;
  signatures: number | null;
};
export type ResponseLine = {
  officeName: string;
  city: string;
  kind: "letter" | "meeting_promised" | "refused" | "other";
  note: string;
};

export type SignerDeliveryUpdateProps = {
  firstName: string;
  petitionTitle: string;
  kind: "day" | "follow-up";
  /** The delivery to the office serving the signer's area, when there was one that day. */
  own: DeliveryLine | null;
  others: DeliveryLine[];
  responses: ResponseLine[];
  petitionUrl: string;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (p: SignerDeliveryUpdateProps) => {
      if (p.kind === "follow-up")
        return p.responses.length === 1
          ? `${p.responses[0]!.officeName} answered your petition`
          : "The offices answered your petition";
      const first = p.own ?? p.others[0];
      const more = (p.own ? p.others.length : p.others.length - 1) || 0;
      return `Your petition was delivered in ${first?.city ?? ""}${more ? plural("en", more, { one: " and # more city", other: " and # more cities" }) : ""}`;
    },
    hello: (p: SignerDeliveryUpdateProps) => `Hi ${p.firstName},`,
    own: (p: SignerDeliveryUpdateProps, d: DeliveryLine, when: string) =>
      `"${p.petitionTitle}" was handed to ${d.officeName}${d.decisionMaker ? ` (${d.decisionMaker})` : ""} in ${d.city} on ${when}` +
      (d.attendees
        ? plural("en", d.attendees, { one: ", by # person", other: ", by # people" })
        : "") +
      (d.signatures
        ? plural("en", d.signatures, {
            one: ", with your signature.",
            other: ", with # signatures including yours.",
          })
        : ", with your signature."),
    othersLead: (n: number) =>
      plural("en", n, {
        one: "It was also delivered in:",
        other: "It was also delivered in # more cities:",
      }),
    allLead: "It was delivered today:",
    line: (d: DeliveryLine, when: string) => `${d.city}: ${d.officeName}, ${when}`,
    response: {
      letter: "answered with a letter.",
      meeting_promised: "promised a meeting.",
      refused: "refused to respond. We keep going.",
      other: "responded.",
    },
    responseLine: (r: ResponseLine, text: string) => `${r.officeName} (${r.city}) ${text}`,
    note: "What they said",
    view: "See the petition",
    thanks: "Thank you for signing.",
  },
  es: {
    subject: (p: SignerDeliveryUpdateProps) => {
      if (p.kind === "follow-up")
        return p.responses.length === 1
          ? `${p.responses[0]!.officeName} respondió a tu petición`
          : "Las oficinas respondieron a tu petición";
      const first = p.own ?? p.others[0];
      const more = (p.own ? p.others.length : p.others.length - 1) || 0;
      return `Tu petición fue entregada en ${first?.city ?? ""}${more ? plural("es", more, { one: " y # ciudad más", other: " y # ciudades más" }) : ""}`;
    },
    hello: (p: SignerDeliveryUpdateProps) => `Hola, ${p.firstName}:`,
    own: (p: SignerDeliveryUpdateProps, d: DeliveryLine, when: string) =>
      `«${p.petitionTitle}» fue entregada a ${d.officeName}${d.decisionMaker ? ` (${d.decisionMaker})` : ""} en ${d.city} el ${when}` +
      (d.attendees
        ? plural("es", d.attendees, { one: ", por # persona", other: ", por # personas" })
        : "") +
      (d.signatures
        ? plural("es", d.signatures, {
            one: ", con tu firma.",
            other: ", con # firmas, entre ellas la tuya.",
          })
        : ", con tu firma."),
    othersLead: (n: number) =>
      plural("es", n, {
        one: "También se entregó en:",
        other: "También se entregó en # ciudades más:",
      }),
    allLead: "Se entregó hoy:",
    line: (d: DeliveryLine, when: string) => `${d.city}: ${d.officeName}, ${when}`,
    response: {
      letter: "respondió con una carta.",
      meeting_promised: "prometió una reunión.",
      refused: "se negó a responder. Seguimos adelante.",
      other: "respondió.",
    },
    responseLine: (r: ResponseLine, text: string) => `${r.officeName} (${r.city}) ${text}`,
    note: "Lo que dijeron",
    view: "Ver la petición",
    thanks: "Gracias por firmar.",
  },
};

const sampleLine: DeliveryLine = {
  officeName: "Harris County Democratic Party",
  decisionMaker: "Chair Maria Lopez",
  city: "Houston",
  deliveredAt: "2026-12-08T17:20:00.000Z",
  timeZone: "America/Chicago",
  attendees: 9,
  signatures: 412,
};

export default defineEmail<SignerDeliveryUpdateProps>({
  name: "signer-delivery-update",
  sample: {
    firstName: "Ana",
    petitionTitle: "Stop traffic stops from becoming deportations",
    kind: "day",
    own: sampleLine,
    others: [
      {
        ...sampleLine,
        officeName: "Miami-Dade Democratic Party",
        city: "Miami",
        timeZone: "America/New_York",
      },
    ],
    responses: [],
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/token",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const when = (d: DeliveryLine) => formatDateTimeWords(d.deliveredAt, d.timeZone, locale);
    const paragraphs = [t.hello(p)];
    if (p.kind === "day") {
      if (p.own) paragraphs.push(t.own(p, p.own, when(p.own)));
      if (p.others.length) {
        paragraphs.push(p.own ? t.othersLead(p.others.length) : t.allLead);
        for (const d of p.others) paragraphs.push(t.line(d, when(d)));
      }
    }
    for (const r of p.responses) {
      paragraphs.push(t.responseLine(r, t.response[r.kind]));
      if (r.note) paragraphs.push(`${t.note}: ${r.note}`);
    }
    paragraphs.push(t.thanks);
    return renderButtonEmail({
      locale,
      audience: "signer",
      subject: t.subject(p),
      paragraphs,
      action: { label: t.view, href: p.petitionUrl },
      unsubscribeUrl: p.unsubscribeUrl,
    });
  },
});
