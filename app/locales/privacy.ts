// Strings about who sees what: the RSVP form's consent, the address confirmation page.
// `es` is typed from `en`: a missing Spanish key fails typecheck.
const en = {
  rsvpWhoSees: (city: string) =>
    `Who sees what: your name and how you'll help are seen by the ${city} delivery lead and the campaign's organizers. Your email is seen only by the organizers, and used to send you the details. Nothing is shown publicly.`,
  phoneHint: "Kept only if you tick the box below.",
  shareContact: (city: string) =>
    `The ${city} delivery lead may see my phone number, to reach me on the day.`,
  rsvpCheckEmail:
    "Check your email: we've sent you a message. Your place is held, and the meeting point sent, once you confirm your address with the link in it.",
  confirmTitle: "Confirm your RSVP",
  confirmBody: (office: string, when: string) =>
    `Confirm that you're joining the delivery to ${office} on ${when}.`,
  confirmButton: "Confirm my RSVP",
  confirmUnknown:
    "This link is not valid any more: it may have been used already, or replaced by a newer one. RSVP again from the event's page if you need to.",
  confirmClosed: "This delivery is not taking RSVPs any more.",
  removeTitle: "Remove your signature",
  removeBody:
    "This erases your signature from the petition: your name, email, postal code and comment are deleted, and the count goes down by one. Packets already printed and delivered cannot be taken back. This cannot be undone.",
  removeButton: "Erase my signature",
  removedTitle: "Done",
  removedBody:
    "If this link belonged to a signature, that signature is now erased and we will not write to you about this petition again.",
  retentionNotice: (months: number) =>
    `Signatures are anonymised ${months === 1 ? "1 month" : `${months} months`} after the petition closes: names, emails, postal codes and comments are erased; only the city stays, and the count.`,
  myDataLink: "What do you hold about me?",
  myDataTitle: "What does Handover hold about you?",
  myDataIntro:
    "Type the email address you signed or RSVPed with. We will email that address — and only that address — everything Handover holds under it: your signatures with the details kept, whether you asked for updates, your RSVPs, and a link to remove each signature.",
  myDataEmailLabel: "Your email address",
  myDataEmailHint:
    "We write only to this address. We never show on this page whether we hold anything.",
  myDataSubmit: "Email me what you hold",
  myDataSentTitle: "Check your email",
  myDataSentBody:
    "If Handover holds anything under this address, a message listing it is on its way there. If nothing arrives within a few minutes (check spam too), we hold nothing under that address.",
  myDataLimited: "Too many requests from here. Please wait an hour and try again.",
  myDataEmailError: "Enter an email address like name@example.com.",
  myDataBack: "Back to the petition",
};

const es: typeof en = {
  rsvpWhoSees: (city: string) =>
    `Quién ve qué: tu nombre y cómo vas a ayudar los ven quien coordina la entrega en ${city} y el equipo organizador de la campaña. Tu correo lo ve solo el equipo organizador, y lo usamos para enviarte los detalles. Nada se muestra públicamente.`,
  phoneHint: "Solo lo guardamos si marcas la casilla de abajo.",
  shareContact: (city: string) =>
    `Quien coordina la entrega en ${city} puede ver mi teléfono, para contactarme ese día.`,
  rsvpCheckEmail:
    "Revisa tu correo: te enviamos un mensaje. Tu lugar se reserva, y te enviamos el punto de encuentro, cuando confirmes tu correo con el enlace que contiene.",
  confirmTitle: "Confirma tu asistencia",
  confirmBody: (office: string, when: string) =>
    `Confirma que te sumas a la entrega en ${office} el ${when}.`,
  confirmButton: "Confirmar mi asistencia",
  confirmUnknown:
    "Este enlace ya no es válido: puede que ya se haya usado o que uno más reciente lo haya reemplazado. Si lo necesitas, vuelve a inscribirte desde la página del evento.",
  confirmClosed: "Esta entrega ya no acepta inscripciones.",
  removeTitle: "Quitar tu firma",
  removeBody:
    "Esto borra tu firma de la petición: se eliminan tu nombre, tu correo, tu código postal y tu comentario, y el conteo baja en uno. Los paquetes ya impresos y entregados no se pueden recuperar. No se puede deshacer.",
  removeButton: "Borrar mi firma",
  removedTitle: "Listo",
  removedBody:
    "Si este enlace correspondía a una firma, esa firma ya está borrada y no volveremos a escribirte sobre esta petición.",
  retentionNotice: (months: number) =>
    `Las firmas se anonimizan ${months === 1 ? "1 mes" : `${months} meses`} después de que cierra la petición: se borran nombres, correos, códigos postales y comentarios; solo quedan la ciudad y el conteo.`,
  myDataLink: "¿Qué datos tienen sobre mí?",
  myDataTitle: "¿Qué datos tiene Handover sobre ti?",
  myDataIntro:
    "Escribe el correo con el que firmaste o te inscribiste. Le enviaremos a ese correo — y solo a ese — todo lo que Handover guarda con él: tus firmas con los datos que conservamos, si pediste recibir noticias, tus inscripciones y un enlace para quitar cada firma.",
  myDataEmailLabel: "Tu correo electrónico",
  myDataEmailHint: "Solo escribimos a este correo. Esta página nunca muestra si tenemos algo.",
  myDataSubmit: "Enviarme lo que tienen",
  myDataSentTitle: "Revisa tu correo",
  myDataSentBody:
    "Si Handover guarda algo con este correo, ya va en camino un mensaje con la lista. Si no llega nada en unos minutos (revisa también el correo no deseado), no guardamos nada con ese correo.",
  myDataLimited: "Demasiadas solicitudes desde aquí. Espera una hora y vuelve a intentarlo.",
  myDataEmailError: "Escribe un correo como nombre@ejemplo.com.",
  myDataBack: "Volver a la petición",
};

export default { en, es };
