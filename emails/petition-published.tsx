// To a campaign's team when one of its petitions goes live.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

type Props = {
  publisherName: string;
  petitionTitle: string;
  publicUrl: string;
  dashboardUrl: string;
};

const copy = {
  en: {
    subject: (t: string) => `Published: ${t}`,
    body: (p: Props) =>
      `${p.publisherName} published “${p.petitionTitle}”. It is open for signatures now.`,
    link: "Public page",
    button: "Open the petition's dashboard",
  },
  es: {
    subject: (t: string) => `Publicada: ${t}`,
    body: (p: Props) => `${p.publisherName} publicó «${p.petitionTitle}». Ya se puede firmar.`,
    link: "Página pública",
    button: "Abrir el panel de la petición",
  },
};

export default defineEmail<Props>({
  name: "petition-published",
  sample: {
    publisherName: "Olivia",
    petitionTitle: "Stop traffic stops",
    publicUrl: "http://localhost:3000/p/sample",
    dashboardUrl: "http://localhost:3000/dashboard",
  },
  render: (props, locale) => {
    const c = copy[locale];
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: c.subject(props.petitionTitle),
      paragraphs: [c.body(props), { label: c.link, href: props.publicUrl }],
      action: { label: c.button, href: props.dashboardUrl },
    });
  },
});
