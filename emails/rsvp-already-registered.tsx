// To an address that RSVPs again while already signed up: the page answered as for anyone, so this
// email is where the volunteer learns they are already in — with the event and the cancel link.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderVolunteerEventEmail, sampleVolunteerEvent } from "./volunteer-event";
import { defineEmail } from "./template";

export type RsvpAlreadyRegisteredProps = {
  name: string;
  officeName: string;
  city: string;
  startsAt: string;
  timeZone: string;
  waitlisted: boolean;
  eventUrl: string;
  cancelUrl: string;
};

const copy = {
  en: {
    subject: (p: RsvpAlreadyRegisteredProps) => `You're already signed up: delivery in ${p.city}`,
    hello: (name: string) => `Hi ${name},`,
    lead: (p: RsvpAlreadyRegisteredProps, when: string) =>
      p.waitlisted
        ? `Someone asked again to join the delivery to ${p.officeName} on ${when} with this address. You're already on its waitlist: nothing has changed.`
        : `Someone asked again to join the delivery to ${p.officeName} on ${when} with this address. You already have a place: nothing has changed.`,
    view: "See the event",
    cancel: "Can't make it? Cancel your RSVP",
  },
  es: {
    subject: (p: RsvpAlreadyRegisteredProps) => `Ya estás inscrito: entrega en ${p.city}`,
    hello: (name: string) => `Hola, ${name}:`,
    lead: (p: RsvpAlreadyRegisteredProps, when: string) =>
      p.waitlisted
        ? `Alguien volvió a pedir sumarse a la entrega en ${p.officeName} el ${when} con este correo. Ya estás en su lista de espera: no ha cambiado nada.`
        : `Alguien volvió a pedir sumarse a la entrega en ${p.officeName} el ${when} con este correo. Ya tienes un lugar: no ha cambiado nada.`,
    view: "Ver el evento",
    cancel: "¿No puedes ir? Cancela tu asistencia",
  },
};

export default defineEmail<RsvpAlreadyRegisteredProps>({
  name: "rsvp-already-registered",
  sample: { ...sampleVolunteerEvent, waitlisted: false },
  render: (p, locale) => {
    const t = copy[locale];
    const when = formatDateTimeWords(p.startsAt, p.timeZone, locale);
    return renderVolunteerEventEmail({
      locale,
      subject: t.subject(p),
      paragraphs: [t.hello(p.name), t.lead(p, when)],
      event: p,
      copy: t,
    });
  },
});
