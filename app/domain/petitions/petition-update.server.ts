// Organizers' updates to signers: shown on the petition page and emailed to opted-in verified
// signers in their language, with unsubscribe, in bulk priority through the outbox. At most one
// update per petition per campaign interval (72 hours by default); never twice to one signer.
import { desc, eq } from "drizzle-orm";
import { db } from "#db/client";
import { campaigns, petitions, petitionUpdates, users } from "#db/schema";
import type { Locale } from "#db/schema/states";
import signerPetitionUpdate from "#emails/signer-petition-update";
import { env } from "~/lib/env.server";
import {
  assertCampaignPermission,
  assertPetitionPermission,
  ForbiddenError,
  type Actor,
} from "~/domain/team/authorization.server";
import { enqueueEmail, enqueueEmails } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { forgetPetitionNews } from "./petition-news.server";
import { petitionTitles } from "./petition-titles.server";
import { optedInSignerBatch } from "./signer-audience.server";
import type { UpdateInput, updateIntervalSchema } from "~/domain/offices/office-forms";
import { unsubscribeUrl as signatureUnsubscribeUrl } from "~/domain/signing/signer-links.server";
import type { z } from "zod";

export const UPDATE_BATCH_SIZE = 250;
export const UPDATE_JOB = "notify-signers-update";

/** Refused: the petition's last update is more recent than the campaign's interval allows. */
export class UpdateTooSoonError extends Error {
  name = "UpdateTooSoonError";
  status = 429;
  constructor(
    public lastPostedAt: Date,
    public nextAllowedAt: Date,
    public intervalHours: number,
  ) {
    super(
      `One update per ${intervalHours} hours: the next one can go out at ${nextAllowedAt.toISOString()}`,
    );
  }
}

async function petitionContext(petitionId: number) {
  const [row] = await db
    .select({
      campaignId: petitions.campaignId,
      slug: petitions.slug,
      defaultLocale: petitions.defaultLocale,
      intervalHours: campaigns.updateIntervalHours,
    })
    .from(petitions)
    .innerJoin(campaigns, eq(campaigns.id, petitions.campaignId))
    .where(eq(petitions.id, petitionId));
  return row ?? null;
}

async function authorize(
  actor: Actor,
  petitionId: number,
  permission: "petition.manage" | "petition.view",
) {
  await assertPetitionPermission({ actor, petitionId, permission });
  const ctx = await petitionContext(petitionId);
  if (!ctx) throw new ForbiddenError(permission, "No such petition");
  return ctx;
}

/**
 * Posts an update and queues its emails. The petition row is locked while the interval is checked,
 * so two organizers posting at once cannot both get through.
 */
export async function postUpdate({
  actor,
  petitionId,
  input,
  now = new Date(),
}: {
  actor: Actor;
  petitionId: number;
  input: UpdateInput;
  now?: Date;
}) {
  const ctx = await authorize(actor, petitionId, "petition.manage");
  const posted = await db.transaction(async (tx) => {
    await tx
      .select({ id: petitions.id })
      .from(petitions)
      .where(eq(petitions.id, petitionId))
      .for("update");
    const [last] = await tx
      .select({ postedAt: petitionUpdates.postedAt })
      .from(petitionUpdates)
      .where(eq(petitionUpdates.petitionId, petitionId))
      .orderBy(desc(petitionUpdates.postedAt))
      .limit(1);
    if (last) {
      const nextAllowedAt = new Date(last.postedAt.getTime() + ctx.intervalHours * 3_600_000);
      if (nextAllowedAt > now)
        throw new UpdateTooSoonError(last.postedAt, nextAllowedAt, ctx.intervalHours);
    }
    const [row] = await tx
      .insert(petitionUpdates)
      .values({ petitionId, ...input, postedBy: actor!.userId, postedAt: now })
      .returning();
    await enqueueJob({
      kind: UPDATE_JOB,
      payload: { updateId: row!.id },
      dedupeKey: `${UPDATE_JOB}:${row!.id}`,
      priority: "bulk",
      tx,
    });
    return row!;
  });
  forgetPetitionNews(petitionId);
  return posted;
}

/** When the next update may be posted (null: now). */
export async function nextUpdateAllowedAt({
  petitionId,
  now = new Date(),
}: {
  petitionId: number;
  now?: Date;
}) {
  const ctx = await petitionContext(petitionId);
  if (!ctx) return null;
  const [last] = await db
    .select({ postedAt: petitionUpdates.postedAt })
    .from(petitionUpdates)
    .where(eq(petitionUpdates.petitionId, petitionId))
    .orderBy(desc(petitionUpdates.postedAt))
    .limit(1);
  if (!last) return null;
  const next = new Date(last.postedAt.getTime() + ctx.intervalHours * 3_600_000);
  return next > now ? next : null;
}

