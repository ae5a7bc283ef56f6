// To a signer who asked "what do you hold about me" (/p/<slug>/my-data): every signature and RSVP
// Handover holds under this address, with the fields kept, their choices, and a removal link per
// signature. Sent only to the address that was typed, and only when something is held.
import { defineEmail } from "./template";
import { renderLayout, renderTextLayout } from "./layout";

export type DataReportSignature = {
  petitionTitle: string;
  petitionUrl: string;
  status: "pending" | "verified" | "invalidated" | "expired";
  signedOn: string;
  firstName: string;
  lastName: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  comment: string | null;
  showPublicly: boolean;
  showInRecent: boolean;
  printName: boolean;
  keepUpdated: boolean;
  unsubscribed: boolean;
  retentionMonths: number;
  removeUrl: string;
};

export type DataReportRsvp = {
  officeName: string;
  city: string;
  when: string;
  name: string;
  phone: string;
  shareContact: boolean;
  status: "unconfirmed" | "going" | "waitlisted" | "cancelled";
};

export type SignerDataReportProps = {
  email: string;
  signatures: DataReportSignature[];
  rsvps: DataReportRsvp[];
};

const yes = { en: "yes", es: "sí" };
const no = { en: "no", es: "no" };

const copy = {
  en: {
    subject: "What Handover holds about you",
    heading: "What Handover holds about you",
    intro: (email: string) =>
      `You (or someone typing your address) asked what Handover holds under ${email}. Here is all of it. If you did not ask, you can ignore this message: it was sent only to you.`,
    signaturesTitle: "Your signatures",
    status: {
      pending: "waiting for you to confirm your email (not counted yet)",
      verified: "confirmed and counted",
      invalidated: "set aside by the organizers (not counted)",
      expired: "never confirmed (not counted)",
    },
    fields: {
      status: "Status",
      signedOn: "Signed on",
      name: "Name",
      email: "Email",
      place: "City, state",
      postalCode: "Postal code",
      country: "Country",
      comment: "Comment",
      showPublicly: "Your first name and initial shown on the petition page",
      showInRecent: "Listed as “someone in your city” when your name is not shown",
      printName: "Your name printed in the delivery packets",
      keepUpdated: "Delivery news by email",
      unsubscribed: "Unsubscribed from this petition's emails",
    },
    retention: (months: number) =>
      `Your name, email, postal code and comment are erased ${months === 1 ? "1 month" : `${months} months`} after this petition closes.`,
    remove: "Remove this signature",
    rsvpsTitle: "Your RSVPs to deliveries",
    rsvpStatus: {
      unconfirmed: "waiting for you to confirm your email",
      going: "going",
      waitlisted: "on the waiting list",
      cancelled: "cancelled",
    },
    rsvpFields: {
      delivery: "Delivery",
      when: "When",
      name: "Name",
      phone: "Phone",
      shareContact: "The delivery lead may see your phone",
      status: "Status",
    },
    none: "(none)",
    never:
      "Handover keeps no IP address with your signature. Your email and postal code are seen only by the campaign's organizers: never shown publicly, never printed in delivery packets.",
  },
  es: {
    subject: "Lo que Handover guarda sobre ti",
    heading: "Lo que Handover guarda sobre ti",
    intro: (email: string) =>
      `Tú (o alguien que escribió tu correo) pediste saber qué guarda Handover con ${email}. Aquí está todo. Si no lo pediste, puedes ignorar este mensaje: solo te lo enviamos a ti.`,
    signaturesTitle: "Tus firmas",
    status: {
      pending: "esperando que confirmes tu correo (aún no cuenta)",
      verified: "confirmada y contada",
      invalidated: "apartada por el equipo organizador (no cuenta)",
      expired: "nunca confirmada (no cuenta)",
    },
    fields: {
      status: "Estado",
      signedOn: "Firmaste el",
      name: "Nombre",
      email: "Correo",
      place: "Ciudad, estado",
      postalCode: "Código postal",
      country: "País",
      comment: "Comentario",
      showPublicly: "Tu nombre e inicial se muestran en la página de la petición",
      showInRecent: "Apareces como “alguien de tu ciudad” cuando no se muestra tu nombre",
      printName: "Tu nombre se imprime en los paquetes de entrega",
      keepUpdated: "Noticias de la entrega por correo",
      unsubscribed: "Te diste de baja de los correos de esta petición",
    },
    retention: (months: number) =>
      `Tu nombre, correo, código postal y comentario se borran ${months === 1 ? "1 mes" : `${months} meses`} después de que cierra esta petición.`,
    remove: "Quitar esta firma",
    rsvpsTitle: "Tus inscripciones a entregas",
    rsvpStatus: {
      unconfirmed: "esperando que confirmes tu correo",
      going: "vas",
      waitlisted: "en lista de espera",
      cancelled: "cancelada",
    },
    rsvpFields: {
      delivery: "Entrega",
      when: "Cuándo",
      name: "Nombre",
      phone: "Teléfono",
      shareContact: "Quien coordina la entrega puede ver tu teléfono",
      status: "Estado",
    },
    none: "(nada)",
    never:
      "Handover no guarda ninguna dirección IP con tu firma. Tu correo y tu código postal solo los ve el equipo organizador de la campaña: nunca se muestran en público ni se imprimen en los paquetes de entrega.",
  },
};

type Locale = "en" | "es";

