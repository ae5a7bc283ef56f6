// To a signer once their signature is confirmed: thanks, the count, and share links.
import { defineEmail } from "./template";
import { plural } from "../app/lib/plural";
import { EmailButton, renderLayout, renderTextLayout } from "./layout";
import { shareLinks } from "./share-links";

export type SignatureThankYouProps = {
  firstName: string;
  petitionTitle: string;
  petitionUrl: string;
  verifiedCount: number;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (title: string) => `Thank you — your signature on “${title}” is confirmed`,
    heading: "Your signature is confirmed",
    hello: (name: string) => `Hi ${name},`,
    body: (title: string, n: number) =>
      `Thank you for signing “${title}”. ` +
      plural("en", n, {
        one: "You are its first verified signer.",
        other: "You are one of # verified signers.",
      }) +
      " We will carry the signatures, in person, to the people who decide.",
    share: "Ask two friends to sign — share the petition:",
    shareText: (title: string) => `I signed “${title}”. Will you sign too?`,
    open: "See the petition",
  },
  es: {
    subject: (title: string) => `Gracias — tu firma en “${title}” está confirmada`,
    heading: "Tu firma está confirmada",
    hello: (name: string) => `Hola ${name}:`,
    body: (title: string, n: number) =>
      `Gracias por firmar “${title}”. ` +
      plural("es", n, {
        one: "Eres la primera persona con firma verificada.",
        other: "Eres una de las # personas con firma verificada.",
      }) +
      " Llevaremos las firmas, en persona, a quienes deciden.",
    share: "Pide a dos amistades que firmen — comparte la petición:",
    shareText: (title: string) => `Firmé “${title}”. ¿Firmas tú también?`,
    open: "Ver la petición",
  },
};

export default defineEmail<SignatureThankYouProps>({
  name: "signature-thank-you",
  sample: {
    firstName: "María",
    petitionTitle: "Stop deportations that start with a traffic stop",
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    verifiedCount: 2901,
    unsubscribeUrl: "http://localhost:3000/unsubscribe/sample",
  },
  render(props, locale) {
    const c = copy[locale];
    const links = shareLinks(props.petitionUrl, c.shareText(props.petitionTitle));
    const body = c.body(props.petitionTitle, props.verifiedCount);
    const html = renderLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      unsubscribeUrl: props.unsubscribeUrl,
      children: (
        <>
          <p>{c.hello(props.firstName)}</p>
          <p>{body}</p>
          <p>{c.share}</p>
          <p>
            <a href={links.whatsapp}>WhatsApp</a> · <a href={links.facebook}>Facebook</a> ·{" "}
            <a href={links.x}>X</a> · <a href={links.email}>Email</a>
          </p>
          <EmailButton href={props.petitionUrl}>{c.open}</EmailButton>
        </>
      ),
    });
    const text = renderTextLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      paragraphs: [
        c.hello(props.firstName),
        body,
        c.share,
        `WhatsApp: ${links.whatsapp}`,
        `${c.open}: ${props.petitionUrl}`,
      ],
      unsubscribeUrl: props.unsubscribeUrl,
    });
    return { subject: c.subject(props.petitionTitle), html, text };
  },
});
