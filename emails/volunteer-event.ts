// What the emails to a volunteer about one delivery share: sample props, and the ending — the
// button to the event and the link to cancel the RSVP.
import type { Locale } from "../db/schema/states";
import { renderButtonEmail } from "./button-email";

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

export function renderVolunteerEventEmail({
  locale,
  subject,
  paragraphs,
  event,
  copy,
}: {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  event: { eventUrl: string; cancelUrl: string };
  copy: { view: string; cancel: string };
}) {
  return renderButtonEmail({
    locale,
    audience: "signer",
    subject,
    paragraphs,
    action: { label: copy.view, href: event.eventUrl },
    link: { label: copy.cancel, href: event.cancelUrl },
  });
}

/** The meeting point as a paragraph, or none when the event has not set one. */
export const meetingPointLine = (label: string, meetingPoint: string) =>
  meetingPoint ? [`${label}: ${meetingPoint}`] : [];