function signatureLines(s: DataReportSignature, email: string, locale: Locale) {
  const c = copy[locale];
  const f = c.fields;
  const b = (v: boolean) => (v ? yes[locale] : no[locale]);
  const lines: [string, string][] = [
    [f.status, c.status[s.status]],
    [f.signedOn, s.signedOn],
    [f.name, `${s.firstName} ${s.lastName}`.trim() || c.none],
    [f.email, email],
    [f.place, [s.city, s.region].filter(Boolean).join(", ") || c.none],
    [f.postalCode, s.postalCode || c.none],
    [f.country, s.country || c.none],
    [f.comment, s.comment?.trim() || c.none],
    [f.showPublicly, b(s.showPublicly)],
    [f.showInRecent, b(s.showInRecent)],
    [f.printName, b(s.printName)],
    [f.keepUpdated, b(s.keepUpdated && !s.unsubscribed)],
  ];
  if (s.unsubscribed) lines.push([f.unsubscribed, yes[locale]]);
  return lines;
}

function rsvpLines(r: DataReportRsvp, locale: Locale) {
  const c = copy[locale];
  const f = c.rsvpFields;
  const lines: [string, string][] = [
    [f.delivery, `${r.officeName}, ${r.city}`],
    [f.when, r.when],
    [f.name, r.name || c.none],
    [f.phone, r.phone || c.none],
    [f.shareContact, r.shareContact ? yes[locale] : no[locale]],
    [f.status, c.rsvpStatus[r.status]],
  ];
  return lines;
}

const cell = { padding: "2px 8px 2px 0", verticalAlign: "top" as const };

export default defineEmail<SignerDataReportProps>({
  name: "signer-data-report",
  sample: {
    email: "maria@example.org",
    signatures: [
      {
        petitionTitle: "Stop deportations that start with a traffic stop",
        petitionUrl: "http://localhost:3000/p/stop-traffic-stop-deportations",
        status: "verified",
        signedOn: "December 1, 2026",
        firstName: "María",
        lastName: "López",
        city: "Houston",
        region: "TX",
        postalCode: "77002",
        country: "US",
        comment: "For my brother.",
        showPublicly: false,
        showInRecent: true,
        printName: true,
        keepUpdated: true,
        unsubscribed: false,
        retentionMonths: 6,
        removeUrl: "http://localhost:3000/remove/sample",
      },
    ],
    rsvps: [
      {
        officeName: "Harris County party office",
        city: "Houston",
        when: "Tuesday, December 8, 2026, 10:00 AM",
        name: "María López",
        phone: "",
        shareContact: false,
        status: "going",
      },
    ],
  },
  render(props, locale) {
    const c = copy[locale];
    const html = renderLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      children: (
        <>
          <p>{c.intro(props.email)}</p>
          {props.signatures.length > 0 ? (
            <h2 style={{ fontSize: 18 }}>{c.signaturesTitle}</h2>
          ) : null}
          {props.signatures.map((s, i) => (
            <div key={i} style={{ borderTop: "1px solid #ddd", padding: "12px 0" }}>
              <p style={{ margin: "0 0 8px" }}>
                <a href={s.petitionUrl}>
                  <strong>{s.petitionTitle}</strong>
                </a>
              </p>
              <table role="presentation" style={{ borderCollapse: "collapse", fontSize: 14 }}>
                <tbody>
                  {signatureLines(s, props.email, locale).map(([k, v]) => (
                    <tr key={k}>
                      <td style={{ ...cell, color: "#5b5b57" }}>{k}</td>
                      <td style={cell}>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p style={{ fontSize: 13, color: "#5b5b57" }}>{c.retention(s.retentionMonths)}</p>
              <p>
                <a href={s.removeUrl}>{c.remove}</a>
              </p>
            </div>
          ))}
          {props.rsvps.length > 0 ? <h2 style={{ fontSize: 18 }}>{c.rsvpsTitle}</h2> : null}
          {props.rsvps.map((r, i) => (
            <div key={i} style={{ borderTop: "1px solid #ddd", padding: "12px 0" }}>
              <table role="presentation" style={{ borderCollapse: "collapse", fontSize: 14 }}>
                <tbody>
                  {rsvpLines(r, locale).map(([k, v]) => (
                    <tr key={k}>
                      <td style={{ ...cell, color: "#5b5b57" }}>{k}</td>
                      <td style={cell}>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          <p style={{ fontSize: 13, color: "#5b5b57" }}>{c.never}</p>
        </>
      ),
    });
    const paragraphs = [c.intro(props.email)];
    if (props.signatures.length > 0) paragraphs.push(c.signaturesTitle.toUpperCase());
    for (const s of props.signatures)
      paragraphs.push(
        [
          `${s.petitionTitle} — ${s.petitionUrl}`,
          ...signatureLines(s, props.email, locale).map(([k, v]) => `${k}: ${v}`),
          c.retention(s.retentionMonths),
          `${c.remove}: ${s.removeUrl}`,
        ].join("\n"),
      );
    if (props.rsvps.length > 0) paragraphs.push(c.rsvpsTitle.toUpperCase());
    for (const r of props.rsvps)
      paragraphs.push(
        rsvpLines(r, locale)
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n"),
      );
    paragraphs.push(c.never);
    const text = renderTextLayout({ locale, audience: "signer", heading: c.heading, paragraphs });
    return { subject: c.subject, html, text };
  },
});