const pick = (u: UpdateInput, locale: Locale) =>
  locale === "es" ? { title: u.titleEs, body: u.bodyEs } : { title: u.titleEn, body: u.bodyEn };

/** Sends the draft to the organizer alone, in both languages, marked as a test. Nothing is stored. */
export async function sendTestUpdate({
  actor,
  petitionId,
  input,
}: {
  actor: Actor;
  petitionId: number;
  input: UpdateInput;
}) {
  const ctx = await authorize(actor, petitionId, "petition.manage");
  const [me] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, actor!.userId));
  if (!me) throw new ForbiddenError("petition.manage");
  const t = await petitionTitles({ petitionId });
  const stamp = Date.now();
  for (const locale of ["en", "es"] as const) {
    await enqueueEmail({
      template: signerPetitionUpdate,
      props: {
        firstName: me.name.split(" ")[0] ?? me.name,
        petitionTitle: t.get(locale) ?? t.get(ctx.defaultLocale) ?? "",
        ...pick(input, locale),
        petitionUrl: `${env().APP_URL}/p/${ctx.slug}?lang=${locale}`,
        unsubscribeUrl: `${env().APP_URL}/p/${ctx.slug}`,
        test: true,
      },
      to: me.email,
      locale,
      dedupeKey: `signer-petition-update:test:${petitionId}:user:${actor!.userId}:${stamp}:${locale}`,
    });
  }
  return { to: me.email };
}

/** Queues one batch of an update's emails (signatures with id > afterId) and chains the next. */
export async function notifySignersOfUpdateBatch({
  updateId,
  afterId = 0,
  batchSize = UPDATE_BATCH_SIZE,
}: {
  updateId: number;
  afterId?: number;
  batchSize?: number;
}) {
  const [update] = await db.select().from(petitionUpdates).where(eq(petitionUpdates.id, updateId));
  if (!update) return { queued: 0 };
  const ctx = await petitionContext(update.petitionId);
  if (!ctx) return { queued: 0 };
  const t = await petitionTitles({ petitionId: update.petitionId });
  const batch = await optedInSignerBatch({ petitionId: update.petitionId, afterId, batchSize });
  let queued = 0;
  await db.transaction(async (tx) => {
    // One statement for the batch: one round trip, and the transaction is short.
    const emails = batch.map((s) => {
      const locale = s.locale as Locale;
      const unsubscribeUrl = signatureUnsubscribeUrl(s.id);
      return {
        template: signerPetitionUpdate,
        props: {
          firstName: s.firstName,
          petitionTitle: t.get(locale) ?? t.get(ctx.defaultLocale) ?? "",
          ...pick(update, locale),
          petitionUrl: `${env().APP_URL}/p/${ctx.slug}?lang=${locale}#updates`,
          unsubscribeUrl,
          test: false,
        },
        to: s.email,
        locale,
        dedupeKey: `signer-petition-update:update:${updateId}:signature:${s.id}`,
        unsubscribeUrl,
        priority: "bulk" as const,
      };
    });
    queued = await enqueueEmails(emails, tx);
    const last = batch[batch.length - 1];
    if (last && batch.length === batchSize)
      await enqueueJob({
        kind: UPDATE_JOB,
        payload: { updateId, afterId: last.id },
        dedupeKey: `${UPDATE_JOB}:${updateId}:after:${last.id}`,
        priority: "bulk",
        tx,
      });
  });
  return { queued };
}

/** Updates for the organizers' page, newest first. */
export async function listUpdatesForMember({
  actor,
  petitionId,
}: {
  actor: Actor;
  petitionId: number;
}) {
  await authorize(actor, petitionId, "petition.view");
  return db
    .select()
    .from(petitionUpdates)
    .where(eq(petitionUpdates.petitionId, petitionId))
    .orderBy(desc(petitionUpdates.postedAt));
}

/** The campaign setting: hours between two updates of one petition (owners, like other settings). */
export async function setUpdateInterval({
  actor,
  campaignId,
  input,
}: {
  actor: Actor;
  campaignId: number;
  input: z.infer<typeof updateIntervalSchema>;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.update" });
  await db
    .update(campaigns)
    .set({ updateIntervalHours: input.updateIntervalHours, updatedAt: new Date() })
    .where(eq(campaigns.id, campaignId));
}
