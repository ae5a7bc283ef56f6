// Strings for packets: the packet pages, the paper-signature page, the public verify page, and the
// printed packet itself (`pdf`). `es` is typed from `en`: a missing Spanish key fails typecheck.
import { formatNumber } from "./common";
import { plural } from "~/lib/plural";

const en = {
  // Packet page
  packetTitle: "Delivery packet",
  packetIntro:
    "Print this packet and carry it to the office. It lists only what signers agreed to show: never an email, phone number or street address.",
  backToEvent: "Back to the event",
  office: "Office",
  deliveryOn: "Delivery",
  eventStatus: "Event status",
  options: "Packet options",
  language: "Language of the cover letter",
  languageEn: "English",
  languageEs: "Spanish",
  languageBoth: "Both (English, then Spanish)",
  others: "Signatures from outside this office's area",
  othersAll: "Include all other signatures after the local ones",
  othersNone: "Local signatures only",
  localArea: (area: string) => `Local to this office: ${area}`,
  noLocalArea: "This office has no local area set, so no signature counts as local.",
  volumeSize: "Signatures per volume",
  volumeSizeHint: "Long lists are split into separate files of this size (500 to 20,000).",
  paperSize: "Paper size",
  paperLetter: "US Letter",
  paperA4: "A4",
  generate: "Generate packet",
  regenerate: "Regenerate packet",
  regenerateHint:
    "A new packet takes a fresh snapshot of the signatures. Earlier packets stay downloadable.",
  noPacket: "No packet has been generated for this delivery yet.",
  statusQueued: "Waiting to start…",
  statusBuilding: "Building the packet…",
  statusReady: "Ready",
  statusFailed: "The packet could not be built. Try again; if it fails again, tell an organizer.",
  progressLabel: "Packet progress",
  refreshHint: "This page refreshes by itself while the packet is built.",
  refreshNow: "Refresh",
  currentPacket: "Current packet",
  packetId: "Packet ID",
  snapshotAt: "Snapshot taken",
  signaturesInPacket: "Signatures in this packet",
  localSignatures: "Local to this office",
  paperSignatures: "Signed on paper",
  totalVerified: "Verified signatures on the petition",
  pages: "Pages",
  fingerprint: "Fingerprint (SHA-256 of the signature list)",
  downloads: "Downloads",
  volumeFile: (v: number, n: number, pages: number) =>
    `Volume ${v} of ${n} (PDF, ${plural("en", pages, { one: "# page", other: "# pages" })})`,
  wholeFile: (pages: number) =>
    `Packet (PDF, ${plural("en", pages, { one: "# page", other: "# pages" })})`,
  listFile: "Signature list (text file the fingerprint is computed from)",
  printView: "Print view",
  printViewVolume: (v: number) => `Print view, volume ${v}`,
  verifyLink: "Public verification page",
  dayZip: "All packets of this delivery day you may print (one ZIP)",
  earlierPackets: "Earlier packets",
  superseded: "Replaced",
  generated: "Packet requested. It is being built now.",
  optionsInvalid: "Please check the options below.",
  forbidden: "Only organizers and this event's coordinators can print its packet.",
  // Errors (keys of the zod schemas)
  errors: {
    languageRequired: "Choose the language of the cover letter.",
    othersRequired: "Choose whether to include signatures from outside the office's area.",
    volumeSizeNumber: "Enter a whole number of signatures per volume.",
    volumeSizeRange: "Choose between 500 and 20,000 signatures per volume.",
    paperSizeRequired: "Choose US Letter or A4.",
    cityRequired: "Enter the city where the sheets were signed.",
    cityTooLong: "The city can be at most 100 characters.",
    regionTooLong: "The state or region can be at most 50 characters.",
    postalTooLong: "The postal code can be at most 20 characters.",
    countNumber: "Enter the number of signatures as a whole number.",
    countRange: "Enter a number of signatures between 1 and 100,000.",
    namesTooMany:
      "There are more names than the number of signatures. Check the count or the names.",
    noteTooLong: "The note can be at most 500 characters.",
  },
  // Paper page
  paperTitle: "Signatures on paper",
  paperIntro:
    "Record signatures gathered on paper sheets. They count in the petition's totals and are printed in delivery packets, labelled as paper.",
  paperTotals: (online: number, paper: number) =>
    `${formatNumber(online, "en")} verified online + ${formatNumber(paper, "en")} on paper = ${formatNumber(online + paper, "en")}`,
  paperCity: "City",
  paperRegion: "State or region",
  paperRegionHint:
    "Two-letter state code, e.g. TX. Used to route the signatures to the right office.",
  paperPostal: "Postal code",
  paperCount: "Number of signatures",
  paperNames: "Names (optional)",
  paperNamesHint:
    "One name per line, as written on the sheets. Leave empty to record the count only.",
  paperNote: "Note (optional)",
  paperSave: "Record paper signatures",
  paperSaved: (n: number, city: string) =>
    plural("en", n, {
      one: `Recorded # paper signature from ${city}.`,
      other: `Recorded # paper signatures from ${city}.`,
    }),
  paperBatches: "Recorded batches",
  paperNone: "No paper signatures recorded yet.",
  paperNamesCount: (n: number) => plural("en", n, { one: "# name", other: "# names" }),
  paperCountOnly: "count only",
  paperRecordedOn: "Recorded",
  paperDelete: "Delete",
  paperDeleted: "Batch deleted.",
  paperViewOnly: "You can see the paper signatures; only owners and organizers can record them.",
  // Verify page
  verifyTitle: "Verify a delivery packet",
  verifyIntro:
    "Every Handover packet carries a fingerprint of its signature list. Compare it with the one printed on the packet's last page.",
  verifyPetition: "Petition",
  verifyOffice: "Delivered to",
  verifyCount: "Signatures in the packet",
  verifyCountDetail: (online: number, paper: number) =>
    `${formatNumber(online, "en")} online, ${formatNumber(paper, "en")} on paper`,
  verifyCheck: "Check a fingerprint",
  verifyCheckLabel: "Fingerprint printed on the packet",
  verifyCheckButton: "Check",
  verifyMatch: "This fingerprint matches the packet: the list is the one Handover produced.",
  verifyMismatch:
    "This fingerprint does not match the packet. The list may have been changed, or the fingerprint mistyped.",
  verifyNotReady: "This packet is still being prepared.",
  verifyNotFound: "There is no packet with this ID.",
  verifySuperseded:
    "A newer packet has since been generated for this delivery; this one is still valid for the list it holds.",
  verifyNoNames: "This page never shows signers' names.",
  verifyListErased:
    "Under the campaign's retention schedule, this packet's stored list of names has been erased. Its count and fingerprint are kept, so a printed copy can still be checked against them.",
  // Print view
  printTitle: "Print view",
  printHint: "Use your browser's Print command. Rows are never split across pages.",
  printPaperSize: "Paper",
  printVolume: (v: number, n: number) => `Volume ${v} of ${n}`,
  printOtherVolumes: "Other volumes",
  pdf: {
    page: (n: number, m: number) => `Page ${n} of ${m}`,
    packet: (id: string) => `Packet ${id}`,
    volume: (v: number, n: number) => `Volume ${v} of ${n}`,
    anonymous: "Anonymous",
    paperLabel: "Paper",
    colNumber: "#",
    colName: "Name",
    colCity: "City",
    colRegion: "State",
    colDate: "Date signed",
    localHeading: (office: string) => `Signatures from ${office}'s area`,
    otherHeading: "Signatures from elsewhere",
    paperLocalHeading: (office: string) => `Signed on paper in ${office}'s area`,
    paperOtherHeading: "Signed on paper elsewhere",
    paperUnnamed: (n: number) =>
      plural("en", n, {
        one: "# signature on paper (name not recorded)",
        other: "# signatures on paper (names not recorded)",
      }),
    commentsHeading: "What signers said",
    commentsIntro: "Comments signers chose to share publicly.",
    commentBy: (name: string, city: string) => `— ${name}, ${city}`,
    letterDear: (name: string) => `Dear ${name},`,
    letterBody: (p: {
      title: string;
      total: number;
      online: number;
      paper: number;
      local: number;
      office: string;
    }) =>
      `We are delivering to you, in person, the petition “${p.title}”. ` +
      plural("en", p.total, {
        one: "# person has signed it so far: ",
        other: "# people have signed it so far: ",
      }) +
      `${formatNumber(p.online, "en")} verified online and ${formatNumber(p.paper, "en")} on paper. ` +
      plural("en", p.local, {
        one: `# of them lives in the area served by ${p.office}.`,
        other: `# of them live in the area served by ${p.office}.`,
      }),
    letterInPacket: (n: number) =>
      plural("en", n, {
        one: "This packet contains # signature, listed after the petition text.",
        other:
          "This packet contains # signatures, listed after the petition text, local signers first.",
      }),
    letterPrivacy:
      "To protect signers, the list shows only each signer's name, city and state, and the date they signed — never an email address, phone number or postal code. Signers who asked not to be named appear as “Anonymous”.",
    letterAsk:
      "We ask you to read the petition, to answer it in writing, and to meet with the people who carried it to your door.",
    letterClosing: "Respectfully,",
    petitionHeading: "The petition",
    verifyHeading: "Verification",
    verifyTotal: (n: number) => `Signatures in this packet: ${formatNumber(n, "en")}`,
    verifySplit: (online: number, paper: number, local: number) =>
      `Online: ${formatNumber(online, "en")} · On paper: ${formatNumber(paper, "en")} · Local to this office: ${formatNumber(local, "en")}`,
    verifySnapshot: (when: string) => `Snapshot taken: ${when}`,
    verifyFingerprint: "SHA-256 fingerprint of the signature list:",
    verifyUrl: (url: string) => `Verify this packet at ${url}`,
    verifyHow:
      "The fingerprint is the SHA-256 hash of the signature list as a text file (one line per row, in the printed order); the verify page shows the same count and fingerprint.",
    verifyVolumes: (n: number) =>
      plural("en", n, { one: "This packet has # volume.", other: "This packet has # volumes." }),
  },
};

