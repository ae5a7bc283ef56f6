// Strings for the office's side: the office's acknowledgement page, sending a packet by email,
// responses and updates in the dashboard (with the petition page's own lines, petition-news), and
// source codes.
// `es` is typed from `en`: a missing Spanish key fails typecheck.
import { plural } from "~/lib/plural";
import petitionNews from "./petition-news";

const en = {
  ...petitionNews.en,
  errors: {
    required: "Fill this in.",
    tooLong: "This is too long.",
    unstorable: "This text contains characters that cannot be saved. Remove them and try again.",
    emailRequired: "Enter the office's email address.",
    emailInvalid: "Enter an email address like office@example.org.",
    date: "Enter a date like 2026-12-01.",
    interval: "Enter a number of hours between 1 and 1440.",
  } as Record<string, string>,
  // The office's page
  ackTitle: "Confirm that your office received the petition",
  ackIntro: (office: string, title: string, total: number, when: string) =>
    `${office} was sent the petition "${title}", signed by ${plural("en", total, { one: "# person", other: "# people" })}, on ${when}.`,
  ackPacket: (id: string) => `Packet ${id}`,
  ackVerify: "Check the packet",
  ackWhat:
    "Confirming tells the organizers and the signers that your office received it. You can also write a response: it will be shown on the petition's public page and sent to signers who asked for updates.",
  ackResponse: "Your response (optional)",
  ackResponseHint:
    "Shown publicly on the petition page, with your name and title if you give them.",
  ackName: "Your name (optional)",
  ackTitleLabel: "Your title (optional)",
  ackButton: "Confirm receipt",
  ackDoneTitle: "Thank you — receipt confirmed",
  ackDone: "The organizers have been told. This link no longer works.",
  ackSeePetition: "See the petition page",
  ackUsed: "This link was already used: your office's receipt is recorded. Thank you.",
  ackExpired:
    "This link has expired. Please reply to the email you received and the organizers will record your receipt.",
  ackUnknown: "This link is not valid. Check that you copied the whole address from the email.",
  ackPrivacy: "This page shows nothing about signers beyond what the packet itself shows.",
  // Sending by email (dashboard)
  emailNav: "Send the packet by email",
  emailTitle: "Deliver by email",
  emailIntro: (office: string) =>
    `Send the current packet to ${office} by email: a cover letter in the office's language, the count, the verify link, the packet (attached when small, and a download link that works for 30 days) and a one-time link for the office to confirm receipt and respond.`,
  emailPacket: (id: string, total: number) =>
    `Packet ${id}: ${plural("en", total, { one: "# signature", other: "# signatures" })}.`,
  emailNoPacket: "There is no ready packet for this event yet. Generate it first.",
  emailWrongState: (status: string) =>
    `The event is ${status}: only an event whose packet is ready can be delivered by email.`,
  emailTo: "Office email address",
  emailLocale: "Language of the cover letter",
  emailNote: "A short note to the office (optional)",
  emailSend: "Send to the office and mark delivered",
  emailSent: (to: string, when: string) => `Sent to ${to} on ${when}.`,
  emailAckOpen: (until: string) =>
    `The office has not confirmed yet. Its link works until ${until}.`,
  emailAcked: (when: string) => `The office confirmed receipt on ${when}.`,
  emailBack: "Back to the event",
  english: "English",
  spanish: "Spanish",
  byEmail: "by email",
  byOffice: "acknowledged by the office",
  theOffice: "the office",
  // Dashboard: updates and responses
  updatesNav: "Updates",
  sourcesNav: "Sources",
  updatesHeading: "Updates to signers",
  updatesIntro: (hours: number) =>
    `An update appears on the petition page and is emailed to verified signers who asked for updates, in their language, with an unsubscribe link. ${plural("en", hours, { one: "At most one update an hour.", other: "At most one update every # hours." })}`,
  titleEn: "Title (English)",
  bodyEn: "Text (English)",
  titleEs: "Title (Spanish)",
  bodyEs: "Text (Spanish)",
  preview: "Preview",
  sendTest: "Send a test to me",
  post: "Post and email signers",
  previewHeading: "Preview",
  testSent: (to: string) => `A test in English and Spanish was sent to ${to}.`,
  posted: "Update posted. The emails are on their way.",
  tooSoon: (last: string, next: string, hours: number) =>
    `Not sent: this petition's last update went out ${last}, and the campaign allows ${plural("en", hours, { one: "one update an hour", other: "one update every # hours" })}. The next one can go out ${next}.`,
  nextAllowed: (next: string) => `The next update can go out ${next}.`,
  pastUpdates: "Posted updates",
  noUpdates: "No updates yet.",
  responsesHeading: "Decision makers' responses",
  responsesIntro:
    "Type in a response you received (a letter, an email). It appears on the petition page and is emailed once to signers who asked for updates.",
  responseEvent: "Delivery it answers",
  authorName: "Who responded",
  authorTitle: "Their title (optional)",
  responseBody: "The response",
  respondedOnLabel: "Date of the response",
  recordResponse: "Publish the response",
  responseRecorded: "Response published. Signers who asked for updates will get one email.",
  noResponses: "No responses yet.",
  noDeliveries: "This petition has no deliveries yet.",
  fromOffice: "from the office's page",
  fromOrganizer: "typed in by an organizer",
  intervalLabel: "Hours between two petition updates",
  intervalSaved: "Saved.",
  intervalSave: "Save",
  // Dashboard: sources
  sourcesHeading: "Where signatures come from",
  sourcesIntro: (days: number) =>
    `Share links and embeds carry a source code: add ?source=whatsapp-houston to a link. Conversion is the share of signatures confirmed by email. ${plural("en", days, { one: "The chart shows the last day.", other: "The chart shows the last # days." })}`,
  colSource: "Source",
  colSigned: "Signatures",
  colVerified: "Confirmed",
  colConversion: "Conversion",
  colRecent: (days: number) => plural("en", days, { one: "Last day", other: "Last # days" }),
  noSource: "(no source)",
  noSources: "No signatures yet.",
  sourceChart: (source: string, days: number) =>
    `Signatures from ${source}, per day, ${plural("en", days, { one: "last day", other: "last # days" })}`,
  example: "Example link",
};

