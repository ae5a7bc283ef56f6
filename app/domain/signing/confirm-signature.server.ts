// Confirming a signature from its email link: the page only looks (scanners follow GETs), the
// POST confirms. Confirmations arriving together share one statement (group commit, as signing
// does), which also counts them and queues the thank-you emails and webhook events.
import { eq, sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { signatures } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { webhookEventCtes } from "~/domain/integrations/webhook-events.server";
import { verifiedCountCtes } from "~/domain/petitions/petition-count.server";
import { enqueueJob, jobInsertCte } from "~/jobs/queue.server";
import { sha256 } from "~/lib/crypto.server";
import { createGroupCommit } from "~/lib/group-commit.server";
import { errorKind } from "~/lib/log.server";
import { petitionTitle } from "./petition-title.server";
import { batchConcurrency } from "./sign-settings.server";

export type ConfirmState = "pending" | "verified" | "expired" | "invalid";

async function signatureByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [s] = await db
    .select({
      id: signatures.id,
      status: signatures.status,
      petitionId: signatures.petitionId,
      confirmExpiresAt: signatures.confirmExpiresAt,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(eq(signatures.confirmTokenHash, sha256(token)));
  return s ?? null;
}

export type ConfirmLookup = {
  state: ConfirmState;
  petitionId: number | null;
  signatureLocale: Locale | null;
};

/** What a confirmation link stands for, in one read; nothing personal comes back. */
export async function lookupConfirmation({ token }: { token: string }): Promise<ConfirmLookup> {
  const s = await signatureByToken(token);
  if (!s) return { state: "invalid", petitionId: null, signatureLocale: null };
  const state: ConfirmState =
    s.status === "verified"
      ? "verified"
      : s.status === "pending" && s.confirmExpiresAt && s.confirmExpiresAt > new Date()
        ? "pending"
        : s.status === "pending" || s.status === "expired"
          ? "expired"
          : "invalid";
  return { state, petitionId: s.petitionId, signatureLocale: s.locale };
}

/**
 * What the confirmation page shows for a link. Never changes anything (scanners follow GETs).
 * `found`: a lookup already made (the shared render of the page passes one and no token).
 */
export async function describeConfirmation({
  token,
  locale,
  found,
}: {
  token: string;
  locale?: Locale;
  found?: ConfirmLookup;
}) {
  const f = found ?? (await lookupConfirmation({ token }));
  if (f.petitionId === null) return { ...f, petition: null };
  const petition = await petitionTitle({
    petitionId: f.petitionId,
    locale: locale ?? f.signatureLocale ?? "en",
  });
  return { ...f, petition };
}

/** Confirms a pending signature (POST only). Counts it, thanks the signer, asks for a goal check. */
export async function confirmSignature({
  token,
}: {
  token: string;
}): Promise<{ state: ConfirmState; petitionId?: number; signatureId?: number }> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { state: "invalid" };
  const confirmed = await confirmations.submit(sha256(token));
  if (!confirmed) {
    const again = await lookupConfirmation({ token });
    return { state: again.state === "pending" ? "invalid" : again.state };
  }
  await askForGoalCheck(confirmed.petitionId);
  return { state: "verified", ...confirmed };
}

// Confirmations arriving together share one statement (group commit, as signing does): a crowd
// confirming at once would otherwise queue one by one on its petition's count row.
const confirmations = createGroupCommit<string, { petitionId: number; signatureId: number } | null>(
  {
    maxBatch: 200,
    maxInFlight: batchConcurrency,
    onFailure: (error, size) =>
      console.error(`confirm: a batch of ${size} failed (${errorKind(error)}); retrying in halves`),
    flush: async (hashes) => {
      // One statement: the status changes, their count, the thank-you jobs and any webhook events
      // commit together or not at all.
      const done = await rows<{ id: number; petition_id: number; confirm_token_hash: string }>(
        db,
        sql`with wanted as (
            select distinct h as hash from jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb) as h
          ),
          confirmed as (
            update signatures s set status = 'verified', verified_at = now(), confirm_expires_at = null
            from wanted w
            where s.confirm_token_hash = w.hash and s.status = 'pending' and s.confirm_expires_at > now()
            returning s.id, s.petition_id, s.confirm_token_hash
          ),
          ${verifiedCountCtes(sql`confirmed`)},
          thank_you as (${jobInsertCte({
            kind: "signature.send-thank-you",
            payloadSql: sql`jsonb_build_object('signatureId', id)`,
            dedupeKeySql: sql`'signature-thank-you:' || id`,
            fromSql: sql`from confirmed`,
          })}),
          ${webhookEventCtes(
            "signature.verified",
            sql`(select c.id::text as event_key, p.campaign_id,
                        jsonb_build_object('signatureId', c.id, 'petitionId', c.petition_id) as subject
                 from confirmed c join petitions p on p.id = c.petition_id)`,
          )}
          select id, petition_id, confirm_token_hash, (select count(*) from count_added) as counted
          from confirmed`,
      );
      const byHash = new Map(
        done.map((r) => [
          r.confirm_token_hash,
          { petitionId: Number(r.petition_id), signatureId: Number(r.id) },
        ]),
      );
      return hashes.map((h) => byHash.get(h) ?? null);
    },
  },
);

/** Graceful shutdown: every confirmation under way is committed (or failed) first. */
export const drainConfirmations = () => confirmations.drain();

// The minute each petition's goal check was last asked for, in this process.
const goalCheckAsked = new Map<number, number>();

/**
 * Asks, at most once a minute per petition and process, whether the goal was reached. Outside
 * the confirmation's transaction: inserting the same job key from every confirmation made them
 * wait on each other's commits, one at a time. A check lost to a crash is asked for again by the
 * next confirmation (the job recounts; it does not depend on which confirmation asked).
 */
async function askForGoalCheck(petitionId: number) {
  const minute = Math.floor(Date.now() / 60_000);
  if (goalCheckAsked.get(petitionId) === minute) return;
  goalCheckAsked.set(petitionId, minute);
  if (goalCheckAsked.size > 10_000) goalCheckAsked.clear();
  try {
    await enqueueJob({
      kind: "petition.check-goal",
      payload: { petitionId },
      dedupeKey: `check-goal:${petitionId}:${minute}`,
    });
  } catch (error) {
    // The signature is confirmed and counted; the goal is checked on a later confirmation.
    goalCheckAsked.delete(petitionId);
    console.error(`goal check not queued: ${errorKind(error)}`);
  }
}
