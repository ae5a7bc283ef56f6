// To a verified signer who asked for updates: a decision maker answered the petition (typed in by
// an organizer from a letter). In their language, with an unsubscribe link.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type SignerDecisionResponseProps = {
  firstName: string;
  petitionTitle: string;
  who: string;
  officeName: string;
  body: string;
  petitionUrl: string;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (p: SignerDecisionResponseProps) => `${p.who} answered your petition`,
    hello: (p: SignerDecisionResponseProps) => `Hi ${p.firstName},`,
    intro: (p: SignerDecisionResponseProps) =>
      `${p.who}${p.officeName ? ` (${p.officeName})` : ""} answered "${p.petitionTitle}":`,
    view: "Read it on the petition page",
    thanks: "Thank you for signing.",
  },
  es: {
    subject: (p: SignerDecisionResponseProps) => `${p.who} respondió a tu petición`,
    hello: (p: SignerDecisionResponseProps) => `Hola, ${p.firstName}:`,
    intro: (p: SignerDecisionResponseProps) =>
      `${p.who}${p.officeName ? ` (${p.officeName})` : ""} respondió a «${p.petitionTitle}»:`,
    view: "Léela en la página de la petición",
    thanks: "Gracias por firmar.",
  },
};

export default defineEmail<SignerDecisionResponseProps>({
  name: "signer-decision-response",
  sample: {
    firstName: "Ana",
    petitionTitle: "Stop traffic stops from becoming deportations",
    who: "Jordan Ellis, Chief of Staff",
    officeName: "Campaign Headquarters",
    body: "We received the petition and will meet with the organizers next week.",
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/token",
  },
  render: (p, locale) => {
    const t = copy[locale];
    return renderButtonEmail({
      locale,
      audience: "signer",
      subject: t.subject(p),
      paragraphs: [t.hello(p), t.intro(p), `“${p.body}”`, t.thanks],
      action: { label: t.view, href: p.petitionUrl },
      unsubscribeUrl: p.unsubscribeUrl,
    });
  },
});
