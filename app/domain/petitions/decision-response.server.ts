// Decision makers' responses to a petition: recorded by the office on its acknowledgement page
// (office-ack.server.ts) or typed in here by an organizer from a letter. Shown on the
// petition page; opted-in signers get one email per response, within the per-signer daily cap.
import { and, asc, desc, eq } from "drizzle-orm";
import { db } from "#db/client";
import {
  decisionMakerResponses,
  deliveryEvents,
  offices,
  petitions,
} from "#db/schema";
import type { Locale } from "#db/schema/states";
import signerDecisionResponse from "#emails/signer-decision-response";
import { env } from "~/lib/env.server";
import { withoutInvisibleControls } from "~/lib/text";
import {
  assertPetitionPermission,
  ForbiddenError,
  type Actor,
} from "~/domain/team/authorization.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { forgetPetitionNews } from "./petition-news.server";
import { petitionTitles } from "./petition-titles.server";
import { optedInSignerBatch } from "./signer-audience.server";
import type { ResponseInput } from "~/domain/offices/office-forms";
import { unsubscribeUrl as signatureUnsubscribeUrl } from "~/domain/signing/signer-links.server";
import { addressesAtDailyCap, SIGNER_DAILY_CAP_HOURS } from "~/domain/deliveries/signer-update-cap.server";

export const RESPONSE_BATCH_SIZE = 250;
/** Rounds a capped signer waits before the response is dropped for them (never sent twice). */
export const MAX_DEFER_ROUNDS = 3;
export const RESPONSE_JOB = "notify-signers-response";

/** The deliveries of a petition an organizer can attach a response to (delivered or acknowledged). */
export async function listAnswerableEvents({
  actor,
  petitionId,
}: {
  actor: Actor;
  petitionId: number;
}) {
  await assertPetitionPermission({ actor, petitionId, permission: "petition.view" });
  return db
    .select({
      id: deliveryEvents.id,
      officeName: offices.name,
      city: offices.city,
      decisionMaker: offices.decisionMaker,
      decisionMakerTitle: offices.decisionMakerTitle,
      status: deliveryEvents.status,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.petitionId, petitionId))
    .orderBy(asc(deliveryEvents.startsAt), asc(deliveryEvents.id));
}

/** An organizer types in a response (from a letter). Needs petition.manage. Queues the signers' email. */
export async function recordResponse({
  actor,
  petitionId,
  input,
}: {
  actor: Actor;
  petitionId: number;
  input: ResponseInput;
}) {
  await assertPetitionPermission({ actor, petitionId, permission: "petition.manage" });
  const recorded = await db.transaction(async (tx) => {
    const [event] = await tx
      .select({ id: deliveryEvents.id, officeId: deliveryEvents.officeId })
      .from(deliveryEvents)
      .where(and(eq(deliveryEvents.id, input.eventId), eq(deliveryEvents.petitionId, petitionId)));
    if (!event) throw new ForbiddenError("petition.manage", "That delivery is not this petition's");
    const [row] = await tx
      .insert(decisionMakerResponses)
      .values({
        petitionId,
        eventId: event.id,
        officeId: event.officeId,
        source: "organizer",
        authorName: input.authorName,
        authorTitle: input.authorTitle,
        body: input.body,
        respondedAt: new Date(`${input.respondedOn}T12:00:00Z`),
        recordedBy: actor!.userId,
      })
      .returning();
    await enqueueJob({
      kind: RESPONSE_JOB,
      payload: { responseId: row!.id },
      dedupeKey: `${RESPONSE_JOB}:${row!.id}`,
      priority: "bulk",
      tx,
    });
    return row!;
  });
  forgetPetitionNews(petitionId);
  return recorded;
}

/**
 * Queues one batch of the response email (signatures with id > afterId). Signers who already got
 * an update in the last 24 hours are left for a later round (a job `SIGNER_DAILY_CAP_HOURS` later
 * over the same batch); the dedupeKey per response and signature means nobody gets it twice.
 */
