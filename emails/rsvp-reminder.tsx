// To a volunteer going to a delivery: a reminder a day before and again a few hours before.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import {
  meetingPointLine,
  renderVolunteerEventEmail,
  sampleVolunteerEvent,
} from "./volunteer-event";
import { defineEmail } from "./template";

export type RsvpReminderProps = {
  name: string;
  officeName: string;
  city: string;
  startsAt: string;
  timeZone: string;
  meetingPoint: string;
  window: "day" | "hours";
  eventUrl: string;
  cancelUrl: string;
};

const copy = {
  en: {
    subject: (p: RsvpReminderProps) =>
      p.window === "day"
        ? `Tomorrow: the delivery in ${p.city}`
        : `Today: the delivery in ${p.city}`,
    body: (p: RsvpReminderProps, when: string) =>
      `Hi ${p.name}, a reminder: we deliver the petition to ${p.officeName} on ${when}.`,
    meet: "Meeting point",
    view: "See the event",
    cancel: "Can't make it any more? Cancel your RSVP so someone on the waitlist can come",
  },
  es: {
    subject: (p: RsvpReminderProps) =>
      p.window === "day" ? `Mañana: la entrega en ${p.city}` : `Hoy: la entrega en ${p.city}`,
    body: (p: RsvpReminderProps, when: string) =>
      `Hola, ${p.name}: te recordamos que entregamos la petición en ${p.officeName} el ${when}.`,
    meet: "Punto de encuentro",
    view: "Ver el evento",
    cancel:
      "¿Ya no puedes ir? Cancela tu asistencia para que alguien de la lista de espera pueda ir",
  },
};

export default defineEmail<RsvpReminderProps>({
  name: "rsvp-reminder",
  sample: { ...sampleVolunteerEvent, window: "day" },
  render: (p, locale) => {
    const t = copy[locale];
    return renderVolunteerEventEmail({
      locale,
      subject: t.subject(p),
      paragraphs: [
        t.body(p, formatDateTimeWords(p.startsAt, p.timeZone, locale)),
        ...meetingPointLine(t.meet, p.meetingPoint),
      ],
      event: p,
      copy: t,
    });
  },
});
