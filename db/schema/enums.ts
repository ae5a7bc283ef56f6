import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACKNOWLEDGEMENT_KINDS,
  API_TOKEN_SCOPES,
  WEBHOOK_DELIVERY_STATES,
  CAMPAIGN_ROLES,
  EMAIL_STATES,
  EVENT_STATES,
  JOB_STATES,
  LOCALES,
  OFFICE_KINDS,
  PACKET_STATES,
  PETITION_STATES,
  RSVP_ROLES,
  RSVP_STATES,
  SIGNATURE_STATES,
} from "./states";

export const localeEnum = pgEnum("locale", LOCALES);
export const campaignRoleEnum = pgEnum("campaign_role", CAMPAIGN_ROLES);
export const petitionStatusEnum = pgEnum("petition_status", PETITION_STATES);
export const signatureStatusEnum = pgEnum("signature_status", SIGNATURE_STATES);
export const officeKindEnum = pgEnum("office_kind", OFFICE_KINDS);
export const eventStatusEnum = pgEnum("event_status", EVENT_STATES);
export const acknowledgementKindEnum = pgEnum("acknowledgement_kind", ACKNOWLEDGEMENT_KINDS);
export const rsvpStatusEnum = pgEnum("rsvp_status", RSVP_STATES);
export const rsvpRoleEnum = pgEnum("rsvp_role", RSVP_ROLES);
export const packetStatusEnum = pgEnum("packet_status", PACKET_STATES);
export const emailStatusEnum = pgEnum("email_status", EMAIL_STATES);
export const jobStatusEnum = pgEnum("job_status", JOB_STATES);
export const apiTokenScopeEnum = pgEnum("api_token_scope", API_TOKEN_SCOPES);
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", WEBHOOK_DELIVERY_STATES);
