// To a campaign's team when a petition reaches its goal (sent once per petition).
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";
import { formatNumber } from "../app/lib/intl-format";
import { plural } from "../app/lib/plural";

type Props = { petitionTitle: string; goal: number; count: number; dashboardUrl: string };

const fmt = (locale: "en" | "es", n: number) => formatNumber(n, locale);

const copy = {
  en: {
    subject: (t: string) => `Goal reached: ${t}`,
    body: (p: Props) =>
      `“${p.petitionTitle}” has ${plural("en", p.count, { one: "# verified signature", other: "# verified signatures" })} — its goal of ${fmt("en", p.goal)} is reached.`,
    next: "Signers now see the next goal. A good moment to plan the delivery.",
    button: "Open the petition's dashboard",
  },
  es: {
    subject: (t: string) => `Meta alcanzada: ${t}`,
    body: (p: Props) =>
      `«${p.petitionTitle}» tiene ${plural("es", p.count, { one: "# firma verificada", other: "# firmas verificadas" })}: alcanzó su meta de ${fmt("es", p.goal)}.`,
    next: "Quienes firman ven ahora la siguiente meta. Buen momento para planificar la entrega.",
    button: "Abrir el panel de la petición",
  },
};

export default defineEmail<Props>({
  name: "goal-reached",
  sample: {
    petitionTitle: "Stop traffic stops",
    goal: 1000,
    count: 1003,
    dashboardUrl: "http://localhost:3000/dashboard",
  },
  render: (props, locale) => {
    const c = copy[locale];
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: c.subject(props.petitionTitle),
      paragraphs: [c.body(props), c.next],
      action: { label: c.button, href: props.dashboardUrl },
    });
  },
});
