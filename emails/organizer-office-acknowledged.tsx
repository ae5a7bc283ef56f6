// To the team (owners, organizers, the event's coordinators): the office itself confirmed receipt
// of the packet sent by email, perhaps with a response.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type OrganizerOfficeAcknowledgedProps = {
  officeName: string;
  city: string;
  by: string;
  response: string;
  eventUrl: string;
};

const copy = {
  en: {
    subject: (p: OrganizerOfficeAcknowledgedProps) => `${p.officeName} acknowledged the petition`,
    body: (p: OrganizerOfficeAcknowledgedProps) =>
      `${p.officeName} (${p.city}) confirmed on its acknowledgement page that it received the petition${p.by ? ` — ${p.by}` : ""}.`,
    response: "Their response, now shown on the petition page:",
    noResponse: "They did not write a response.",
    view: "See the event",
  },
  es: {
    subject: (p: OrganizerOfficeAcknowledgedProps) => `${p.officeName} acusó recibo de la petición`,
    body: (p: OrganizerOfficeAcknowledgedProps) =>
      `${p.officeName} (${p.city}) confirmó en su página de acuse de recibo que recibió la petición${p.by ? ` — ${p.by}` : ""}.`,
    response: "Su respuesta, que ya aparece en la página de la petición:",
    noResponse: "No escribieron ninguna respuesta.",
    view: "Ver la entrega",
  },
};

export default defineEmail<OrganizerOfficeAcknowledgedProps>({
  name: "organizer-office-acknowledged",
  sample: {
    officeName: "Campaign Headquarters",
    city: "Chicago",
    by: "Jordan Ellis, Chief of Staff",
    response: "We received the petition and will meet with the organizers next week.",
    eventUrl: "http://localhost:3000/dashboard/c/drive-without-fear/deliveries/events/1",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.body(p), p.response ? `${t.response} ${p.response}` : t.noResponse];
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: t.subject(p),
      paragraphs,
      action: { label: t.view, href: p.eventUrl },
    });
  },
});