const es: typeof en = {
  packetTitle: "Paquete de entrega",
  packetIntro:
    "Imprime este paquete y llévalo a la oficina. Solo muestra lo que los firmantes aceptaron mostrar: nunca un correo, teléfono ni dirección.",
  backToEvent: "Volver a la entrega",
  office: "Oficina",
  deliveryOn: "Entrega",
  eventStatus: "Estado de la entrega",
  options: "Opciones del paquete",
  language: "Idioma de la carta",
  languageEn: "Inglés",
  languageEs: "Español",
  languageBoth: "Ambos (inglés, luego español)",
  others: "Firmas de fuera del área de esta oficina",
  othersAll: "Incluir todas las demás firmas después de las locales",
  othersNone: "Solo firmas locales",
  localArea: (area: string) => `Locales para esta oficina: ${area}`,
  noLocalArea:
    "Esta oficina no tiene un área local definida, así que ninguna firma cuenta como local.",
  volumeSize: "Firmas por volumen",
  volumeSizeHint:
    "Las listas largas se dividen en archivos separados de este tamaño (de 500 a 20.000).",
  paperSize: "Tamaño de papel",
  paperLetter: "Carta (EE. UU.)",
  paperA4: "A4",
  generate: "Generar paquete",
  regenerate: "Volver a generar",
  regenerateHint:
    "Un paquete nuevo toma la lista de firmas tal como esté en ese momento. Los paquetes anteriores se pueden seguir descargando.",
  noPacket: "Todavía no se ha generado un paquete para esta entrega.",
  statusQueued: "Esperando para empezar…",
  statusBuilding: "Preparando el paquete…",
  statusReady: "Listo",
  statusFailed:
    "No se pudo preparar el paquete. Inténtalo de nuevo; si vuelve a fallar, avisa a un organizador.",
  progressLabel: "Progreso del paquete",
  refreshHint: "Esta página se actualiza sola mientras se prepara el paquete.",
  refreshNow: "Actualizar",
  currentPacket: "Paquete actual",
  packetId: "ID del paquete",
  snapshotAt: "Lista cerrada",
  signaturesInPacket: "Firmas en este paquete",
  localSignatures: "Locales para esta oficina",
  paperSignatures: "Firmadas en papel",
  totalVerified: "Firmas verificadas de la petición",
  pages: "Páginas",
  fingerprint: "Huella (SHA-256 de la lista de firmas)",
  downloads: "Descargas",
  volumeFile: (v: number, n: number, pages: number) =>
    `Volumen ${v} de ${n} (PDF, ${plural("es", pages, { one: "# página", other: "# páginas" })})`,
  wholeFile: (pages: number) =>
    `Paquete (PDF, ${plural("es", pages, { one: "# página", other: "# páginas" })})`,
  listFile: "Lista de firmas (archivo de texto del que se calcula la huella)",
  printView: "Vista para imprimir",
  printViewVolume: (v: number) => `Vista para imprimir, volumen ${v}`,
  verifyLink: "Página pública de verificación",
  dayZip: "Todos los paquetes de este día de entrega que puedes imprimir (un ZIP)",
  earlierPackets: "Paquetes anteriores",
  superseded: "Reemplazado",
  generated: "Paquete solicitado. Se está preparando ahora.",
  optionsInvalid: "Revisa las opciones de abajo.",
  forbidden:
    "Solo los organizadores y los coordinadores de esta entrega pueden imprimir su paquete.",
  errors: {
    languageRequired: "Elige el idioma de la carta.",
    othersRequired: "Elige si incluir firmas de fuera del área de la oficina.",
    volumeSizeNumber: "Escribe un número entero de firmas por volumen.",
    volumeSizeRange: "Elige entre 500 y 20.000 firmas por volumen.",
    paperSizeRequired: "Elige Carta o A4.",
    cityRequired: "Escribe la ciudad donde se firmaron las hojas.",
    cityTooLong: "La ciudad puede tener como máximo 100 caracteres.",
    regionTooLong: "El estado o región puede tener como máximo 50 caracteres.",
    postalTooLong: "El código postal puede tener como máximo 20 caracteres.",
    countNumber: "Escribe el número de firmas como número entero.",
    countRange: "Escribe un número de firmas entre 1 y 100.000.",
    namesTooMany: "Hay más nombres que firmas. Revisa el número o los nombres.",
    noteTooLong: "La nota puede tener como máximo 500 caracteres.",
  },
  paperTitle: "Firmas en papel",
  paperIntro:
    "Registra las firmas recogidas en hojas de papel. Cuentan en los totales de la petición y se imprimen en los paquetes de entrega, marcadas como papel.",
  paperTotals: (online: number, paper: number) =>
    `${formatNumber(online, "es")} verificadas en línea + ${formatNumber(paper, "es")} en papel = ${formatNumber(online + paper, "es")}`,
  paperCity: "Ciudad",
  paperRegion: "Estado o región",
  paperRegionHint:
    "Código de dos letras del estado, p. ej. TX. Sirve para llevar las firmas a la oficina correcta.",
  paperPostal: "Código postal",
  paperCount: "Número de firmas",
  paperNames: "Nombres (opcional)",
  paperNamesHint:
    "Un nombre por línea, tal como aparece en las hojas. Déjalo vacío para registrar solo el número.",
  paperNote: "Nota (opcional)",
  paperSave: "Registrar firmas en papel",
  paperSaved: (n: number, city: string) =>
    plural("es", n, {
      one: `Se registró # firma en papel de ${city}.`,
      other: `Se registraron # firmas en papel de ${city}.`,
    }),
  paperBatches: "Lotes registrados",
  paperNone: "Todavía no hay firmas en papel.",
  paperNamesCount: (n: number) => plural("es", n, { one: "# nombre", other: "# nombres" }),
  paperCountOnly: "solo el número",
  paperRecordedOn: "Registrado",
  paperDelete: "Eliminar",
  paperDeleted: "Lote eliminado.",
  paperViewOnly:
    "Puedes ver las firmas en papel; solo los dueños y organizadores pueden registrarlas.",
  verifyTitle: "Verificar un paquete de entrega",
  verifyIntro:
    "Cada paquete de Handover lleva una huella de su lista de firmas. Compárala con la impresa en la última página del paquete.",
  verifyPetition: "Petición",
  verifyOffice: "Entregado a",
  verifyCount: "Firmas en el paquete",
  verifyCountDetail: (online: number, paper: number) =>
    `${formatNumber(online, "es")} en línea, ${formatNumber(paper, "es")} en papel`,
  verifyCheck: "Comprobar una huella",
  verifyCheckLabel: "Huella impresa en el paquete",
  verifyCheckButton: "Comprobar",
  verifyMatch: "Esta huella coincide con el paquete: la lista es la que produjo Handover.",
  verifyMismatch:
    "Esta huella no coincide con el paquete. La lista puede haber cambiado, o la huella está mal escrita.",
  verifyNotReady: "Este paquete todavía se está preparando.",
  verifyNotFound: "No hay ningún paquete con este ID.",
  verifySuperseded:
    "Desde entonces se generó un paquete más nuevo para esta entrega; este sigue siendo válido para la lista que contiene.",
  verifyNoNames: "Esta página nunca muestra los nombres de los firmantes.",
  verifyListErased:
    "Según el calendario de conservación de la campaña, la lista de nombres guardada de este paquete ya se borró. Se conservan su conteo y su huella, así que una copia impresa se puede seguir verificando con ellos.",
  printTitle: "Vista para imprimir",
  printHint: "Usa el comando Imprimir del navegador. Las filas nunca se cortan entre páginas.",
  printPaperSize: "Papel",
  printVolume: (v: number, n: number) => `Volumen ${v} de ${n}`,
  printOtherVolumes: "Otros volúmenes",
  pdf: {
    page: (n: number, m: number) => `Página ${n} de ${m}`,
    packet: (id: string) => `Paquete ${id}`,
    volume: (v: number, n: number) => `Volumen ${v} de ${n}`,
    anonymous: "Anónimo",
    paperLabel: "Papel",
    colNumber: "#",
    colName: "Nombre",
    colCity: "Ciudad",
    colRegion: "Estado",
    colDate: "Fecha de firma",
    localHeading: (office: string) => `Firmas del área de ${office}`,
    otherHeading: "Firmas de otros lugares",
    paperLocalHeading: (office: string) => `Firmadas en papel en el área de ${office}`,
    paperOtherHeading: "Firmadas en papel en otros lugares",
    paperUnnamed: (n: number) =>
      plural("es", n, {
        one: "# firma en papel (sin nombre registrado)",
        other: "# firmas en papel (sin nombres registrados)",
      }),
    commentsHeading: "Lo que dijeron los firmantes",
    commentsIntro: "Comentarios que los firmantes decidieron compartir públicamente.",
    commentBy: (name: string, city: string) => `— ${name}, ${city}`,
    letterDear: (name: string) => `Estimado/a ${name}:`,
    letterBody: (p: {
      title: string;
      total: number;
      online: number;
      paper: number;
      local: number;
      office: string;
    }) =>
      `Le entregamos en persona la petición «${p.title}». ` +
      plural("es", p.total, {
        one: "Hasta ahora la ha firmado # persona: ",
        other: "Hasta ahora la han firmado # personas: ",
      }) +
      `${formatNumber(p.online, "es")} en línea (verificadas) y ${formatNumber(p.paper, "es")} en papel. ` +
      plural("es", p.local, {
        one: `# de ellas vive en el área que atiende ${p.office}.`,
        other: `# de ellas viven en el área que atiende ${p.office}.`,
      }),
    letterInPacket: (n: number) =>
      plural("es", n, {
        one: "Este paquete contiene # firma, listada después del texto de la petición.",
        other:
          "Este paquete contiene # firmas, listadas después del texto de la petición, primero las locales.",
      }),
    letterPrivacy:
      "Para proteger a los firmantes, la lista muestra solo el nombre, la ciudad y el estado de cada firmante, y la fecha en que firmó — nunca un correo, un teléfono ni un código postal. Quienes pidieron no ser nombrados aparecen como «Anónimo».",
    letterAsk:
      "Le pedimos que lea la petición, que la responda por escrito y que se reúna con las personas que la trajeron a su puerta.",
    letterClosing: "Atentamente,",
    petitionHeading: "La petición",
    verifyHeading: "Verificación",
    verifyTotal: (n: number) => `Firmas en este paquete: ${formatNumber(n, "es")}`,
    verifySplit: (online: number, paper: number, local: number) =>
      `En línea: ${formatNumber(online, "es")} · En papel: ${formatNumber(paper, "es")} · Locales para esta oficina: ${formatNumber(local, "es")}`,
    verifySnapshot: (when: string) => `Lista cerrada el ${when}`,
    verifyFingerprint: "Huella SHA-256 de la lista de firmas:",
    verifyUrl: (url: string) => `Verifique este paquete en ${url}`,
    verifyHow:
      "La huella es el hash SHA-256 de la lista de firmas como archivo de texto (una línea por fila, en el orden impreso); la página de verificación muestra el mismo número y la misma huella.",
    verifyVolumes: (n: number) =>
      plural("es", n, {
        one: "Este paquete tiene # volumen.",
        other: "Este paquete tiene # volúmenes.",
      }),
  },
};

export default { en, es };
