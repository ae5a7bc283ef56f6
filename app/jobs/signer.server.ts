import { reconcileCount } from "~/domain/petitions/petition-count.server";
import { expirePendingSignatures } from "~/domain/signing/sign-housekeeping.server";
import { sendConfirmationEmails, sendThankYouEmail } from "~/domain/signing/signer-emails.server";
import { finishJobs } from "~/jobs/queue.server";
import type { JobKind } from "./kinds";
import type { JobHandlers, JobOf } from "./types";

export const SEND_CONFIRMATIONS = "signature.send-confirmations" satisfies JobKind;

/**
 * Many sign batches' confirmation jobs at once: one read of their signatures, one outbox insert,
 * one update marking them done. A crowd signing thousands a second makes a job per batch; taken
 * one at a time they fell minutes behind. The raw tokens then live only in the queued emails.
 */
export async function sendConfirmationBatches(claimed: JobOf<typeof SEND_CONFIRMATIONS>[]) {
  const items = claimed.flatMap((job) => job.payload.items);
  await sendConfirmationEmails({ items });
  await finishJobs(
    claimed.map((j) => j.id),
    { sent: items.length },
  );
}

export const signerHandlers: JobHandlers<
  | typeof SEND_CONFIRMATIONS
  | "signature.send-thank-you"
  | "signature.expire-pending"
  | "petition.reconcile-count"
> = {
  async [SEND_CONFIRMATIONS](job) {
    await sendConfirmationBatches([job]);
  },
  async "signature.send-thank-you"(job) {
    await sendThankYouEmail({ signatureId: job.payload.signatureId });
  },
  async "signature.expire-pending"() {
    await expirePendingSignatures();
  },
  async "petition.reconcile-count"(job) {
    await reconcileCount({ petitionId: job.payload.petitionId });
  },
};
