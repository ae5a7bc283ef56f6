// To a verified signer who asked for updates: the organizers' update, in the signer's language,
// with an unsubscribe link. Also sent as a test to the organizer who writes it.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type SignerPetitionUpdateProps = {
  firstName: string;
  petitionTitle: string;
  title: string;
  body: string;
  petitionUrl: string;
  unsubscribeUrl: string;
  test: boolean;
};

const copy = {
  en: {
    subject: (p: SignerPetitionUpdateProps) => `${p.test ? "[Test] " : ""}Update: ${p.title}`,
    hello: (p: SignerPetitionUpdateProps) => `Hi ${p.firstName},`,
    intro: (p: SignerPetitionUpdateProps) => `News about "${p.petitionTitle}", which you signed:`,
    view: "See the petition",
  },
  es: {
    subject: (p: SignerPetitionUpdateProps) => `${p.test ? "[Prueba] " : ""}Novedades: ${p.title}`,
    hello: (p: SignerPetitionUpdateProps) => `Hola, ${p.firstName}:`,
    intro: (p: SignerPetitionUpdateProps) => `Novedades sobre «${p.petitionTitle}», que firmaste:`,
    view: "Ver la petición",
  },
};

export default defineEmail<SignerPetitionUpdateProps>({
  name: "signer-petition-update",
  sample: {
    firstName: "Ana",
    petitionTitle: "Stop traffic stops from becoming deportations",
    title: "We delivered in five cities",
    body: "Thank you all. Chicago's office has already answered.",
    petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/token",
    test: false,
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.hello(p), t.intro(p), p.title, ...p.body.split(/\n{2,}/)];
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
