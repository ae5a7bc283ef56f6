// To an organizer who asked to reset their password.
import { EmailButton, renderLayout, renderTextLayout } from "./layout";
import { defineEmail } from "./template";

type Props = { name: string; resetUrl: string; hours: number };

const copy = {
  en: {
    subject: "Reset your Handover password",
    hello: (name: string) => `Hello ${name},`,
    body: (hours: number) =>
      `Someone (hopefully you) asked to reset your password. The link works once, for ${hours} hours.`,
    button: "Choose a new password",
    ignore: "If you did not ask for this, ignore this email: your password stays the same.",
  },
  es: {
    subject: "Restablece tu contraseña de Handover",
    hello: (name: string) => `Hola, ${name}:`,
    body: (hours: number) =>
      `Alguien (esperamos que tú) pidió restablecer tu contraseña. El enlace funciona una vez, durante ${hours} horas.`,
    button: "Elegir una nueva contraseña",
    ignore: "Si no lo pediste, ignora este correo: tu contraseña no cambia.",
  },
};

export default defineEmail<Props>({
  name: "password-reset",
  sample: {
    name: "Olivia",
    resetUrl: "http://localhost:3000/reset-password/sample-token",
    hours: 2,
  },
  render: ({ name, resetUrl, hours }, locale) => {
    const c = copy[locale];
    return {
      subject: c.subject,
      html: renderLayout({
        locale,
        audience: "team",
        heading: c.subject,
        children: (
          <>
            <p>{c.hello(name)}</p>
            <p>{c.body(hours)}</p>
            <EmailButton href={resetUrl}>{c.button}</EmailButton>
            <p>{c.ignore}</p>
          </>
        ),
      }),
      text: renderTextLayout({
        locale,
        audience: "team",
        heading: c.subject,
        paragraphs: [c.hello(name), c.body(hours), `${c.button}: ${resetUrl}`, c.ignore],
      }),
    };
  },
});
