// States and their named groups. Pure constants: safe to import in the browser.
// The pgEnums in the schema are built from these arrays so SQL and TypeScript never drift.

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

export const CAMPAIGN_ROLES = ["owner", "organizer", "coordinator", "viewer"] as const;
export type CampaignRole = (typeof CAMPAIGN_ROLES)[number];

export const PETITION_STATES = ["draft", "published", "closed"] as const;
export type PetitionState = (typeof PETITION_STATES)[number];
export const SIGNABLE_STATES = ["published"] as const satisfies readonly PetitionState[];
export const VISIBLE_STATES = ["published", "closed"] as const satisfies readonly PetitionState[];

export const SIGNATURE_STATES = ["pending", "verified", "invalidated", "expired"] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];

export const OFFICE_KINDS = [
  "campaign_hq",
  "party_office",
  "elected_official",
  "agency",
  "other",
] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const EVENT_STATES = [
  "planned",
  "confirmed",
  "packet_ready",
  "delivered",
  "acknowledged",
  "postponed",
  "cancelled",
] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const OPEN_EVENT_STATES = [
  "planned",
  "confirmed",
  "packet_ready",
  "postponed",
] as const satisfies readonly EventState[];
export const DONE_EVENT_STATES = [
  "delivered",
  "acknowledged",
] as const satisfies readonly EventState[];
export const RSVP_OPEN_EVENT_STATES = [
  "planned",
  "confirmed",
  "packet_ready",
] as const satisfies readonly EventState[];

// How a packet reached the office.
export const DELIVERY_CHANNELS = ["in_person", "email"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

// Where a decision maker's response on a petition page came from.
export const RESPONSE_SOURCES = ["office", "organizer"] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

export const ACKNOWLEDGEMENT_KINDS = ["letter", "meeting_promised", "refused", "other"] as const;

// "unconfirmed": the address has not been confirmed yet — no seat, no meeting point.
export const RSVP_STATES = ["unconfirmed", "going", "waitlisted", "cancelled"] as const;
export type RsvpState = (typeof RSVP_STATES)[number];
export const RSVP_HOLDING_STATES = ["going", "waitlisted"] as const satisfies readonly RsvpState[];
export const RSVP_ROLES = ["attend", "speak", "photos", "bring_packet"] as const;
export type RsvpRole = (typeof RSVP_ROLES)[number];

export const PACKET_STATES = ["queued", "building", "ready", "failed"] as const;
export type PacketState = (typeof PACKET_STATES)[number];

export const EMAIL_STATES = ["pending", "sending", "sent", "failed"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

// API tokens: each scope includes the ones before it (read_contact sees contact data; write may
// also record signatures and attendances).
export const API_TOKEN_SCOPES = ["read", "read_contact", "write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const WEBHOOK_EVENT_TYPES = [
  "signature.verified",
  "attendance.created",
  "attendance.checked_in",
  "delivery.status_changed",
  "packet.ready",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATES = [
  "pending",
  "sending",
  "delivered",
  "failed",
  "held",
] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];
