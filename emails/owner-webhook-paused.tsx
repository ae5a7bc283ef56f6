// To a campaign's owners when a webhook endpoint keeps failing and Handover stops sending to it.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

type Props = { campaignName: string; endpointHost: string; failures: number; settingsUrl: string };

const copy = {
  en: {
    subject: (p: Props) => `Webhook paused: ${p.endpointHost}`,
    body: (p: Props) =>
      `Handover stopped sending events of “${p.campaignName}” to ${p.endpointHost} after ${p.failures} failed attempts in a row. Nothing is lost: the events wait until you resume the endpoint.`,
    next: "Check that the receiving system is up and accepts the requests, then press Resume.",
    button: "Open integrations",
  },
  es: {
    subject: (p: Props) => `Webhook en pausa: ${p.endpointHost}`,
    body: (p: Props) =>
      `Handover dejó de enviar eventos de «${p.campaignName}» a ${p.endpointHost} tras ${p.failures} intentos fallidos seguidos. No se pierde nada: los eventos esperan hasta que reanudes el destino.`,
    next: "Comprueba que el sistema receptor funciona y acepta las solicitudes; luego pulsa Reanudar.",
    button: "Abrir integraciones",
  },
};

export default defineEmail<Props>({
  name: "owner-webhook-paused",
  sample: {
    campaignName: "Fair wages now",
    endpointHost: "crm.example.org",
    failures: 20,
    settingsUrl: "http://localhost:3000/dashboard/c/fair-wages/integrations",
  },
  render: (props, locale) => {
    const c = copy[locale];
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: c.subject(props),
      paragraphs: [c.body(props), c.next],
      action: { label: c.button, href: props.settingsUrl },
    });
  },
});
