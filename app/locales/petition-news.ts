// Strings for the responses and updates shown on the petition page: kept apart so a signer's phone
// downloads these lines, not the whole office namespace, which includes them for the dashboard.
// `es` is typed from `en`: a missing Spanish key fails typecheck.
const en = {
  responsesTitle: "Responses from decision makers",
  respondedOn: (when: string) => `Responded ${when}`,
  answers: (office: string, city: string) => `Answering the delivery to ${office}, ${city}`,
  viaOffice: "Written by the office on Handover",
  updatesTitle: "Updates from the organizers",
  postedOn: (when: string) => `Posted ${when}`,
};

const es: typeof en = {
  responsesTitle: "Respuestas de quienes deciden",
  respondedOn: (when) => `Respondió el ${when}`,
  answers: (office, city) => `En respuesta a la entrega en ${office}, ${city}`,
  viaOffice: "Escrita por la oficina en Handover",
  updatesTitle: "Novedades de los organizadores",
  postedOn: (when) => `Publicada el ${when}`,
};

export default { en, es };
