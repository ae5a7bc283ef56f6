// To a volunteer going to a delivery: a reminder a day before and again a few hours before.
import { formatInZone } from "../app/utils/zoned-time";
import { EmailButton, renderLayout, renderTextLayout } from "./layout";
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
    subject: (p: RsvpReminderProps) => (p.window === "day" ? `Tomorrow: the delivery in ${p.city}` : `Today: the delivery in ${p.city}`),
    body: (p: RsvpReminderProps, when: string) => `Hi ${p.name}, a reminder: we deliver the petition to ${p.officeName} on ${when}.`,
    meet: "Meeting point",
    view: "See the event",
    cancel: "Can't make it any more? Cancel your RSVP so someone on the waitlist can come",
  },
  es: {
    subject: (p: RsvpReminderProps) => (p.window === "day" ? `Mañana: la entrega en ${p.city}` : `Hoy: la entrega en ${p.city}`),
    body: (p: RsvpReminderProps, when: string) => `Hola, ${p.name}: te recordamos que entregamos la petición en ${p.officeName} el ${when}.`,
    meet: "Punto de encuentro",
    view: "Ver el evento",
    cancel: "¿Ya no puedes ir? Cancela tu asistencia para que alguien de la lista de espera pueda ir",
  },
};

export default defineEmail<RsvpReminderProps>({
  name: "rsvp-reminder",
  sample: {
    name: "Ana",
    officeName: "Harris County Democratic Party",
    city: "Houston",
    startsAt: "2026-12-08T17:00:00.000Z",
    timeZone: "America/Chicago",
    meetingPoint: "Corner outside 4300 Montrose Blvd",
    window: "day",
    eventUrl: "http://localhost:3000/events/1",
    cancelUrl: "http://localhost:3000/rsvp/token",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.body(p, formatInZone(p.startsAt, p.timeZone, locale))];
    if (p.meetingPoint) paragraphs.push(`${t.meet}: ${p.meetingPoint}`);
    return {
      subject: t.subject(p),
      html: renderLayout({
        locale,
        heading: t.subject(p),
        children: (
          <>
            {paragraphs.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <EmailButton href={p.eventUrl}>{t.view}</EmailButton>
            <p>
              <a href={p.cancelUrl}>{t.cancel}</a>
            </p>
          </>
        ),
      }),
      text: renderTextLayout({ locale, heading: t.subject(p), paragraphs: [...paragraphs, `${t.view}: ${p.eventUrl}`, `${t.cancel}: ${p.cancelUrl}`] }),
    };
  },
});