export async function notifySignersOfResponseBatch({
  responseId,
  afterId = 0,
  round = 0,
  onlyThisBatch = false,
  batchSize = RESPONSE_BATCH_SIZE,
  now = new Date(),
}: {
  responseId: number;
  afterId?: number;
  round?: number;
  onlyThisBatch?: boolean;
  batchSize?: number;
  now?: Date;
}) {
  const [ctx] = await db
    .select({
      response: decisionMakerResponses,
      slug: petitions.slug,
      officeName: offices.name,
    })
    .from(decisionMakerResponses)
    .innerJoin(petitions, eq(petitions.id, decisionMakerResponses.petitionId))
    .leftJoin(offices, eq(offices.id, decisionMakerResponses.officeId))
    .where(eq(decisionMakerResponses.id, responseId));
  if (!ctx) return { queued: 0, deferred: 0 };
  const { response } = ctx;
  const titles = await petitionTitles({ petitionId: response.petitionId });
  const batch = await optedInSignerBatch({
    petitionId: response.petitionId,
    afterId,
    batchSize,
    // Signers who signed after the response was recorded can read it on the page.
    verifiedBy: response.createdAt,
  });
  const capped = await addressesAtDailyCap({ addresses: batch.map((s) => s.email), now });
  const who = withoutInvisibleControls(
    [response.authorName, response.authorTitle].filter(Boolean).join(", "),
  );
  const appUrl = env().APP_URL;
  let queued = 0;
  let deferred = 0;
  await db.transaction(async (tx) => {
    for (const s of batch) {
      const dedupeKey = `signer-decision-response:response:${responseId}:signature:${s.id}`;
      if (capped.has(s.email)) {
        deferred++;
        continue;
      }
      const locale = s.locale as Locale;
      const unsubscribeUrl = signatureUnsubscribeUrl(s.id);
      const created = await enqueueEmail({
        template: signerDecisionResponse,
        props: {
          firstName: s.firstName,
          petitionTitle: titles.get(locale) ?? titles.values().next().value ?? "",
          who: who || ctx.officeName || "",
          officeName: ctx.officeName ?? "",
          body: response.body,
          petitionUrl: `${appUrl}/p/${ctx.slug}?lang=${locale}#responses`,
          unsubscribeUrl,
        },
        to: s.email,
        locale,
        dedupeKey,
        unsubscribeUrl,
        priority: "bulk",
        tx,
      });
      if (created) queued++;
    }
    const last = batch[batch.length - 1];
    if (!onlyThisBatch && last && batch.length === batchSize) {
      await enqueueJob({
        kind: RESPONSE_JOB,
        payload: { responseId, afterId: last.id, round },
        dedupeKey: `${RESPONSE_JOB}:${responseId}:after:${last.id}:round:${round}`,
        priority: "bulk",
        tx,
      });
    }
    if (deferred > 0 && round < MAX_DEFER_ROUNDS) {
      await enqueueJob({
        kind: RESPONSE_JOB,
        payload: { responseId, afterId, round: round + 1, onlyThisBatch: true },
        dedupeKey: `${RESPONSE_JOB}:${responseId}:after:${afterId}:round:${round + 1}`,
        runAt: new Date(now.getTime() + SIGNER_DAILY_CAP_HOURS * 3_600_000),
        priority: "bulk",
        tx,
      });
    }
    if (afterId === 0 && round === 0)
      await tx
        .update(decisionMakerResponses)
        .set({ signersNotifiedAt: now })
        .where(eq(decisionMakerResponses.id, responseId));
  });
  return { queued, deferred };
}

/** Responses for the organizers' petition page, newest first. */
export async function listResponsesForMember({
  actor,
  petitionId,
}: {
  actor: Actor;
  petitionId: number;
}) {
  await assertPetitionPermission({ actor, petitionId, permission: "petition.view" });
  return db
    .select({
      id: decisionMakerResponses.id,
      source: decisionMakerResponses.source,
      authorName: decisionMakerResponses.authorName,
      authorTitle: decisionMakerResponses.authorTitle,
      body: decisionMakerResponses.body,
      respondedAt: decisionMakerResponses.respondedAt,
      signersNotifiedAt: decisionMakerResponses.signersNotifiedAt,
      officeName: offices.name,
      city: offices.city,
    })
    .from(decisionMakerResponses)
    .leftJoin(offices, eq(offices.id, decisionMakerResponses.officeId))
    .where(eq(decisionMakerResponses.petitionId, petitionId))
    .orderBy(desc(decisionMakerResponses.respondedAt), desc(decisionMakerResponses.id));
}
