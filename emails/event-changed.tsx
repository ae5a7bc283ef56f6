// To the volunteers of a delivery whose time or place changed, or that was postponed or cancelled.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

export type EventChangedProps = {
  name: string;
  officeName: string;
  city: string;
  change: "rescheduled" | "moved" | "postponed" | "cancelled";
  startsAt: string;
  timeZone: string;
  meetingPoint: string;
  note: string;
  eventUrl: string;
};

const copy = {
  en: {
    subject: (p: EventChangedProps) =>
      ({
        rescheduled: `New time: the delivery in ${p.city}`,
        moved: `New meeting point: the delivery in ${p.city}`,
        postponed: `Postponed: the delivery in ${p.city}`,
        cancelled: `Cancelled: the delivery in ${p.city}`,
      })[p.change],
    body: (p: EventChangedProps, when: string) =>
      ({
        rescheduled: `Hi ${p.name}, the delivery to ${p.officeName} now starts on ${when}.`,
        moved: `Hi ${p.name}, the meeting point for the delivery to ${p.officeName} (${when}) changed.`,
        postponed: `Hi ${p.name}, the delivery to ${p.officeName} planned for ${when} is postponed. We'll email you the new date.`,
        cancelled: `Hi ${p.name}, the delivery to ${p.officeName} planned for ${when} is cancelled. Thank you for signing up.`,
      })[p.change],
    meet: "Meeting point",
    note: "From the organizers",
    view: "See the event",
  },
  es: {
    subject: (p: EventChangedProps) =>
      ({
        rescheduled: `Nuevo horario: la entrega en ${p.city}`,
        moved: `Nuevo punto de encuentro: la entrega en ${p.city}`,
        postponed: `Aplazada: la entrega en ${p.city}`,
        cancelled: `Cancelada: la entrega en ${p.city}`,
      })[p.change],
    body: (p: EventChangedProps, when: string) =>
      ({
        rescheduled: `Hola, ${p.name}: la entrega en ${p.officeName} ahora empieza el ${when}.`,
        moved: `Hola, ${p.name}: cambió el punto de encuentro de la entrega en ${p.officeName} (${when}).`,
        postponed: `Hola, ${p.name}: la entrega en ${p.officeName} prevista para el ${when} se aplaza. Te escribiremos con la nueva fecha.`,
        cancelled: `Hola, ${p.name}: la entrega en ${p.officeName} prevista para el ${when} se cancela. Gracias por apuntarte.`,
      })[p.change],
    meet: "Punto de encuentro",
    note: "De parte del equipo",
    view: "Ver el evento",
  },
};

export default defineEmail<EventChangedProps>({
  name: "event-changed",
  sample: {
    name: "Ana",
    officeName: "Harris County Democratic Party",
    city: "Houston",
    change: "rescheduled",
    startsAt: "2026-12-08T17:00:00.000Z",
    timeZone: "America/Chicago",
    meetingPoint: "Corner outside 4300 Montrose Blvd",
    note: "",
    eventUrl: "http://localhost:3000/events/1",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.body(p, formatDateTimeWords(p.startsAt, p.timeZone, locale))];
    if ((p.change === "moved" || p.change === "rescheduled") && p.meetingPoint)
      paragraphs.push(`${t.meet}: ${p.meetingPoint}`);
    if (p.note) paragraphs.push(`${t.note}: ${p.note}`);
    return renderButtonEmail({
      locale,
      audience: "signer",
      subject: t.subject(p),
      paragraphs,
      action: { label: t.view, href: p.eventUrl },
    });
  },
});
