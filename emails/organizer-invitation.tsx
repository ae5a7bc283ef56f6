// To someone invited to join a campaign's team.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";

type Props = {
  inviterName: string;
  campaignName: string;
  role: string;
  acceptUrl: string;
  days: number;
};

const roles = {
  en: {
    owner: "owner",
    organizer: "organizer",
    coordinator: "coordinator",
    viewer: "viewer",
  } as Record<string, string>,
  es: {
    owner: "propietaria/o",
    organizer: "organizador/a",
    coordinator: "coordinador/a",
    viewer: "lector/a",
  } as Record<string, string>,
};

const copy = {
  en: {
    subject: (campaign: string) => `You're invited to ${campaign} on Handover`,
    body: (p: Props) =>
      `${p.inviterName} invited you to join the team of “${p.campaignName}” as ${roles.en[p.role] ?? p.role}.`,
    how: (days: number) =>
      `Open the link to accept. If you have no Handover account yet, you can create one there. The invitation is valid for ${days} days.`,
    button: "Accept the invitation",
  },
  es: {
    subject: (campaign: string) => `Te invitan a ${campaign} en Handover`,
    body: (p: Props) =>
      `${p.inviterName} te invitó a unirte al equipo de «${p.campaignName}» como ${roles.es[p.role] ?? p.role}.`,
    how: (days: number) =>
      `Abre el enlace para aceptar. Si aún no tienes cuenta en Handover, puedes crearla allí. La invitación vale ${days} días.`,
    button: "Aceptar la invitación",
  },
};

export default defineEmail<Props>({
  name: "organizer-invitation",
  sample: {
    inviterName: "Olivia",
    campaignName: "Drive Without Fear",
    role: "coordinator",
    acceptUrl: "http://localhost:3000/invitations/sample",
    days: 7,
  },
  render: (props, locale) => {
    const c = copy[locale];
    return renderButtonEmail({
      locale,
      audience: "team",
      subject: c.subject(props.campaignName),
      paragraphs: [c.body(props), c.how(props.days)],
      action: { label: c.button, href: props.acceptUrl },
    });
  },
});
