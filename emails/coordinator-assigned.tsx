// To a team member newly assigned to lead a delivery event.
import { formatDateTimeWords } from "../app/lib/zoned-time";
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

type Props = {
  name: string;
  city: string;
  officeName: string;
  startsAt: string;
  timeZone: string;
  eventUrl: string;
  myUrl: string;
};

const copy = {
  en: {
    subject: (city: string) => `You're coordinating the delivery in ${city}`,
    body: (p: Props, when: string) =>
      `Hi ${p.name}, you are now a coordinator of the delivery to ${p.officeName} in ${p.city}, on ${when} (the office's local time).`,
    how: "On the day you can print the packet, check people in and report the delivery from your phone, even with a weak signal: open “My deliveries” once at home so it is saved on the phone.",
    button: "Open the event",
    my: "My deliveries",
  },
  es: {
    subject: (city: string) => `Coordinas la entrega en ${city}`,
    body: (p: Props, when: string) =>
      `Hola, ${p.name}: ahora coordinas la entrega en ${p.officeName}, en ${p.city}, el ${when} (hora local de la oficina).`,
    how: "Ese día puedes imprimir el paquete, registrar a quienes llegan e informar la entrega desde tu teléfono, aun con poca señal: abre «Mis entregas» una vez en casa para que quede guardado en el teléfono.",
    button: "Abrir el evento",
    my: "Mis entregas",
  },
};

export default defineEmail<Props>({
  name: "coordinator-assigned",
  sample: {
    name: "Héctor",
    city: "Houston",
    officeName: "Harris County Democratic Party",
    startsAt: "2026-12-08T17:00:00.000Z",
    timeZone: "America/Chicago",
    eventUrl: "http://localhost:3000/dashboard/c/drive-without-fear/deliveries/events/1",
    myUrl: "http://localhost:3000/dashboard/my",
  },
  render: (props, locale) => {
    const c = copy[locale];
    const when = formatDateTimeWords(props.startsAt, props.timeZone, locale);
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: c.subject(props.city),
      paragraphs: [c.body(props, when), c.how],
      action: { label: c.button, href: props.eventUrl },
      link: { label: c.my, href: props.myUrl },
    });
  },
});
