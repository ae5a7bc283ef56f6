// To the office: the petition, delivered by email. A short cover letter in the office's language,
// the count, the verify link, the packet (attached and/or a link that expires) and the office's
// one-time acknowledgement link. No signer data beyond what the packet itself shows.
import { renderButtonEmail } from "./button-email";
import { defineEmail } from "./template";
import { plural } from "../app/lib/plural";

export type OfficePacketDeliveryProps = {
  officeName: string;
  decisionMaker: string;
  campaignName: string;
  petitionTitle: string;
  total: number;
  packetId: string;
  verifyUrl: string;
  packetUrls: string[];
  packetExpiresOn: string;
  attached: boolean;
  ackUrl: string;
  ackExpiresOn: string;
  note: string;
  senderName: string;
};

const copy = {
  en: {
    subject: (p: OfficePacketDeliveryProps) =>
      `Petition delivered: "${p.petitionTitle}" — ${plural("en", p.total, { one: "# signature", other: "# signatures" })}`,
    hello: (p: OfficePacketDeliveryProps) =>
      p.decisionMaker ? `Dear ${p.decisionMaker},` : `To ${p.officeName},`,
    intro: (p: OfficePacketDeliveryProps) =>
      `On behalf of ${p.campaignName}, we deliver to ${p.officeName} the petition "${p.petitionTitle}", signed by ${plural("en", p.total, { one: "# person", other: "# people" })}.`,
    attached: "The signed petition is attached to this email as PDF.",
    download: (p: OfficePacketDeliveryProps) =>
      `Download the packet (the link works until ${p.packetExpiresOn}):`,
    verify: (p: OfficePacketDeliveryProps) =>
      `Packet ${p.packetId}. Anyone can check its count and fingerprint at ${p.verifyUrl}`,
    noteFrom: (p: OfficePacketDeliveryProps) => `A note from ${p.senderName}:`,
    ack: (p: OfficePacketDeliveryProps) =>
      `Please confirm that your office received it, and tell the signers your response if you wish. The link below works once, until ${p.ackExpiresOn}, and needs no account.`,
    button: "Confirm receipt",
    thanks: "Thank you.",
  },
  es: {
    subject: (p: OfficePacketDeliveryProps) =>
      `Petición entregada: «${p.petitionTitle}» — ${plural("es", p.total, { one: "# firma", other: "# firmas" })}`,
    hello: (p: OfficePacketDeliveryProps) =>
      p.decisionMaker ? `Estimado/a ${p.decisionMaker}:` : `A ${p.officeName}:`,
    intro: (p: OfficePacketDeliveryProps) =>
      `En nombre de ${p.campaignName}, entregamos a ${p.officeName} la petición «${p.petitionTitle}», firmada por ${plural("es", p.total, { one: "# persona", other: "# personas" })}.`,
    attached: "La petición firmada va adjunta a este correo en PDF.",
    download: (p: OfficePacketDeliveryProps) =>
      `Descargue el paquete (el enlace funciona hasta el ${p.packetExpiresOn}):`,
    verify: (p: OfficePacketDeliveryProps) =>
      `Paquete ${p.packetId}. Cualquiera puede comprobar su recuento y su huella en ${p.verifyUrl}`,
    noteFrom: (p: OfficePacketDeliveryProps) => `Una nota de ${p.senderName}:`,
    ack: (p: OfficePacketDeliveryProps) =>
      `Le pedimos que confirme que su oficina la recibió y, si lo desea, que deje su respuesta para los firmantes. El enlace de abajo funciona una sola vez, hasta el ${p.ackExpiresOn}, y no requiere cuenta.`,
    button: "Confirmar recepción",
    thanks: "Gracias.",
  },
};

export default defineEmail<OfficePacketDeliveryProps>({
  name: "office-packet-delivery",
  sample: {
    officeName: "Campaign Headquarters",
    decisionMaker: "Jordan Ellis",
    campaignName: "Drive Without Fear",
    petitionTitle: "Stop traffic stops from becoming deportations",
    total: 1240,
    packetId: "k7f3q9x2",
    verifyUrl: "http://localhost:3000/verify/k7f3q9x2",
    packetUrls: ["http://localhost:3000/office/packet/token/1.pdf"],
    packetExpiresOn: "January 7, 2027",
    attached: true,
    ackUrl: "http://localhost:3000/office/ack/token",
    ackExpiresOn: "January 7, 2027",
    note: "",
    senderName: "Olivia Chen",
  },
  render: (p, locale) => {
    const t = copy[locale];
    const paragraphs = [t.hello(p), t.intro(p)];
    if (p.attached) paragraphs.push(t.attached);
    paragraphs.push(`${t.download(p)} ${p.packetUrls.join(" ")}`);
    paragraphs.push(t.verify(p));
    if (p.note) paragraphs.push(`${t.noteFrom(p)} ${p.note}`);
    paragraphs.push(t.ack(p), t.thanks);
    return renderButtonEmail({
      locale,
      audience: "office",
      subject: t.subject(p),
      paragraphs,
      action: { label: t.button, href: p.ackUrl },
    });
  },
});
