// To a waitlisted volunteer when a place opened and they were moved in.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import {
  meetingPointLine,
  renderVolunteerEventEmail,
  sampleVolunteerEvent,
} from "./volunteer-event";
import { defineEmail } from "./template";

export type RsvpWaitlistPromotedProps = {
  name: string;
  officeName: string;
  city: string;
  startsAt: string;
  timeZone: string;
  meetingPoint: string;
  eventUrl: string;
  cancelUrl: string;
};

const copy = {
  en: {
    subject: (p: RsvpWaitlistPromotedProps) =>
      `A place opened: you're in for the delivery in ${p.city}`,
    body: (p: RsvpWaitlistPromotedProps, when: string) =>
      `Good news, ${p.name}: a place opened and you're now on the list for the delivery to ${p.officeName} on ${when}.`,
    meet: "Meeting point",
    view: "See the event",
    cancel: "Can't make it? Cancel your RSVP",
  },
  es: {
    subject: (p: RsvpWaitlistPromotedProps) => `Se liberó un lugar: vas a la entrega en ${p.city}`,
    body: (p: RsvpWaitlistPromotedProps, when: string) =>
      `Buenas noticias, ${p.name}: se liberó un lugar y ya estás en la lista para la entrega en ${p.officeName} el ${when}.`,
    meet: "Punto de encuentro",
    view: "Ver el evento",
    cancel: "¿No puedes ir? Cancela tu asistencia",
  },
};

export default defineEmail<RsvpWaitlistPromotedProps>({
  name: "rsvp-waitlist-promoted",
  sample: { ...sampleVolunteerEvent },
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
