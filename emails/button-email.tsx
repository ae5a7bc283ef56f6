// The body most Handover emails share: paragraphs, one button, and maybe a plain link under it —
// in HTML and in text, in the shared layout.
import type { Locale } from "../db/schema/states";
import { EmailButton, renderLayout, renderTextLayout, type EmailAudience } from "./layout";
import type { RenderedEmail } from "./template";

export type EmailLink = { label: string; href: string };

/** A paragraph is prose, or a labelled address shown in full ("Public page: https://…"). */
export type EmailParagraph = string | EmailLink;

const paragraphText = (paragraph: EmailParagraph) =>
  typeof paragraph === "string" ? paragraph : `${paragraph.label}: ${paragraph.href}`;

export function renderButtonEmail({
  locale,
  subject,
  paragraphs,
  action,
  link,
  unsubscribeUrl,
  audience,
}: {
  locale: Locale;
  /** Who reads it: the footer differs for signers and volunteers, the team, and offices. */
  audience: EmailAudience;
  subject: string;
  paragraphs: EmailParagraph[];
  /** The button: "See the event" and its address. */
  action: EmailLink;
  /** A plain link under the button, e.g. to cancel an RSVP. */
  link?: EmailLink;
  unsubscribeUrl?: string;
}): RenderedEmail {
  const textLinks = [`${action.label}: ${action.href}`];
  if (link) textLinks.push(`${link.label}: ${link.href}`);
  return {
    subject,
    html: renderLayout({
      locale,
      heading: subject,
      unsubscribeUrl,
      audience,
      children: (
        <>
          {paragraphs.map((paragraph) =>
            typeof paragraph === "string" ? (
              <p key={paragraph}>{paragraph}</p>
            ) : (
              <p key={paragraph.href}>
                {paragraph.label}: <a href={paragraph.href}>{paragraph.href}</a>
              </p>
            ),
          )}
          <EmailButton href={action.href}>{action.label}</EmailButton>
          {link ? (
            <p>
              <a href={link.href}>{link.label}</a>
            </p>
          ) : null}
        </>
      ),
    }),
    text: renderTextLayout({
      locale,
      heading: subject,
      paragraphs: [...paragraphs.map(paragraphText), ...textLinks],
      unsubscribeUrl,
      audience,
    }),
  };
}
