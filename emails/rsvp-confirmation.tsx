// To a volunteer who RSVPed to a delivery: going or waitlisted, the time in the office's zone,
// the meeting point (now that they signed up), a cancel link. The .ics rides along as an attachment.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import {
  meetingPointLine,
  renderVolunteerEventEmail,
  sampleVolunteerEvent,
} from "./volunteer-event";
import { defineEmail } from "./template";

export type RsvpConfirmationProps = {
  name: string;
  officeName: string;
  city: string;
  startsAt: string;
  timeZone: string;
  meetingPoint: string;
  waitlisted: boolean;
  eventUrl: string;
  cancelUrl: string;
};

const copy = {
  en: {
    subject: (p: RsvpConfirmationProps) =>
      p.waitlisted
        ? `You're on the waitlist: delivery in ${p.city}`
        : `You're in: delivery in ${p.city}`,
    hello: (name: string) => `Hi ${name},`,
    going: (p: RsvpConfirmationProps, when: string) =>
      `Thank you for joining the delivery to ${p.officeName} on ${when}.`,
    waitlist: (p: RsvpConfirmationProps, when: string) =>
      `The delivery to ${p.officeName} on ${when} is full for now. You're on the waitlist: if a place opens we'll move you in and email you.`,
    meet: "Meeting point",
    calendar: "The invitation is attached: open it to add the delivery to your calendar.",
    view: "See the event",
    cancel: "Can't make it? Cancel your RSVP",
  },
  es: {
    subject: (p: RsvpConfirmationProps) =>
      p.waitlisted
        ? `Estás en la lista de espera: entrega en ${p.city}`
        : `Confirmado: entrega en ${p.city}`,
    hello: (name: string) => `Hola, ${name}:`,
    going: (p: RsvpConfirmationProps, when: string) =>
      `Gracias por sumarte a la entrega en ${p.officeName} el ${when}.`,
    waitlist: (p: RsvpConfirmationProps, when: string) =>
      `La entrega en ${p.officeName} el ${when} está llena por ahora. Estás en la lista de espera: si se libera un lugar te pasaremos a la lista y te escribiremos.`,
    meet: "Punto de encuentro",
    calendar: "La invitación va adjunta: ábrela para añadir la entrega a tu calendario.",
    view: "Ver el evento",
    cancel: "¿No puedes ir? Cancela tu asistencia",
  },
};

export default defineEmail<RsvpConfirmationProps>({
  name: "rsvp-confirmation",
  sample: { ...sampleVolunteerEvent, waitlisted: false },
  render: (p, locale) => {
    const t = copy[locale];
    const when = formatDateTimeWords(p.startsAt, p.timeZone, locale);
    const lead = p.waitlisted ? t.waitlist(p, when) : t.going(p, when);
    // The waitlist gets neither the meeting point nor the invitation: no place is held for them yet.
    const placeHeld = p.waitlisted ? [] : [...meetingPointLine(t.meet, p.meetingPoint), t.calendar];
    return renderVolunteerEventEmail({
      locale,
      subject: t.subject(p),
      paragraphs: [t.hello(p.name), lead, ...placeHeld],
      event: p,
      copy: t,
    });
  },
});
