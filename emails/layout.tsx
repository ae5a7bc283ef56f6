// The shared frame of every Handover email: header, body, footer with the reason and unsubscribe.
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Locale } from "../db/schema/states";

const footerText = {
  en: {
    signer: "Sent by Handover, on behalf of the campaign you took part in.",
    team: "Sent by Handover to people working on a campaign's team.",
    office: "Sent by Handover on behalf of the campaign delivering this petition.",
    unsubscribe: "Unsubscribe from these emails",
    remove: "Remove my signature",
  },
  es: {
    signer: "Enviado por Handover, en nombre de la campaña en la que participaste.",
    team: "Enviado por Handover a quienes trabajan en el equipo de una campaña.",
    office: "Enviado por Handover en nombre de la campaña que entrega esta petición.",
    unsubscribe: "Darte de baja de estos correos",
    remove: "Quitar mi firma",
  },
} satisfies Record<Locale, Record<string, string>>;

export type LayoutProps = {
  locale: Locale;
  preheader?: string;
  heading: string;
  children: ReactNode;
  unsubscribeUrl?: string;
  /** Who it is for: the footer says why they got it. */
  audience: EmailAudience;
};

/**
 * Signers and volunteers took part in a campaign; team mail (invitations, assignments, reports,
 * password resets) goes to people working on one; an office is written to on a campaign's behalf.
 */
export type EmailAudience = "signer" | "team" | "office";

const styles = {
  body: {
    margin: 0,
    padding: 0,
    background: "#f4f1ea",
    fontFamily: "Helvetica, Arial, sans-serif",
    color: "#1d1d1b",
  },
  card: {
    maxWidth: 560,
    margin: "0 auto",
    background: "#ffffff",
    padding: "28px 28px 20px",
    borderRadius: 8,
  },
  brand: {
    fontWeight: 700,
    letterSpacing: "0.04em",
    color: "#8a2b06",
    fontSize: 14,
    textTransform: "uppercase" as const,
  },
  h1: { fontSize: 22, lineHeight: "28px", margin: "12px 0 16px" },
  footer: { maxWidth: 560, margin: "0 auto", padding: "16px 28px", fontSize: 12, color: "#5b5b57" },
};

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p style={{ margin: "24px 0" }}>
      <a
        href={href}
        style={{
          background: "#8a2b06",
          color: "#ffffff",
          padding: "12px 20px",
          borderRadius: 6,
          textDecoration: "none",
          fontWeight: 700,
          display: "inline-block",
        }}
      >
        {children}
      </a>
    </p>
  );
}

export function renderLayout({
  locale,
  preheader,
  heading,
  children,
  unsubscribeUrl,
  audience,
}: LayoutProps) {
  const f = footerText[locale];
  const markup = renderToStaticMarkup(
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{heading}</title>
      </head>
      <body style={styles.body}>
        {preheader ? (
          <div style={{ display: "none", maxHeight: 0, overflow: "hidden" }}>{preheader}</div>
        ) : null}
        <div style={{ padding: "24px 8px" }}>
          <div style={styles.card}>
            <div style={styles.brand}>Handover</div>
            <h1 style={styles.h1}>{heading}</h1>
            {children}
          </div>
          <div style={styles.footer}>
            <p>{f[audience]}</p>
            {unsubscribeUrl ? (
              <p>
                <a href={unsubscribeUrl} style={{ color: "#5b5b57" }}>
                  {f.unsubscribe}
                </a>
              </p>
            ) : null}
            {signatureRemovalUrl(unsubscribeUrl) ? (
              <p>
                <a href={signatureRemovalUrl(unsubscribeUrl)!} style={{ color: "#5b5b57" }}>
                  {f.remove}
                </a>
              </p>
            ) : null}
          </div>
        </div>
      </body>
    </html>,
  );
  return `<!doctype html>${markup}`;
}

/**
 * Every email to a signer carries a signer's unsubscribe link (/unsubscribe/s<id>.<mac>); the same
 * token opens the page that erases the signature, so each such email also offers "Remove my signature".
 */
export const signatureRemovalUrl = (unsubscribeUrl?: string) =>
  unsubscribeUrl && /\/unsubscribe\/s\d+\./.test(unsubscribeUrl)
    ? unsubscribeUrl.replace("/unsubscribe/", "/remove/")
    : null;

/** Plain-text twin of the layout: heading, paragraphs, footer. */
export function renderTextLayout({
  locale,
  heading,
  paragraphs,
  unsubscribeUrl,
  audience,
}: {
  locale: Locale;
  heading: string;
  paragraphs: string[];
  unsubscribeUrl?: string;
  audience: EmailAudience;
}) {
  const f = footerText[locale];
  const lines = [
    heading,
    "=".repeat(Math.min(heading.length, 60)),
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    "--",
    f[audience],
  ];
  if (unsubscribeUrl) lines.push(`${f.unsubscribe}: ${unsubscribeUrl}`);
  const removeUrl = signatureRemovalUrl(unsubscribeUrl);
  if (removeUrl) lines.push(`${f.remove}: ${removeUrl}`);
  return lines.join("\n");
}
