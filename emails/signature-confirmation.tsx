// To a signer right after signing (and on "resend"): the link opens a page whose button confirms.
// The link itself changes nothing, so mail scanners that follow links cannot confirm for anyone.
import { defineEmail } from "./template";
import { EmailButton, renderLayout, renderTextLayout } from "./layout";

export type SignatureConfirmationProps = {
  firstName: string;
  petitionTitle: string;
  confirmUrl: string;
  expiresHours: number;
  unsubscribeUrl: string;
};

const copy = {
  en: {
    subject: (title: string) => `Confirm your signature: ${title}`,
    heading: "One last step: confirm your signature",
    hello: (name: string) => `Hi ${name},`,
    body: (title: string) =>
      `Thank you for signing “${title}”. Open the page below and press “Confirm my signature”. Only confirmed signatures are counted and delivered.`,
    button: "Open the confirmation page",
    expires: (h: number) =>
      `The link works for ${h} hours. If you didn't sign, ignore this email and nothing will be counted.`,
  },
  es: {
    subject: (title: string) => `Confirma tu firma: ${title}`,
    heading: "Un último paso: confirma tu firma",
    hello: (name: string) => `Hola ${name}:`,
    body: (title: string) =>
      `Gracias por firmar “${title}”. Abre la página de abajo y pulsa “Confirmar mi firma”. Solo contamos y entregamos las firmas confirmadas.`,
    button: "Abrir la página de confirmación",
    expires: (h: number) =>
      `El enlace funciona durante ${h} horas. Si no firmaste, ignora este correo y no se contará nada.`,
  },
};

export default defineEmail<SignatureConfirmationProps>({
  name: "signature-confirmation",
  sample: {
    firstName: "María",
    petitionTitle: "Stop deportations that start with a traffic stop",
    confirmUrl: "http://localhost:3000/confirm/sample-token",
    expiresHours: 72,
    unsubscribeUrl: "http://localhost:3000/unsubscribe/sample",
  },
  render(props, locale) {
    const c = copy[locale];
    const html = renderLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      preheader: c.body(props.petitionTitle),
      unsubscribeUrl: props.unsubscribeUrl,
      children: (
        <>
          <p>{c.hello(props.firstName)}</p>
          <p>{c.body(props.petitionTitle)}</p>
          <EmailButton href={props.confirmUrl}>{c.button}</EmailButton>
          <p style={{ fontSize: 13, color: "#5b5b57" }}>{props.confirmUrl}</p>
          <p style={{ fontSize: 13, color: "#5b5b57" }}>{c.expires(props.expiresHours)}</p>
        </>
      ),
    });
    const text = renderTextLayout({
      locale,
      audience: "signer",
      heading: c.heading,
      paragraphs: [
        c.hello(props.firstName),
        c.body(props.petitionTitle),
        `${c.button}: ${props.confirmUrl}`,
        c.expires(props.expiresHours),
      ],
      unsubscribeUrl: props.unsubscribeUrl,
    });
    return { subject: c.subject(props.petitionTitle), html, text };
  },
});
