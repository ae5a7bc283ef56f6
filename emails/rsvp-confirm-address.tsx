// To someone who RSVPed to a delivery: confirm the address before a place is held. No meeting point
// and no calendar invitation yet — those come once the address is confirmed (rsvp-confirmation).
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderButtonEmail } from "./button-email";
import { sampleVolunteerEvent } from "./volunteer-event";
import { defineEmail } from "./template";

export type RsvpConfirmAddressProps = {
  name: string;
  officeName: string;
  city: string;
  startsAt: string;
  timeZone: string;
  confirmUrl: string;
};

const copy = {
  en: {
    subject: (p: RsvpConfirmAddressProps) => `Confirm your RSVP: delivery in ${p.city}`,
    hello: (name: string) => `Hi ${name},`,
    lead: (p: RsvpConfirmAddressProps, when: string) =>
      `Someone — we hope you — asked to join the delivery to ${p.officeName} on ${when} with this address.`,
    how: "Press the button to confirm. Your place is held, and the meeting point sent, only once you confirm.",
    ignore:
      "If this wasn't you, ignore this email: nothing happens and we won't write again about it.",
    confirm: "Confirm my RSVP",
  },
  es: {
    subject: (p: RsvpConfirmAddressProps) => `Confirma tu asistencia: entrega en ${p.city}`,
    hello: (name: string) => `Hola, ${name}:`,
    lead: (p: RsvpConfirmAddressProps, when: string) =>
      `Alguien —esperamos que tú— pidió sumarse a la entrega en ${p.officeName} el ${when} con este correo.`,
    how: "Pulsa el botón para confirmar. Tu lugar se reserva, y te enviamos el punto de encuentro, solo cuando confirmes.",
    ignore:
      "Si no fuiste tú, ignora este correo: no pasa nada y no volveremos a escribirte por esto.",
    confirm: "Confirmar mi asistencia",
  },
};

export default defineEmail<RsvpConfirmAddressProps>({
  name: "rsvp-confirm-address",
  sample: {
    name: sampleVolunteerEvent.name,
    officeName: sampleVolunteerEvent.officeName,
    city: sampleVolunteerEvent.city,
    startsAt: sampleVolunteerEvent.startsAt,
    timeZone: sampleVolunteerEvent.timeZone,
    confirmUrl: "http://localhost:3000/rsvp/confirm/token",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const when = formatDateTimeWords(p.startsAt, p.timeZone, locale);
    return renderButtonEmail({
      locale,
      audience: "signer",
      subject: t.subject(p),
      paragraphs: [t.hello(p.name), t.lead(p, when), t.how, t.ignore],
      action: { label: t.confirm, href: p.confirmUrl },
    });
  },
});
