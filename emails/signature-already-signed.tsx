// To a signer who asked for the confirmation again after their signature was already confirmed.
import { defineEmail } from "./template";
import { EmailButton, renderLayout, renderTextLayout } from "./layout";
import { shareLinks } from "./share-links";

export type SignatureAlreadySignedProps = {
  firstName: string;
  petitionTitle: string;
  petitionUrl: string;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (title: string) => `You've already signed: ${title}`,
    heading: "You've already signed — and it counts",
    hello: (name: string) => `Hi ${name},`,
    body: (title: string) =>
      `Someone (we hope you) asked us to confirm your signature on “${title}” again. Your signature is already confirmed and counted; there is nothing else to do.`,
    share: "The best way to help now is to share the petition:",
    shareText: (title: string) => `I signed “${title}”. Will you sign too?`,
    open: "See the petition",
  },
  es: {
    subject: (title: string) => `Ya firmaste: ${title}`,
    heading: "Ya firmaste — y tu firma cuenta",
    hello: (name: string) => `Hola ${name}:`,
    body: (title: string) =>
      `Alguien (esperamos que tú) pidió confirmar de nuevo tu firma en “${title}”. Tu firma ya está confirmada y contada; no tienes que hacer nada más.`,
    share: "Lo que más ayuda ahora es compartir la petición:",
    shareText: (title: string) => `Firmé “${title}”. ¿Firmas tú también?`,
    open: "Ver la petición",
  },
};

export default defineEmail<SignatureAlreadySignedProps>({
  name: "signature-already-signed",
  sample: {
    firstName: "María",
    petitionTitle: "Stop deportations that start with a traffic stop",
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/sample",
  },
  render(props, locale) {
    const c = copy[locale];
    const links = shareLinks(props.petitionUrl, c.shareText(props.petitionTitle));
    const html = renderLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      unsubscribeUrl: props.unsubscribeUrl,
      children: (
        <>
          <p>{c.hello(props.firstName)}</p>
          <p>{c.body(props.petitionTitle)}</p>
          <p>{c.share}</p>
          <p>
            <a href={links.whatsapp}>WhatsApp</a> · <a href={links.facebook}>Facebook</a> ·{" "}
            <a href={links.x}>X</a>
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
        c.body(props.petitionTitle),
        `${c.share} ${props.petitionUrl}`,
      ],
      unsubscribeUrl: props.unsubscribeUrl,
    });
    return { subject: c.subject(props.petitionTitle), html, text };
  },
});