const es: typeof en = {
  ...petitionNews.es,
  errors: {
    required: "Completa este campo.",
    tooLong: "Es demasiado largo.",
    unstorable:
      "Este texto contiene caracteres que no se pueden guardar. Quítalos e inténtalo de nuevo.",
    emailRequired: "Escribe el correo electrónico de la oficina.",
    emailInvalid: "Escribe un correo como oficina@ejemplo.org.",
    date: "Escribe una fecha como 2026-12-01.",
    interval: "Escribe un número de horas entre 1 y 1440.",
  },
  ackTitle: "Confirme que su oficina recibió la petición",
  ackIntro: (office, title, total, when) =>
    `Se envió a ${office} la petición «${title}», firmada por ${plural("es", total, { one: "# persona", other: "# personas" })}, el ${when}.`,
  ackPacket: (id) => `Paquete ${id}`,
  ackVerify: "Comprobar el paquete",
  ackWhat:
    "Al confirmar, los organizadores y los firmantes sabrán que su oficina la recibió. También puede escribir una respuesta: se mostrará en la página pública de la petición y se enviará a los firmantes que pidieron novedades.",
  ackResponse: "Su respuesta (opcional)",
  ackResponseHint:
    "Se muestra públicamente en la página de la petición, con su nombre y cargo si los indica.",
  ackName: "Su nombre (opcional)",
  ackTitleLabel: "Su cargo (opcional)",
  ackButton: "Confirmar recepción",
  ackDoneTitle: "Gracias: recepción confirmada",
  ackDone: "Los organizadores ya lo saben. Este enlace ya no funciona.",
  ackSeePetition: "Ver la página de la petición",
  ackUsed: "Este enlace ya se usó: la recepción de su oficina está registrada. Gracias.",
  ackExpired:
    "Este enlace ha caducado. Responda al correo que recibió y los organizadores registrarán la recepción.",
  ackUnknown: "Este enlace no es válido. Compruebe que copió la dirección completa del correo.",
  ackPrivacy:
    "Esta página no muestra nada de los firmantes más allá de lo que muestra el propio paquete.",
  emailNav: "Enviar el paquete por correo",
  emailTitle: "Entregar por correo electrónico",
  emailIntro: (office) =>
    `Envía el paquete actual a ${office} por correo: una carta en el idioma de la oficina, el recuento, el enlace de verificación, el paquete (adjunto si es pequeño, y un enlace de descarga que funciona 30 días) y un enlace de un solo uso para que la oficina confirme la recepción y responda.`,
  emailPacket: (id, total) =>
    `Paquete ${id}: ${plural("es", total, { one: "# firma", other: "# firmas" })}.`,
  emailNoPacket: "Todavía no hay un paquete listo para esta entrega. Genéralo primero.",
  emailWrongState: (status) =>
    `La entrega está en estado «${status}»: solo se puede entregar por correo una entrega con el paquete listo.`,
  emailTo: "Correo electrónico de la oficina",
  emailLocale: "Idioma de la carta",
  emailNote: "Una nota breve para la oficina (opcional)",
  emailSend: "Enviar a la oficina y marcar como entregada",
  emailSent: (to, when) => `Enviado a ${to} el ${when}.`,
  emailAckOpen: (until) =>
    `La oficina todavía no ha confirmado. Su enlace funciona hasta el ${until}.`,
  emailAcked: (when) => `La oficina confirmó la recepción el ${when}.`,
  emailBack: "Volver a la entrega",
  english: "Inglés",
  spanish: "Español",
  byEmail: "por correo",
  byOffice: "confirmada por la oficina",
  theOffice: "la oficina",
  updatesNav: "Novedades",
  sourcesNav: "Fuentes",
  updatesHeading: "Novedades para los firmantes",
  updatesIntro: (hours) =>
    `Una novedad aparece en la página de la petición y se envía por correo a los firmantes verificados que pidieron novedades, en su idioma, con un enlace para darse de baja. ${plural("es", hours, { one: "Como máximo una novedad por hora.", other: "Como máximo una novedad cada # horas." })}`,
  titleEn: "Título (inglés)",
  bodyEn: "Texto (inglés)",
  titleEs: "Título (español)",
  bodyEs: "Texto (español)",
  preview: "Vista previa",
  sendTest: "Enviarme una prueba",
  post: "Publicar y enviar a los firmantes",
  previewHeading: "Vista previa",
  testSent: (to) => `Se envió una prueba en inglés y en español a ${to}.`,
  posted: "Novedad publicada. Los correos están en camino.",
  tooSoon: (last, next, hours) =>
    `No se envió: la última novedad de esta petición salió el ${last}, y la campaña permite ${plural("es", hours, { one: "una novedad por hora", other: "una novedad cada # horas" })}. La siguiente puede salir el ${next}.`,
  nextAllowed: (next) => `La siguiente novedad puede salir el ${next}.`,
  pastUpdates: "Novedades publicadas",
  noUpdates: "Todavía no hay novedades.",
  responsesHeading: "Respuestas de quienes deciden",
  responsesIntro:
    "Escribe una respuesta que recibieron (una carta, un correo). Aparece en la página de la petición y se envía una vez a los firmantes que pidieron novedades.",
  responseEvent: "Entrega a la que responde",
  authorName: "Quién respondió",
  authorTitle: "Su cargo (opcional)",
  responseBody: "La respuesta",
  respondedOnLabel: "Fecha de la respuesta",
  recordResponse: "Publicar la respuesta",
  responseRecorded:
    "Respuesta publicada. Los firmantes que pidieron novedades recibirán un correo.",
  noResponses: "Todavía no hay respuestas.",
  noDeliveries: "Esta petición todavía no tiene entregas.",
  fromOffice: "desde la página de la oficina",
  fromOrganizer: "escrita por un organizador",
  intervalLabel: "Horas entre dos novedades de una petición",
  intervalSaved: "Guardado.",
  intervalSave: "Guardar",
  sourcesHeading: "De dónde vienen las firmas",
  sourcesIntro: (days) =>
    `Los enlaces para compartir y los widgets llevan un código de fuente: añade ?source=whatsapp-houston a un enlace. La conversión es la proporción de firmas confirmadas por correo. ${plural("es", days, { one: "El gráfico muestra el último día.", other: "El gráfico muestra los últimos # días." })}`,
  colSource: "Fuente",
  colSigned: "Firmas",
  colVerified: "Confirmadas",
  colConversion: "Conversión",
  colRecent: (days) => plural("es", days, { one: "Último día", other: "Últimos # días" }),
  noSource: "(sin fuente)",
  noSources: "Todavía no hay firmas.",
  sourceChart: (source, days) =>
    `Firmas de ${source}, por día, ${plural("es", days, { one: "último día", other: "últimos # días" })}`,
  example: "Enlace de ejemplo",
};

export default { en, es };
