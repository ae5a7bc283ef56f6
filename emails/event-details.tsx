// The body shared by the delivery emails: the details as paragraphs, a button to the event (or
// petition), and, for volunteers, a cancel link — in HTML and in text, in the shared layout.
import type { Locale } from "../db/schema/states";
import { EmailButton, renderLayout, renderTextLayout, type EmailAudience } from "./layout";
import type { RenderedEmail } from "./template";

type Link = { label: string; href: string };

/** Sample props shared by the volunteer emails (RSVP confirmation, reminder, waitlist promotion). */
export const sampleVolunteerEvent = {
  name: "Ana",
  officeName: "Harris County Democratic Party",
  city: "Houston",
  startsAt: "2026-12-08T17:00:00.000Z",
  timeZone: "America/Chicago",
  meetingPoint: "Corner outside 4300 Montrose Blvd",
  eventUrl: "http://localhost:3000/events/1",
  cancelUrl: "http://localhost:3000/rsvp/token",
};

export function renderEventDetailsEmail({
  locale,
  subject,
  paragraphs,
  action,
  cancel,
  unsubscribeUrl,
  audience,
}: {
  locale: Locale;
  /** Who reads it: the footer differs for signers and volunteers, the team, and offices. */
  audience: EmailAudience;
  subject: string;
  paragraphs: string[];
  /** The button: "See the event" and its address. */
  action: Link;
  /** A plain link under the button, e.g. to cancel an RSVP. */
  cancel?: Link;
  unsubscribeUrl?: string;
}): RenderedEmail {
  const textLinks = [`${action.label}: ${action.href}`];
  if (cancel) textLinks.push(`${cancel.label}: ${cancel.href}`);
  return {
    subject,
    html: renderLayout({
      locale,
      heading: subject,
      unsubscribeUrl,
      audience,
      children: (
        <>
          {paragraphs.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <EmailButton href={action.href}>{action.label}</EmailButton>
          {cancel ? (
            <p>
              <a href={cancel.href}>{cancel.label}</a>
            </p>
          ) : null}
        </>
      ),
    }),
    text: renderTextLayout({
      locale,
      heading: subject,
      paragraphs: [...paragraphs, ...textLinks],
      unsubscribeUrl,
      audience,
    }),
  };
}
