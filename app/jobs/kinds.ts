// The job contract: every kind of background job Handover runs, with the payload it carries.
// enqueueJob and jobInsertCte accept only these kinds and type the payload from the schema; the
// runner checks a claimed job's payload against it before the handler sees it (a row written by an
// older version, or by hand, fails with a clear error instead of half-running).
//
// Naming: `<feature>.<verb-phrase>` (e.g. "packet.build"). The seven older delivery and office
// kinds predate the scheme and keep their names: a kind is stored in every queued row, in dedupe
// keys derived from it and in operators' queries, so renaming one would strand the rows already
// queued under the old name. New kinds follow the scheme.
//
// No imports from the domain here: the queue (which the domain imports) types itself from this file.
import { z } from "zod";
import { LOCALES } from "#db/schema/states";

const id = z.number();
// A kind that carries nothing accepts whatever an older row stored.
const nothing = z.looseObject({});

export const jobPayloads = {
  // Signing
  "signature.send-confirmations": z.object({
    items: z.array(z.object({ id, token: z.string() })),
  }),
  "signature.send-thank-you": z.object({ signatureId: id }),
  "signature.expire-pending": nothing,
  "petition.reconcile-count": z.object({ petitionId: id }),
  "petition.check-goal": z.object({ petitionId: id }),

  // Deliveries and offices (older names, see above)
  "notify-signers": z.object({
    eventId: id,
    phase: z.enum(["delivered", "acknowledged"]),
    afterId: id.optional(),
    force: z.boolean().optional(),
    gathered: z.boolean().optional(),
  }),
  "delivery-reported": z.object({ eventId: id }),
  "rsvp-reminders": z.object({
    eventId: id,
    window: z.enum(["day", "hours"]),
    startsAt: z.string(),
  }),
  "event-changed": z.object({
    eventId: id,
    change: z.enum(["rescheduled", "moved", "postponed", "cancelled"]),
    key: z.string().optional(),
    note: z.string().optional(),
    // The state it left; kept for whoever reads the job table, the email does not need it.
    from: z.string().optional(),
  }),
  "office-acknowledged": z.object({ eventId: id }),
  "notify-signers-response": z.object({
    responseId: id,
    afterId: id.optional(),
    round: z.number().optional(),
    onlyThisBatch: z.boolean().optional(),
  }),
  "notify-signers-update": z.object({ updateId: id, afterId: id.optional() }),

  // Packets, integrations, privacy
  "packet.build": z.object({ packetId: z.string() }),
  "webhook.deliver": z.object({ deliveryId: id }),
  "retention.anonymise": nothing,
  "signer.data-report": z.object({
    // Cleared once the report is queued, so a finished job keeps no address.
    email: z.string().optional(),
    locale: z.enum(LOCALES).optional(),
  }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type JobKind = keyof typeof jobPayloads;
/** What a caller passes when queueing a job of this kind. */
export type JobPayloadInput<K extends JobKind> = z.input<(typeof jobPayloads)[K]>;
/** What the handler receives, checked. */
export type JobPayload<K extends JobKind> = z.output<(typeof jobPayloads)[K]>;

export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(jobPayloads, kind);

/** Checks a stored payload against its kind's schema; the message names the fields that are wrong. */
export function parseJobPayload<K extends JobKind>(
  kind: K,
  payload: unknown,
): { ok: true; payload: JobPayload<K> } | { ok: false; error: string } {
  const parsed = jobPayloads[kind].safeParse(payload);
  if (parsed.success) return { ok: true, payload: parsed.data as JobPayload<K> };
  const problems = parsed.error.issues
    .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
    .join("; ");
  return { ok: false, error: `invalid payload for job kind "${kind}": ${problems}` };
}
