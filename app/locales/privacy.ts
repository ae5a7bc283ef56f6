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
};

export default { en, es };
