import { formatNumber } from "~/lib/intl-format";
import { plural } from "~/lib/plural";
// Strings shared by every page. `es` is typed from `en`, so a missing Spanish key fails typecheck.
const en = {
  siteName: "Handover",
  tagline: "Petitions, carried to the door.",
  skipToContent: "Skip to content",
  language: "Language",
  switchTo: "Español",
  switchToLabel: "Leer en español",
  home: "Home",
  dashboard: "Dashboard",
  logIn: "Log in",
  logOut: "Log out",
  footerAbout:
    "Handover helps people sign petitions and deliver them, in person, to the offices that decide.",
  footerPrivacy: "We never print or show a signer's contact details.",
  homeTitle: "Petitions you can sign",
  homeIntro: "Sign, share, and see your petition delivered to the people who decide.",
  noPetitions: "There are no open petitions right now.",
  verifiedSignatures: (n: number) =>
    plural("en", n, { one: "# verified signature", other: "# verified signatures" }),
  goalOf: (goal: number) => `of ${formatNumber(goal, "en")} goal`,
  signThisPetition: "Read and sign",
  closed: "Closed",
  to: "To",
  notFoundTitle: "Page not found",
  notFoundBody: "We couldn't find that page. It may have moved or been removed.",
  errorTitle: "Something went wrong",
  errorBody: "Please try again in a moment.",
  backHome: "Back to the home page",
};

const es: typeof en = {
  siteName: "Handover",
  tagline: "Peticiones, llevadas hasta la puerta.",
  skipToContent: "Saltar al contenido",
  language: "Idioma",
  switchTo: "English",
  switchToLabel: "Read in English",
  home: "Inicio",
  dashboard: "Panel",
  logIn: "Iniciar sesión",
  logOut: "Cerrar sesión",
  footerAbout:
    "Handover ayuda a firmar peticiones y a entregarlas, en persona, a las oficinas que deciden.",
  footerPrivacy: "Nunca imprimimos ni mostramos los datos de contacto de quienes firman.",
  homeTitle: "Peticiones que puedes firmar",
  homeIntro: "Firma, comparte y mira cómo tu petición llega a quienes deciden.",
  noPetitions: "No hay peticiones abiertas en este momento.",
  verifiedSignatures: (n: number) =>
    plural("es", n, { one: "# firma verificada", other: "# firmas verificadas" }),
  goalOf: (goal: number) => `de una meta de ${formatNumber(goal, "es")}`,
  signThisPetition: "Leer y firmar",
  closed: "Cerrada",
  to: "Para",
  notFoundTitle: "Página no encontrada",
  notFoundBody: "No encontramos esa página. Puede que se haya movido o eliminado.",
  errorTitle: "Algo salió mal",
  errorBody: "Inténtalo de nuevo en un momento.",
  backHome: "Volver al inicio",
};

export { formatNumber };

export default { en, es };
